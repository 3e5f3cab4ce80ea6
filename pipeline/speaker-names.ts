import { stringify } from 'yaml';
import { type LabelMatch, stripTitles, TITLE_WORDS } from './paragraphs.js';
import { createResolver, nameKey } from './registry.js';
import type { CorpusLink, Registry, Speaker, Transcript } from './types.js';

/** Who the labels of one record name: registry speakers, or display names for the rest. */
export interface LabelNames {
  /**
   * Paragraph index → registry speakers found by linking a short label to a
   * fuller name, or for each person of a joint label.
   */
  registered: Map<number, Speaker[]>;
  /** Paragraph index → the people an unregistered label names, in display form. */
  unregistered: Map<number, string[]>;
  /** One-word names linked to a fuller name of another record (corpusLinks), by the name. */
  linked: Map<string, CorpusLink>;
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
  corpusLinks: Readonly<Record<string, CorpusLink>> = {},
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
    if (best === '' && Object.hasOwn(corpusLinks, displayName(word))) {
      const link = corpusLinks[displayName(word)]!;
      linked.set(displayName(word), link);
      return link.name;
    }
    return displayName(best || word);
  };
  const linked = new Map<string, CorpusLink>();
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
    if (words.length >= 2) {
      // The form another record writes the same name in ("N.S. Khrushchev" → "N. S. Khrushchev").
      const own = displayName(core);
      const link = Object.hasOwn(corpusLinks, own) ? corpusLinks[own] : undefined;
      if (link) linked.set(own, link);
      return link ? link.name : own;
    }
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
  return { registered, unregistered, linked };
}

/**
 * Links across records, without the registry: a one-word name a record's
 * labels leave unlinked ("Khrushchev:", "Comrade Mao:") is linked to the one
 * fuller name of two or more words, among the unregistered people of the
 * other records, whose first or last word it is ("N. S. Khrushchev", "Mao
 * Zedong"). Conservative: when the corpus holds two fuller names with that
 * word ("Fidel Castro", "Raúl Castro") nothing is linked; names written
 * differently for one person ("N. S. Khrushchev", "Nikita Khrushchev") also
 * count as two. One fuller name written in several ways ("N.S. Khrushchev",
 * "N. S. Khrushchev": the same normal form) takes the form most records
 * use. `people` gives, per record (by source file), the people of its
 * labels as named within the record. Returns the links per record.
 */
export function corpusLinks(
  people: ReadonlyMap<string, readonly string[]>,
  registry: Registry,
): Map<string, Record<string, CorpusLink>> {
  const key = createNameKey(registry);
  // Fuller names by normal form: each written form and the records it is in.
  const forms = new Map<string, Map<string, Set<string>>>();
  // Normal forms of the fuller names by their first and last word.
  const byWord = new Map<string, Set<string>>();
  for (const [file, names] of people)
    for (const name of names) {
      if (name.split(' ').length < 2) continue;
      const k = key(name);
      const byForm = forms.get(k) ?? new Map<string, Set<string>>();
      byForm.set(name, (byForm.get(name) ?? new Set<string>()).add(file));
      forms.set(k, byForm);
      for (const w of endsOf(name)) byWord.set(w, (byWord.get(w) ?? new Set<string>()).add(k));
    }
  // One name written in several ways ("N. S. Khrushchev", "N.S. Khrushchev"):
  // the form of the most records (then the first in order) stands for it.
  const chosen = new Map<string, CorpusLink>();
  for (const [k, byForm] of forms) {
    const ranked = [...byForm].sort(
      ([a, x], [b, y]) => y.size - x.size || (a < b ? -1 : a > b ? 1 : 0),
    );
    const seenIn = [...new Set(ranked.flatMap(([, files]) => [...files]))].sort();
    chosen.set(k, { name: ranked[0]![0], seenIn });
  }
  const out = new Map<string, Record<string, CorpusLink>>();
  for (const [file, names] of people) {
    const links: Record<string, CorpusLink> = {};
    for (const name of names) {
      const multi = name.split(' ').length >= 2;
      const keys = multi ? [key(name)] : [...(byWord.get(name.toLowerCase()) ?? [])];
      if (keys.length !== 1) continue;
      const c = chosen.get(keys[0]!)!;
      const seenIn = c.seenIn.filter((f) => f !== file);
      if (c.name !== name && seenIn.length > 0) links[name] = { name: c.name, seenIn };
    }
    if (Object.keys(links).length > 0) out.set(file, links);
  }
  return out;
}

/** The registry's normal form of a name (case, honorifics, hyphens), initials spaced alike ("N.S." = "N. S."). */
function createNameKey(registry: Registry): (name: string) => string {
  return (name) => nameKey(name.replace(/\.\s*/g, '. ').trim(), registry.honorifics);
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
