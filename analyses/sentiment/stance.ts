/**
 * What the stance benchmark found (analyses/sentiment/stance.json, written by
 * `npm run bench -- --stance --write-stance`), as the sentence the captions
 * and the methods paragraph print: generated from the file, never typed.
 */

export interface StanceSummary {
  file: string;
  n: number;
  for: number;
  against: number;
  majority_share: number;
  scorers: Array<{
    scorer: string;
    n: number;
    pearson: number;
    pearson_ci: [number, number];
    sign_accuracy: number;
    sign_accuracy_ci: [number, number];
  }>;
}

/** Parses stance.json; undefined when it is not one (the text then says it was not measured). */
export function parseStance(json: string): StanceSummary | undefined {
  try {
    const v = JSON.parse(json) as StanceSummary;
    const project = v.scorers?.find((s) => s.scorer === 'project');
    if (!project || typeof v.n !== 'number' || typeof project.pearson !== 'number')
      return undefined;
    return v;
  } catch {
    return undefined;
  }
}

const signed3 = (x: number): string => (x < 0 ? `−${Math.abs(x).toFixed(3)}` : x.toFixed(3));
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const LABELS: Record<string, string> = { wink: 'raw wink-nlp', vader: 'VADER', afinn: 'AFINN' };

/**
 * "Tone is not stance: …" with the project scorer's r and sign accuracy and
 * their intervals, the majority-label share and the other scorers' r.
 */
export function stanceText(s: StanceSummary | undefined): string {
  if (!s)
    return 'Whether these tone scores say anything about stance (for or against something) has not been measured for this report; read them as tone only.';
  const p = s.scorers.find((x) => x.scorer === 'project')!;
  const others = s.scorers
    .filter((x) => x.scorer !== 'project')
    .map((x) => `${LABELS[x.scorer] ?? x.scorer} ${signed3(x.pearson)}`);
  const atChance =
    p.pearson_ci[0] <= 0 &&
    p.pearson_ci[1] >= 0 &&
    p.sign_accuracy_ci[0] <= 0.5 &&
    p.sign_accuracy_ci[1] >= 0.5;
  const versusMajority =
    p.sign_accuracy_ci[1] < s.majority_share
      ? `below the ${pct(s.majority_share)} of always guessing the commoner label`
      : p.sign_accuracy_ci[0] > s.majority_share
        ? `above the ${pct(s.majority_share)} of always guessing the commoner label`
        : `not distinguishable from the ${pct(s.majority_share)} of always guessing the commoner label`;
  return (
    `Tone is not stance: on ${s.n.toLocaleString('en-US')} ${
      /handeset/i.test(s.file)
        ? 'UK House of Commons speeches labelled by hand as for or against the motion (HanDeSeT; Abercrombie and Batista-Navarro 2018)'
        : `speeches labelled by hand as for or against (${s.file})`
    }, ` +
    `this scorer's score correlates with the label at r = ${signed3(p.pearson)} (95% interval ${signed3(p.pearson_ci[0])} to ${signed3(p.pearson_ci[1])}) ` +
    `and its sign matches the label for ${pct(p.sign_accuracy)} of the speeches (95% interval ${pct(p.sign_accuracy_ci[0])} to ${pct(p.sign_accuracy_ci[1])}), ` +
    (atChance ? 'no better than chance and ' : '') +
    versusMajority +
    (others.length > 0 ? ` (other lexicon scorers: r ${others.join(', ')})` : '') +
    (atChance
      ? `. By this measure the tone of a sentence that mentions a target says nothing about the speaker's attitude to it.`
      : `. Even so, tone is at most a weak, indirect sign of a speaker's attitude; read the sentences.`)
  );
}
