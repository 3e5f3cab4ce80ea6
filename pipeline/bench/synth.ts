/**
 * Deterministic synthetic corpus for the speed-and-scale benchmark.
 *
 * New meetings are recombined from the shipped transcripts: turns keep their
 * label formats, continuation paragraphs, editorial insertions and stage
 * directions; the header, opening narrative and trailer follow the shape of
 * the originals. The parsing here is deliberately simple and independent of
 * the pipeline's segmenter, so the benchmark does not share its bugs.
 *
 * Document i depends only on (seed, i) and the sources, never on how many
 * documents are asked for: a 250-document corpus is the first 250 files of a
 * 4,000-document one, which keeps the sizes comparable for the linearity check.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_SEED = 1959;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 1–5 capitalised words, optionally preceded by an honorific, then ": " and speech. */
const LABEL =
  /^((?:(?:Comrade|Ambassador)\s+)?[A-Z][\p{L}\p{N}’'.-]*(?:\s+[A-Z][\p{L}\p{N}’'.-]*){0,4}):[ \t]+\S/u;
const HOST = /\bEnver Hoxha\b/;
/** Where the record ends and the note-taker's signature block begins. */
const TRAILER_START =
  /^(?:Note taker|Notes taken|Records[’']? Clerk|Recorded by|Haxhi Kro|Sadik Myftiu)/;
const ARCHIVE_LINE = /^AQPPSH,.*?Translated (for NKIDP )?by ([^.]+)\./;
const RIGHTS = /History and Public Policy Program/;
const HEADERISH =
  /Leon Levy|Wilson Center|^Citation:|^Summary:|^Credits:|^Contents:|^Original Language|^Translation - |^Albanian$|^<https?:|^Skip to content|Meeting between|^\*\*/;
const DATE_IN_TEXT = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{1,2}),\\s+(\\d{4})`, 'gi');

export interface SourceTurn {
  /** The label as written, e.g. "Ambassador An Yong". */
  label: string;
  host: boolean;
  /** The label paragraph first, then its continuation paragraphs, as written. */
  paragraphs: string[];
}

export interface SourceDoc {
  file: string;
  /** The guest's label as first written ("Comrade Choe Yong-geon", "Baek Sunje"). */
  guestLabel: string;
  /** Paragraphs between the header and the first turn. */
  narrative: string[];
  turns: SourceTurn[];
  /** Short lines that sign off the record (note-taker, typist, "[Signed]"). */
  signature: string[];
  summary: string | undefined;
  /** Paragraphs from the rights notice to the end of the file, when present. */
  rights: string[];
  translator: string | undefined;
  forNkidp: boolean;
  /** Paragraph separator the file mostly uses ("\n\n" or "\n\n\n"). */
  separator: string;
}

export interface SyntheticDocument {
  /** File name under raw/. */
  name: string;
  text: string;
}

// mulberry32 (analyses/sentiment/random.ts): small, fast, and good enough for shuffling benchmark text.
import { mulberry32 } from '../../analyses/sentiment/random.js';

export { mulberry32 };

/** Mixes seed and index so neighbouring documents get unrelated streams. */
export function docSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('synth: cannot pick from an empty pool');
  return items[Math.floor(rand() * items.length)] as T;
}

function intBetween(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.replace(/^\s+/, ''))
    .filter((p) => p.trim() !== '');
}

export function labelOf(paragraph: string): string | undefined {
  return LABEL.exec(paragraph)?.[1];
}

/** Splits one shipped transcript into the parts the generator recombines. */
export function parseSource(file: string, text: string): SourceDoc {
  const paras = splitParagraphs(text);
  const labelled = paras.map((p) => labelOf(p));
  const first = labelled.findIndex((l) => l !== undefined);
  if (first < 0) throw new Error(`synth: no speaker turns found in ${file}`);
  let last = first;
  for (let i = first; i < labelled.length; i++) if (labelled[i] !== undefined) last = i;

  let trailerStart = paras.length;
  for (let i = last + 1; i < paras.length; i++) {
    const p = (paras[i] as string).trim();
    const shortUnpunctuated = p.length < 40 && !/[.?!…)"”’\]]$/.test(p);
    if (TRAILER_START.test(p) || shortUnpunctuated) {
      trailerStart = i;
      break;
    }
  }

  const turns: SourceTurn[] = [];
  for (let i = first; i < trailerStart; i++) {
    const p = paras[i] as string;
    const label = labelled[i];
    if (label !== undefined) turns.push({ label, host: HOST.test(label), paragraphs: [p] });
    else turns[turns.length - 1]?.paragraphs.push(p);
  }

  const narrative: string[] = [];
  for (let i = first - 1; i >= 0; i--) {
    const p = paras[i] as string;
    if (HEADERISH.test(p) || /^\S+ \d{1,2}, \d{4}$/.test(p.trim())) break;
    narrative.unshift(p);
  }

  const trailer = paras.slice(trailerStart);
  const signature: string[] = [];
  for (const p of trailer) {
    if (p.trim().length > 80) break;
    if (/^Document Information/.test(p)) break;
    signature.push(p);
  }

  const docInfo = trailer.findIndex((p) => /^Document Information/.test(p));
  let summary: string | undefined;
  if (docInfo > 0) summary = trailer[docInfo - 1];
  else {
    const s = paras.findIndex((p) => /^Summary:\s*$/.test(p.trim()));
    if (s >= 0) summary = paras[s + 1];
  }
  if (summary !== undefined && summary.trim().length < 80) summary = undefined;

  const rightsAt = trailer.findIndex((p) => RIGHTS.test(p));
  const rights = rightsAt >= 0 ? trailer.slice(rightsAt) : [];

  let translator: string | undefined;
  let forNkidp = false;
  for (const p of paras) {
    const m = ARCHIVE_LINE.exec(p.trim());
    if (m) {
      translator = m[2];
      forNkidp = m[1] !== undefined;
    }
  }

  const normalized = text.replace(/\r\n?/g, '\n');
  const triple = normalized.match(/\n[ \t]*\n[ \t]*\n/g)?.length ?? 0;
  const double = normalized.match(/\n[ \t]*\n/g)?.length ?? 0;

  const guestLabel = turns.find((t) => !t.host)?.label ?? 'Comrade Guest';
  return {
    file,
    guestLabel,
    narrative,
    turns,
    signature,
    summary,
    rights,
    translator,
    forNkidp,
    separator: triple * 2 > double ? '\n\n\n' : '\n\n',
  };
}

/** "Comrade Choe Yong-geon" → title form "Choe Yong-geon"; ambassadors keep their rank. */
export function guestTitle(label: string): string {
  if (label.startsWith('Ambassador ')) return `DPRK ${label}`;
  return label.replace(/^Comrade\s+/, '');
}

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const MIN_TURNS = 20;
export const MAX_TURNS = 60;
const MIN_SPEECH_BYTES = 14_000;
const MAX_SPEECH_BYTES = 28_000;

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(1959, 0, 1);
const LAST_DAY = Date.UTC(1966, 11, 31);

export function formatLongDate(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Rewrites dates inside borrowed narrative so they agree with the new meeting. */
function redate(text: string, date: Date): string {
  const long = formatLongDate(date);
  return text.replace(DATE_IN_TEXT, (m) => (m === m.toUpperCase() ? long.toUpperCase() : long));
}

/** The recombination material, parsed once from the sources. */
export interface Pools {
  docs: SourceDoc[];
  hostTurns: SourceTurn[];
  guestTurns: SourceTurn[];
  signatures: string[][];
  summaries: string[];
  rights: string[][];
  translators: string[];
}

export function buildPools(sources: ReadonlyArray<{ file: string; text: string }>): Pools {
  const docs = [...sources]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((s) => parseSource(s.file, s.text));
  const pools: Pools = {
    docs,
    hostTurns: docs.flatMap((d) => d.turns.filter((t) => t.host)),
    guestTurns: docs.flatMap((d) => d.turns.filter((t) => !t.host)),
    signatures: docs.map((d) => d.signature).filter((s) => s.length > 0),
    summaries: docs.flatMap((d) => (d.summary ? [d.summary] : [])),
    rights: docs.map((d) => d.rights).filter((r) => r.length > 0),
    translators: docs.flatMap((d) => (d.translator ? [d.translator] : [])),
  };
  if (pools.hostTurns.length === 0 || pools.guestTurns.length === 0)
    throw new Error('synth: the sources need turns by Enver Hoxha and by at least one guest');
  return pools;
}

/** Builds meeting `index` (0-based). Pure: same pools, seed and index give the same file. */
export function synthesizeDocument(
  pools: Pools,
  index: number,
  seed = DEFAULT_SEED,
): SyntheticDocument {
  const rand = mulberry32(docSeed(seed, index));
  const primary = pick(rand, pools.docs);
  const ownGuestTurns = primary.turns.filter((t) => !t.host);

  const date = new Date(FIRST_DAY + intBetween(rand, 0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS);
  const year = date.getUTCFullYear();
  const title = `Report on a Meeting between Enver Hoxha and ${guestTitle(primary.guestLabel)}`;

  const paragraphs: string[] = [
    formatLongDate(date),
    title,
    'This document was made possible with support from Leon Levy Foundation',
  ];
  const narrative =
    primary.narrative.length > 0 ? primary.narrative : pick(rand, pools.docs).narrative;
  for (const p of narrative) paragraphs.push(redate(p, date));

  // Meetings alternate between host and guest; most guest turns come from the
  // primary source so the guest named in the title is the one who speaks.
  // 20–60 turns, stopping once a drawn length of speech is reached, so that
  // files stay near the 20–25 KB of the originals whose turn lengths vary 10×.
  const budget = intBetween(rand, MIN_SPEECH_BYTES, MAX_SPEECH_BYTES);
  let used = 0;
  for (let t = 0; t < MAX_TURNS && (t < MIN_TURNS || used < budget); t++) {
    let turn: SourceTurn;
    if (t % 2 === 0) turn = pick(rand, pools.hostTurns);
    else if (ownGuestTurns.length > 0 && rand() < 0.75) turn = pick(rand, ownGuestTurns);
    else turn = pick(rand, pools.guestTurns);
    paragraphs.push(...turn.paragraphs);
    for (const p of turn.paragraphs) used += p.length;
  }

  const signature =
    primary.signature.length > 0
      ? primary.signature
      : pools.signatures.length > 0
        ? pick(rand, pools.signatures)
        : ['Note taker,', 'Haxhi Kroi'];
  paragraphs.push(...signature);
  const summary =
    primary.summary ?? (pools.summaries.length > 0 ? pick(rand, pools.summaries) : undefined);
  if (summary !== undefined) paragraphs.push(summary);
  paragraphs.push('Document Information');
  const translator =
    primary.translator ??
    (pools.translators.length > 0 ? pick(rand, pools.translators) : 'Enkel Daljani');
  const nkidp = primary.translator ? primary.forNkidp : rand() < 0.5;
  paragraphs.push(
    `AQPPSH, MPP Korese, D ${intBetween(rand, 1, 4)}, V. ${year}. Translated ${nkidp ? 'for NKIDP ' : ''}by ${translator}.`,
  );
  if (pools.rights.length > 0) {
    const rights = primary.rights.length > 0 ? primary.rights : pick(rand, pools.rights);
    paragraphs.push(...rights);
  }

  const guest = slug(guestTitle(primary.guestLabel).replace(/^DPRK Ambassador /, ''));
  const name = `${isoDate(date)}_hoxha-${guest}-s${String(index + 1).padStart(5, '0')}.txt`;
  return { name, text: `${paragraphs.join(primary.separator)}\n` };
}

export function synthesizeCorpus(
  sources: ReadonlyArray<{ file: string; text: string }>,
  docs: number,
  seed = DEFAULT_SEED,
): SyntheticDocument[] {
  const pools = buildPools(sources);
  return Array.from({ length: docs }, (_, i) => synthesizeDocument(pools, i, seed));
}

export async function readSources(rawDir: string): Promise<Array<{ file: string; text: string }>> {
  const files = (await readdir(rawDir)).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(
    files.map(async (file) => ({ file, text: await readFile(join(rawDir, file), 'utf8') })),
  );
}

export interface WrittenCorpus {
  dir: string;
  files: number;
  bytes: number;
  /** Configuration files copied from the source corpus (everything but raw/). */
  config: string[];
}

/**
 * Writes a synthetic corpus folder: raw/ with `docs` generated transcripts,
 * plus a copy of every other entry of the source corpus (speakers.yaml,
 * dictionary.yaml, …) so the pipeline runs with the shipped configuration.
 */
export async function writeSyntheticCorpus(opts: {
  sourceCorpus: string;
  outDir: string;
  docs: number;
  seed?: number;
}): Promise<WrittenCorpus> {
  const sources = await readSources(join(opts.sourceCorpus, 'raw'));
  const pools = buildPools(sources);
  const raw = join(opts.outDir, 'raw');
  await mkdir(raw, { recursive: true });
  let bytes = 0;
  // Written one at a time so 4,000 documents never sit in memory together.
  for (let i = 0; i < opts.docs; i++) {
    const doc = synthesizeDocument(pools, i, opts.seed ?? DEFAULT_SEED);
    const buf = Buffer.from(doc.text, 'utf8');
    bytes += buf.length;
    await writeFile(join(raw, doc.name), buf);
  }
  const config: string[] = [];
  for (const entry of (await readdir(opts.sourceCorpus)).sort()) {
    if (entry === 'raw') continue;
    await cp(join(opts.sourceCorpus, entry), join(opts.outDir, entry), { recursive: true });
    config.push(entry);
  }
  return { dir: opts.outDir, files: opts.docs, bytes, config };
}
