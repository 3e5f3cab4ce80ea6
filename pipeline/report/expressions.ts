/**
 * The report's table of multi-word expressions (analyses/ngrams.ts): the
 * most frequent 2- and 3-word expressions with their range, G² and whether
 * the dictionary covers them, and the candidate dictionary entries. All
 * n-grams are in data/ngrams.csv.
 */
import type { NgramRow } from '../../analyses/ngrams.js';
import { esc, formatInt } from './html.js';

/** Expressions shown in the report's table. */
export const EXPRESSIONS_SHOWN = 20;

export function expressionsSection(rows: readonly NgramRow[]): string {
  const shown = rows.filter((r) => r.n <= 3).slice(0, EXPRESSIONS_SHOWN);
  if (shown.length === 0) return '';
  const candidates = rows.filter((r) => r.candidate);
  const body = shown
    .map(
      (r) =>
        `<tr><td>${esc(r.ngram)}</td><td class="num">${formatInt(r.count)}</td>` +
        `<td class="num">${formatInt(r.meetings)}</td><td class="num">${formatInt(r.speakers)}</td>` +
        `<td class="num">${r.g2 === null ? '' : esc(r.g2.toFixed(1))}${r.attracted === false ? ' (repelled)' : ''}</td>` +
        `<td>${r.in_dictionary ? esc(r.in_dictionary) : r.candidate ? '<strong>candidate</strong>' : ''}</td></tr>`,
    )
    .join('\n');
  const list =
    candidates.length > 0
      ? `<p>Candidate dictionary entries (used 5 or more times in 2 or more meetings, not covered by the dictionary, not a name): ${candidates
          .slice(0, 30)
          .map((r) => `${esc(r.ngram)} (${formatInt(r.count)})`)
          .join(
            ', ',
          )}${candidates.length > 30 ? `, and ${formatInt(candidates.length - 30)} more in data/ngrams.csv` : ''}.</p>`
      : '<p>No candidate dictionary entries: every frequent expression is covered by the dictionary or is a name.</p>';
  return `<section id="expressions" aria-labelledby="expressions-h">
<h2 id="expressions-h">Multi-word expressions</h2>
<p>The ${formatInt(shown.length)} most frequent expressions of two or three words (runs of words inside one sentence and one stretch of speech, not starting or ending with a stop word), with their range: the meetings and the speakers that use them. G² (Dunning 1993) measures how much more often the words occur together than apart (for three words, the weaker of the two ways to split them). "Dictionary" names the key whose match covers the expression in the text. Every expression used at least 3 times is in <a href="data/ngrams.csv">data/ngrams.csv</a>.</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">Expression</th><th scope="col" class="num">Uses</th><th scope="col" class="num">Meetings</th><th scope="col" class="num">Speakers</th><th scope="col" class="num">G²</th><th scope="col">Dictionary</th></tr></thead>
<tbody>
${body}
</tbody>
</table></div>
${list}
</section>`;
}
