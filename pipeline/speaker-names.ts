import { stringify } from 'yaml';
import { type LabelMatch, stripTitles, TITLE_WORDS } from './paragraphs.js';
import { createResolver } from './registry.js';
import type { Registry, Speaker, Transcript } from './types.js';

/** Who the labels of one record name: registry speakers, or display names for the rest. */
export interface LabelNames {
  /**
   * Paragraph index → registry speakers found by linking a short label to a
   * fuller name, or for each person of a joint label.
   */
  registered: Map<number, Speaker[]>;
  /** Paragraph index → the people an unregistered label names, in display form. */
  unregistered: Map<number, string[]>;
}

/**
 * Names the people of the labels the registry did not resolve, so that one
 * person has one name however the record writes the label:
 * - titles and articles are dropped and capitals shown in title case
 *   ("Comrade Mao Zedong", "MAO ZEDONG" → "Mao Zedong");
 * - a one-word name is linked to the fuller name it is part of in the same
 *   record: first in the other labels ("Comrade Mao:" and "Comrade Mao
 *   Zedong:"), then in the title and narrative ("Comrade Abdyl:" and "…
 *   Comrade Abdyl Kellezi…"); the most frequent fuller name wins;
 * - a label that is only a title ("Chairman:", "The President:") is the
 *   person the record gives that title ("Chairman [Mao Zedong]:",
 *   "President Nixon:");
 * - a linked name the registry knows becomes that speaker.
 */
export function nameLabels(
  labels: ReadonlyArray<LabelMatch | null>,
  text: string,
  registry: Registry,
): LabelNames {
  const resolve = createResolver(registry);
  const titles = new Set([...registry.honorifics, ...TITLE_WORDS].map((h) => h.toLowerCase()));
  const isTitle = (w: string) => titles.has(w.toLowerCase());
  const fullNames: string[] = [];
  const byTitle = new Map<string, string>();
  for (const l of labels) {
    if (!l || l.speaker) continue;
    // "Chairman [Mao Zedong]": the title written outside the brackets.
    const head = l.label.replace(/\s*[[(].*$/u, '');
    if (
      l.names.length === 1 &&
      stripTitles(head, isTitle) === head &&
      isTitle(head.split(' ').pop()!)
    ) {
      const title = titleOf(head, '');
      if (!byTitle.has(title) && l.names[0]!.split(' ').length >= 2)
        byTitle.set(title, displayName(stripTitles(l.names[0]!, isTitle)));
    }
    for (const n of l.names) {
      const core = stripTitles(n, isTitle);
      if (core.split(' ').length < 2) continue;
      fullNames.push(displayName(core));
      const title = titleOf(n, core);
      if (title !== '' && !byTitle.has(title)) byTitle.set(title, displayName(core));
    }
  }
  let runs: string[] | undefined;
  const textRuns = () => {
    runs ??= nameRuns(text).map((r) => stripTitles(r, isTitle));
    return runs;
  };
  const linkWord = (word: string): string => {
    const key = word.toLowerCase();
    const fromLabels = fullNames.find((f) => endsOf(f).includes(key));
    if (fromLabels) return fromLabels;
    const counts = new Map<string, number>();
    for (const r of textRuns()) {
      const n = r.split(' ').length;
      if (n >= 2 && n <= 3 && endsOf(r).includes(key)) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    let best = '';
    for (const [r, c] of counts) if (best === '' || c > counts.get(best)!) best = r;
    return displayName(best || word);
  };
  // A label's person depends only on how it is written: worked out once per
  // distinct name (the text searches below scan the whole record).
  const personByName = new Map<string, string>();
  const personOf = (n: string): string => {
    let p = personByName.get(n);
    if (p === undefined) {
      p = personOfName(n);
      personByName.set(n, p);
    }
    return p;
  };
  const personOfName = (n: string): string => {
    const core = stripTitles(n, isTitle);
    const words = core.split(' ');
    if (words.length >= 2) return displayName(core);
    if (isTitle(core)) {
      // Only a title: the person the record gives it to.
      const title = titleOf(n, '');
      const named = byTitle.get(title);
      if (named) return named;
      const after = titledInText(text, title);
      if (after !== '') return after.split(' ').length >= 2 ? displayName(after) : linkWord(after);
      return displayName(n.replace(/^the\s+/i, ''));
    }
    return linkWord(core);
  };
  const registered = new Map<number, Speaker[]>();
  const unregistered = new Map<number, string[]>();
  labels.forEach((l, i) => {
    if (!l || l.speaker) return;
    const people = l.names.map(personOf);
    const known = people.map((p, k) => resolve(p) ?? resolve(l.names[k]!));
    if (known.every((s) => s !== undefined)) registered.set(i, known as Speaker[]);
    else unregistered.set(i, people);
  });
  return { registered, unregistered };
}

/** The title words before the name, lower case and without an article ("The Prime Minister"). */
function titleOf(label: string, core: string): string {
  const head = core === '' ? label : label.slice(0, label.length - core.length);
  return head
    .replace(/^the\s+/i, '')
    .trim()
    .toLowerCase();
}

/** First and last word of a name, lower case. */
function endsOf(name: string): string[] {
  const w = name.toLowerCase().split(' ');
  return [w[0]!, w[w.length - 1]!];
}

/**
 * Runs of capitalised words in ordinary case ("Comrade Abdyl Kellezi"); a
 * possessive ends a run ("Chairman Mao’s Audience" → "Chairman Mao"), and
 * words in capitals, which headings use, are left out.
 */
function nameRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\p{Lu}[\p{L}’'.-]*(?: \p{Lu}[\p{L}’'.-]*)*/gu)) {
    let run: string[] = [];
    for (const raw of m[0].split(' ')) {
      const possessive = /[’']s$/u.test(raw);
      // A full stop ends a sentence after a word ("… Kissinger."), not after initials ("P.M.").
      const w = TITLES.has(raw.toLowerCase())
        ? raw
        : raw.replace(/[’']s$/u, '').replace(/(?<=\p{Ll}{2})\.$/u, '');
      if (w.length > 1 && w === w.toUpperCase() && !/\./.test(w)) {
        if (run.length) out.push(run.join(' '));
        run = [];
        continue;
      }
      run.push(w);
      if (possessive) {
        out.push(run.join(' '));
        run = [];
      }
    }
    if (run.length) out.push(run.join(' '));
  }
  return out;
}

/** The capitalised words that first follow a title in the text ("Chairman Mao Zedong received…" → "Mao Zedong"). */
function titledInText(text: string, title: string): string {
  const lower = text.toLowerCase();
  const name = /^ (\p{Lu}[\p{Ll}-]+(?: \p{Lu}[\p{Ll}-]+){0,2})/u;
  for (let at = lower.indexOf(title); at >= 0; at = lower.indexOf(title, at + 1)) {
    if (at > 0 && /\p{L}/u.test(text.charAt(at - 1))) continue;
    const m = name.exec(text.slice(at + title.length, at + title.length + 80));
    if (m) return m[1]!;
  }
  return '';
}

/** Title case for words written in capitals ("MAO ZEDONG" → "Mao Zedong"); initials stay ("N.S."). */
export function displayName(name: string): string {
  return name
    .split(' ')
    .map((w) =>
      /\p{Ll}/u.test(w) || /^(?:\p{Lu}\.)+$/u.test(w) || w.length < 2
        ? w
        : w.charAt(0) + w.slice(1).toLowerCase(),
    )
    .join(' ');
}

/**
 * reports/speakers.suggested.yaml: one registry entry per person the
 * registry did not know, with every label written for them in the corpus as
 * aliases, ready to paste under `speakers:` in corpus/speakers.yaml. The side
 * is corpus.yaml's `defaultSide`, or "Unknown" for the user to set (a
 * registry entry needs one). Joint
 * labels give no alias (they name several people) but their people are listed.
 */
export function suggestedSpeakers(
  transcripts: ReadonlyArray<Pick<Transcript, 'turns'>>,
  defaultSide?: string,
): string {
  const people = new Map<string, Set<string>>();
  for (const t of transcripts) {
    for (const u of t.turns) {
      if (u.side !== 'Unknown') continue;
      const names = u.speakers ?? [u.speaker];
      for (const n of names) {
        const aliases = people.get(n) ?? new Set<string>();
        const alias = aliasOf(u.label);
        if (names.length === 1 && alias !== '' && alias !== n) aliases.add(alias);
        people.set(n, aliases);
      }
    }
  }
  const header = [
    '# Speakers found in the transcripts but not in corpus/speakers.yaml.',
    defaultSide === undefined
      ? '# Check each entry, set its side (and role), then paste it under `speakers:`'
      : `# Each side is corpus.yaml's defaultSide (${JSON.stringify(defaultSide)}): check it and each entry, set the role, then paste under \`speakers:\``,
    '# in corpus/speakers.yaml; the next run counts them as registered speakers.',
    '',
  ].join('\n');
  if (people.size === 0) return `${header}speakers: []\n`;
  const speakers = [...people.keys()]
    .sort((a, b) => a.localeCompare(b, 'en'))
    .map((name) => ({
      name,
      side: defaultSide ?? 'Unknown',
      role: '',
      aliases: [...people.get(name)!].sort((a, b) => a.localeCompare(b, 'en')),
    }));
  return header + stringify({ speakers }, { flowCollectionPadding: false, lineWidth: 0 });
}

const TITLES = new Set(TITLE_WORDS.map((w) => w.toLowerCase()));

/**
 * A label as a registry alias: without its office in brackets or parentheses
 * ("Vito Kapo (hereafter …)" → "Vito Kapo"); "" for a bare title
 * ("Chairman", "The President"), which means someone else in another record.
 */
function aliasOf(label: string): string {
  const head = label.replace(/\s*[[(].*$/u, '').trim();
  const words = head.split(/\s+/);
  return words.every((w) => TITLES.has(w.toLowerCase()) || /^the$/i.test(w)) ? '' : head;
}
