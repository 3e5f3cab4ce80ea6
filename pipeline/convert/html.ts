/**
 * A saved archive web page (e.g. a Wilson Center Digital Archive record
 * page) → the record's text, one paragraph a line. Parsed with
 * hast-util-from-html (parse5, the browsers' HTML parsing algorithm); the
 * text is hast-util-to-text's innerText, so block elements (p, div, h1, li…)
 * become paragraphs and inline markup disappears.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { matches, select } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { decode } from '../decode.js';
import type { Conversion } from './conversion.js';

/**
 * Where a page keeps its main content, most specific first. The first one
 * with text left once the chrome is dropped is the record; the body is the
 * last resort.
 */
const RECORD = ['main', '[role=main]', 'article', '#main-content', '#content', '.record', 'body'];

/** Never part of a record, wherever they are. */
const CHROME =
  'script, style, noscript, template, iframe, object, svg, canvas, nav, aside, form, button, select, footer, dialog, [role=navigation], [role=search], [role=contentinfo], [hidden], [aria-hidden=true]';

/** The site's banner: chrome when the record is the whole body, the record's own heading inside <main>. */
const SITE_HEADER = 'header, [role=banner]';

export function htmlToText(bytes: Uint8Array): Conversion {
  const decoded = decode(bytes);
  const tree = fromHtml(decoded.text);
  for (const selector of RECORD) {
    const root = select(selector, tree);
    if (!root) continue;
    const drop = selector === 'body' ? `${CHROME}, ${SITE_HEADER}` : CHROME;
    const text = paragraphs(toText(withoutChrome(root, drop)));
    if (text !== '') return { ...decoded, text };
  }
  return {
    rule: 'ingest/html-no-record',
    message:
      'found no record in this web page (no <main>, <article> or body text once navigation, scripts and footers are dropped); save the record page itself, or its text as a .txt file',
  };
}

/** A copy of `node` without the elements matching `selector` (hast trees are plain data). */
function withoutChrome<T extends Element | Root>(node: T, selector: string): T {
  const children = node.children
    .filter((c) => !(c.type === 'element' && matches(selector, c)))
    .map((c) => (c.type === 'element' ? withoutChrome(c, selector) : c));
  return { ...node, children } as T;
}

/** innerText → one paragraph a line: lines trimmed, blank lines dropped, paragraphs separated by a blank line. */
function paragraphs(text: string): string {
  return text
    .split(/\n/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n\n');
}
