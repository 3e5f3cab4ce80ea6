import { parseDate } from './describe.js';
import type { Paragraph, Zones } from './paragraphs.js';
import type { Diagnostic } from './types.js';
import { countWords } from './words.js';

/** Labelled paragraphs after the trailer that mark a further record (one could be a stray "Name: …"). */
const MIN_LABELS_AFTER = 2;

/**
 * A file that holds several records one after another: everything after the
 * first record's trailer is trailer, so the later records are not analysed.
 * They are recognised by their own speaker labels (at least two) after the
 * trailer began; the warning says how much text that is and where it starts
 * (its date line, if one comes before the first of those labels).
 *
 * The file is not split: doc_id, the per-document outputs and corpus.yaml
 * overrides are all per file, and a split guessed from a date line could cut
 * a record in the wrong place. One record per file is what the README asks.
 */
export function unanalysedRecords(
  paragraphs: readonly Paragraph[],
  zones: Zones,
  text: string,
  original: string,
  file: string,
): Diagnostic | undefined {
  if (zones.firstTurn < 0) return undefined;
  let labels = 0;
  let first = -1;
  let start = -1;
  for (let i = zones.trailer + 1; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (zones.labels[i]) {
      labels++;
      if (first < 0) first = i;
    } else if (first < 0 && parseDate(p.text) && p.text.split(' ').length <= 6) {
      start = i;
    }
  }
  if (labels < MIN_LABELS_AFTER) return undefined;
  // The date line nearest before the first label opens the appended record.
  const from = paragraphs[start >= 0 && start < first ? start : first]!;
  const rest = text.slice(from.start);
  const words = countWords(rest);
  const share = ((100 * rest.length) / Math.max(1, text.length)).toFixed(1);
  return {
    file,
    line: rawLineOf(text, original, from),
    rule: 'segment/unanalysed-records',
    severity: 'warning',
    message: `${rest.length.toLocaleString('en-US')} characters (${words.toLocaleString('en-US')} words, ${share}% of the text) from this line on were not analysed: they come after the record's trailer but have ${labels} speaker labels of their own, as if further records were appended; put each record in a file of its own`,
  };
}

/**
 * Line in the raw file of a paragraph whose opening words may occur earlier
 * too (a second record repeats the first one's date line): the same
 * occurrence, counted from the start, in the raw text as in the normalised.
 */
function rawLineOf(text: string, original: string, p: Paragraph): number | undefined {
  const probe = p.text.slice(0, 24);
  let k = 0;
  for (let at = text.indexOf(probe); at >= 0 && at < p.start; at = text.indexOf(probe, at + 1)) k++;
  let at = original.indexOf(probe);
  for (; at >= 0 && k > 0; k--) at = original.indexOf(probe, at + 1);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = original.indexOf('\n'); i >= 0 && i < at; i = original.indexOf('\n', i + 1)) line++;
  return line;
}
