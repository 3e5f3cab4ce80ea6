/**
 * The reading view of a record the page does not inline, on what `npm run
 * analyze` writes for 60 synthetic meetings (the page inlines the first 50
 * by date): the page draws it from the record's entry in the speech files
 * (pipeline/report/reading-client.ts), and it must be the very HTML the page
 * inlines for the earliest records (pipeline/report/reading.ts) — the same
 * headings, meta line, highlights and turn anchors. Checked for every
 * record in Node, and in a real Chromium for a record opened from a
 * concordance line and from a link to one of its turns (skipped with a
 * message when no Chromium is installed).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../pipeline/bench/report-load.js';
import { writeSyntheticCorpus } from '../pipeline/bench/synth.js';
import { readCorpusRecord } from '../pipeline/corpus-json.js';
import { parseCsv } from '../pipeline/csv.js';
import { readingLayout, speechRecord, withLayout } from '../pipeline/report/evidence-data.js';
import {
  MAX_READING_DOCS,
  readingParagraphs,
  renderTranscript,
} from '../pipeline/report/reading.js';
import { READING_JS } from '../pipeline/report/reading-client.js';
import type { Transcript } from '../pipeline/types.js';
import { buildFixture } from './fixtures/report/fixture.js';
import { REPO, runCli } from './helpers.js';

const executablePath = findChromium();
if (!executablePath) {
  console.warn(
    '\n*** tests/reading-records.test.ts: the Chromium part is SKIPPED: no Chromium found ' +
      '(looked for $CHROMIUM_PATH, /usr/bin/chromium, chromium, chromium-browser, google-chrome). ***\n',
  );
}

const DOCS = 60;
const work = mkdtempSync(join(tmpdir(), 'atr-reading-'));
const out = join(work, 'out');
afterAll(() => rmSync(work, { recursive: true, force: true }));

type SpeechEntry = [string, string[], string[], string[], unknown[][], unknown?];
interface PageData {
  docs: Record<string, { anchor: string; speech?: number }>;
  sideIndex: Record<string, number>;
  evidence: { order: string[]; speechFiles: string[] };
}
interface KwicLine {
  phrase: string;
  doc_id: string;
  turn: number;
  match: string;
}

/** The page's renderer (a function expression in a string), run here. */
const render = new Function(`return ${READING_JS}`)() as (
  r: SpeechEntry,
  anchor: string,
  sideIndex: Record<string, number>,
) => string;

let data: PageData;
let html: string;
const entries = new Map<string, SpeechEntry>();
const kwicOf = new Map<string, KwicLine[]>();
const transcript = (doc: string): Transcript =>
  readCorpusRecord(readFileSync(join(out, 'corpus', `${doc}.json`), 'utf8'));

/** What the page inlines for a record: the pipeline's own renderer, with the page's anchors and side classes. */
function inlined(doc: string): string {
  return renderTranscript(transcript(doc), kwicOf.get(doc) ?? [], {
    anchor: () => data.docs[doc]!.anchor,
    sideClass: (side) => `side-${data.sideIndex[side] ?? 0}`,
  });
}

beforeAll(async () => {
  const corpus = join(work, 'corpus');
  await writeSyntheticCorpus({ sourceCorpus: join(REPO, 'corpus'), outDir: corpus, docs: DOCS });
  const run = runCli(['--corpus', corpus, '--out', out, '--no-cache', '--quiet'], 600_000);
  expect(run.code, run.stderr).toBe(0);
  html = readFileSync(join(out, 'index.html'), 'utf8');
  const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  data = JSON.parse(block![1]!);
  for (const f of data.evidence.speechFiles) {
    const js = readFileSync(join(out, f), 'utf8');
    const body =
      /^\(window\.REPORT_SPEECH=window\.REPORT_SPEECH\|\|\[\]\)\.push\(\n([\s\S]*)\n\);\n$/.exec(
        js,
      );
    for (const e of JSON.parse(`[${body![1]}]`) as SpeechEntry[]) entries.set(e[0], e);
  }
  for (const k of parseCsv(readFileSync(join(out, 'data', 'kwic.csv'), 'utf8'))) {
    const list = kwicOf.get(k.doc_id!) ?? [];
    list.push({ phrase: k.phrase!, doc_id: k.doc_id!, turn: Number(k.turn), match: k.match! });
    kwicOf.set(k.doc_id!, list);
  }
}, 600_000);

describe('the reading view drawn from the speech files', () => {
  it('writes no per-record files: a record past the inlined ones is in its speech entry', () => {
    expect(existsSync(join(out, 'report-data', 'records'))).toBe(false);
    expect(readdirSync(join(out, 'report-data')).every((f) => /^speech-\d{4}\.js$/.test(f))).toBe(
      true,
    );
    const order = data.evidence.order;
    expect(order.length).toBe(DOCS);
    order.forEach((doc, i) => {
      const past = i >= MAX_READING_DOCS;
      // Only the records the page does not inline carry a layout, and say which file holds it.
      expect(entries.get(doc)!.length, doc).toBe(past ? 6 : 5);
      expect(data.docs[doc]!.speech !== undefined, doc).toBe(past);
      if (past) {
        const file = data.evidence.speechFiles[data.docs[doc]!.speech!]!;
        expect(readFileSync(join(out, file), 'utf8')).toContain(`[${JSON.stringify(doc)},`);
        expect(entries.get(doc)![5]).toEqual(JSON.parse(readingLayout(transcript(doc))));
      }
    });
  });

  it('draws every record as the page inlines it, character for character', () => {
    let marks = 0;
    data.evidence.order.forEach((doc, i) => {
      const expected = inlined(doc);
      if (i < MAX_READING_DOCS) expect(html.includes(expected), doc).toBe(true);
      const e = entries.get(doc)!;
      const entry: SpeechEntry = e[5]
        ? e
        : [e[0], e[1], e[2], e[3], e[4], JSON.parse(readingLayout(transcript(doc)))];
      const drawn = render(entry, data.docs[doc]!.anchor, data.sideIndex);
      expect(drawn, doc).toBe(expected);
      marks += drawn.split('<mark ').length - 1;
    });
    // Highlights were there to compare.
    expect(marks).toBeGreaterThan(DOCS);
  });
});

describe('the reading view drawn from a speech entry, on the report fixture', () => {
  it('escapes the markup in hostile records as the inlined view does', () => {
    const fx = buildFixture({ hostile: true });
    const sideIndex = { Albania: 1, DPRK: 2, Unknown: 3 };
    let hostile = 0;
    for (const t of fx.transcripts) {
      const hits = fx.tables.kwic.filter((k) => k.doc_id === t.docId) as Array<
        (typeof fx.tables.kwic)[number] & { start: number }
      >;
      const entry = withLayout(
        Buffer.from(speechRecord(t, hits, [], { keys: [], test: [] }), 'utf8'),
        Buffer.from(readingLayout(t), 'utf8'),
      );
      const expected = renderTranscript(t, hits, {
        anchor: () => 'doc-x',
        sideClass: (side) => `side-${sideIndex[side as keyof typeof sideIndex] ?? 0}`,
      });
      expect(
        render(JSON.parse(Buffer.from(entry).toString('utf8')), 'doc-x', sideIndex),
        t.docId,
      ).toBe(expected);
      if (t.text.includes('<')) {
        hostile++;
        expect(expected).toContain('&lt;');
      }
    }
    expect(hostile).toBeGreaterThan(0);
  });
});

describe.skipIf(!executablePath)('a record past the inlined ones, in Chromium', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  async function open(hash = ''): Promise<{ page: Page; errors: string[]; loaded: string[] }> {
    context ??= await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
    const page = await context.newPage();
    const errors: string[] = [];
    const loaded: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (url.includes('/report-data/')) loaded.push(url.replace(/^.*\/report-data\//, ''));
      else if (!url.startsWith('file:') && !url.startsWith('data:')) errors.push(`request: ${url}`);
    });
    await page.goto(pathToFileURL(join(out, 'index.html')).href + hash, { waitUntil: 'load' });
    return { page, errors, loaded };
  }

  /** The record's article as drawn, without the button that closes it or the mark on the turn opened, and as the page would inline it, both serialised by the browser. */
  async function compare(page: Page, doc: string): Promise<{ drawn: string; inline: string }> {
    const anchor = data.docs[doc]!.anchor;
    return page.evaluate<{ drawn: string; inline: string }>(
      `(() => {
        const art = document.getElementById(${JSON.stringify(anchor)}).cloneNode(true);
        art.querySelector('button.close-record').remove();
        // The turn a link opened at is marked for two seconds.
        [art, ...art.querySelectorAll('.target')].forEach((el) => el.classList.remove('target'));
        const tpl = document.createElement('template');
        tpl.innerHTML = arguments[0];
        return { drawn: art.outerHTML, inline: tpl.content.firstElementChild.outerHTML };
      })()`.replace('arguments[0]', JSON.stringify(inlined(doc))),
    );
  }

  it('opens from a concordance line at its turn, with its text and highlights', async () => {
    const order = data.evidence.order;
    const doc = order.slice(MAX_READING_DOCS + 5).find((d) => (kwicOf.get(d) ?? []).length > 0)!;
    expect(order.indexOf(doc)).toBeGreaterThanOrEqual(MAX_READING_DOCS);
    const anchor = data.docs[doc]!.anchor;
    const lines = kwicOf.get(doc)!;
    const { page, errors } = await open();
    expect(await page.locator(`#${anchor}`).count()).toBe(0);
    await page.selectOption('#conc-doc', doc);
    await page.selectOption('#conc-phrase', lines[0]!.phrase);
    await page.waitForSelector('#conc-body[data-ms] tr a', { timeout: 60_000 });
    const link = page.locator('#conc-body tr a').first();
    const href = (await link.getAttribute('href'))!;
    const turn = Number(await link.getAttribute('data-turn'));
    expect(href).toBe(`#${anchor}-t${turn}`);
    await link.click();
    await page.waitForSelector(href, { timeout: 30_000 });

    // The anchor: the line's turn, in the record's article, in its side's colour; the address follows.
    const at = page.locator(`article#${anchor}[data-doc="${doc}"] ${href}`);
    expect(await at.count()).toBe(1);
    expect(await at.getAttribute('data-turn')).toBe(String(turn));
    expect(await at.getAttribute('class')).toMatch(/^turn side-\d+( target)?$/);
    expect(await page.evaluate<string>('location.hash')).toBe(href);

    // The text: each paragraph's segments as normalised.
    const t = transcript(doc);
    const paragraphs = readingParagraphs(t).map((segs) =>
      segs.map((s) => t.text.slice(s.start, s.end)).join(''),
    );
    expect(
      await page
        .locator(`article#${anchor} .reading > p`)
        .evaluateAll((ps) => ps.map((p) => p.textContent)),
    ).toEqual(paragraphs);
    expect(await page.locator(`article#${anchor} h3`).innerText()).toBe(
      `${t.metadata.date} · ${t.metadata.title || doc}`,
    );

    // The highlights: each a dictionary match of its turn, titled with its key.
    const marks = await page
      .locator(`article#${anchor} mark`)
      .evaluateAll((ms) =>
        ms.map((m) => [
          Number(m.closest('p')!.getAttribute('data-turn')),
          (m.textContent ?? '').replace(/\s+/g, ' '),
          m.getAttribute('title'),
        ]),
      );
    const article = page.locator(`article#${anchor}`);
    expect(Number(await article.getAttribute('data-matches'))).toBe(lines.length);
    expect(marks.length).toBe(Number(await article.getAttribute('data-highlighted')));
    expect(marks.length).toBeGreaterThan(0);
    const known = new Set(lines.map((k) => JSON.stringify([k.turn, k.match, k.phrase])));
    for (const m of marks) expect(known.has(JSON.stringify(m)), JSON.stringify(m)).toBe(true);

    // All of it: the HTML the page would inline for it.
    const { drawn, inline } = await compare(page, doc);
    expect(drawn).toBe(inline);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('opens from a link to one of its turns, loading only its own speech file', async () => {
    const doc = data.evidence.order.at(-1)!;
    const anchor = data.docs[doc]!.anchor;
    const { page, errors, loaded } = await open(`#${anchor}-t2`);
    await page.waitForSelector(`article#${anchor} #${anchor}-t2`, { timeout: 30_000 });
    expect(loaded).toEqual([
      data.evidence.speechFiles[data.docs[doc]!.speech!]!.replace(/^report-data\//, ''),
    ]);
    const { drawn, inline } = await compare(page, doc);
    expect(drawn).toBe(inline);
    // Closed, it can be opened again.
    await page.click(`article#${anchor} button.close-record`);
    expect(await page.locator(`#${anchor}`).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
