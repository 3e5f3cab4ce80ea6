/**
 * Human-rated sentiment benchmark: reading VADER's ground-truth files and
 * measuring a scorer's agreement with the human means. Pure except for the
 * clock passed in for throughput.
 */

import { ConfigError } from '../../pipeline/errors.js';
import { pearson, signAccuracy, spearman, zeroShare } from './metrics.js';

export interface Snippet {
  id: string;
  /** Mean human rating, -4 … +4. */
  rating: number;
  text: string;
}

/**
 * Parses "ID <TAB> MEAN <TAB> TEXT" lines (CRLF or LF, no header). A text may
 * itself contain tabs: everything after the second tab is the text. Blank
 * lines are skipped; anything else malformed stops with file and line.
 */
export function parseGroundTruth(content: string, file: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const t1 = line.indexOf('\t');
    const t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
    if (t2 < 0) {
      throw new ConfigError(
        file,
        i + 1,
        `expected "ID<TAB>mean rating<TAB>text", found ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    const rating = Number(line.slice(t1 + 1, t2));
    if (!Number.isFinite(rating) || line.slice(t1 + 1, t2).trim() === '') {
      throw new ConfigError(
        file,
        i + 1,
        `expected a numeric mean rating, found ${JSON.stringify(line.slice(t1 + 1, t2))}`,
      );
    }
    out.push({ id: line.slice(0, t1), rating, text: line.slice(t2 + 1) });
  }
  return out;
}

/**
 * The unit sentences cluster in: the article (NYT "12_3" → "12") or product
 * (Amazon) for IDs of the form "<text>_<sentence>", else the snippet itself.
 * Cross-validation folds are drawn over these groups.
 */
export function snippetGroup(id: string): string {
  const u = id.indexOf('_');
  return u < 0 ? id : id.slice(0, u);
}

export interface AgreementResult {
  file: string;
  scorer: string;
  n: number;
  pearson: number;
  spearman: number;
  /** Share of snippets scored exactly 0. */
  zero_share: number;
  /** Sign agreement on snippets with |mean rating| ≥ 1. */
  sign_accuracy: number;
  sign_n: number;
  /** Snippets per second (wall clock; not deterministic). */
  per_s: number;
}

/** Agreement figures of `scores` against the snippets' human means. */
export function agreement(
  file: string,
  scorer: string,
  snippets: readonly Snippet[],
  scores: readonly number[],
  seconds: number,
): AgreementResult {
  const truth = snippets.map((s) => s.rating);
  const sign = signAccuracy(scores, truth, 1);
  return {
    file,
    scorer,
    n: snippets.length,
    pearson: pearson(scores, truth),
    spearman: spearman(scores, truth),
    zero_share: zeroShare(scores),
    sign_accuracy: sign.accuracy,
    sign_n: sign.n,
    per_s: seconds > 0 ? snippets.length / seconds : Number.POSITIVE_INFINITY,
  };
}
