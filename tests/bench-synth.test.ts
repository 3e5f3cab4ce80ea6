import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPools,
  labelOf,
  MAX_TURNS,
  MIN_TURNS,
  mulberry32,
  parseSource,
  readSources,
  splitParagraphs,
  synthesizeCorpus,
  writeSyntheticCorpus,
} from '../pipeline/bench/synth.js';

const CORPUS = join(import.meta.dirname, '..', 'corpus');
let sources: Array<{ file: string; text: string }>;

beforeAll(async () => {
  sources = await readSources(join(CORPUS, 'raw'));
});

const DATE_LINE =
  /^(January|February|March|April|May|June|July|August|September|October|November|December) ([1-9]|[12]\d|3[01]), (19\d\d)$/;

describe('mulberry32', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(new Set(xs).size).toBeGreaterThan(990);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
});

describe('parseSource', () => {
  it('finds host and guest turns in every shipped transcript', () => {
    for (const s of sources) {
      const doc = parseSource(s.file, s.text);
      expect(
        doc.turns.some((t) => t.host),
        s.file,
      ).toBe(true);
      expect(
        doc.turns.some((t) => !t.host),
        s.file,
      ).toBe(true);
      expect(doc.guestLabel).not.toMatch(/Hoxha/);
      for (const t of doc.turns) expect(t.paragraphs[0]?.startsWith(`${t.label}:`)).toBe(true);
    }
  });

  it('keeps the signature block out of the last turn', () => {
    const baek = sources.find((s) => s.file.includes('baek-sunje'));
    expect(baek).toBeDefined();
    const doc = parseSource(baek!.file, baek!.text);
    expect(doc.signature[0]).toMatch(/^Notes taken by stenograph/);
    const lastTurn = doc.turns.at(-1)!;
    expect(lastTurn.paragraphs.join('\n')).not.toMatch(/Haxhi Kroi|Document Information/);
    expect(doc.rights.join('\n')).toMatch(/History and Public Policy Program/);
  });

  it('recognises the label forms of the originals and not narrative or headings', () => {
    expect(labelOf('Comrade Enver Hoxha: We thank you.')).toBe('Comrade Enver Hoxha');
    expect(labelOf('Ambassador An Yong: So, now I am half Albanian.')).toBe('Ambassador An Yong');
    expect(labelOf('Baek Sunje: All the leaders are well.')).toBe('Baek Sunje');
    expect(labelOf('Comrade Choe Yong-geon: They are very well.')).toBe('Comrade Choe Yong-geon');
    expect(labelOf('Citation:')).toBeUndefined();
    expect(labelOf('From our side there were also these attendees at the meeting: Comrades')).toBe(
      undefined,
    );
  });

  it('splits paragraphs on blank lines, including lines of spaces', () => {
    expect(splitParagraphs('a\n\nb\n  \n\nc\nd\r\n\r\ne')).toEqual(['a', 'b', 'c\nd', 'e']);
  });
});

describe('synthesizeCorpus', () => {
  it('is deterministic, and document i does not depend on the corpus size', () => {
    const a = synthesizeCorpus(sources, 12);
    const b = synthesizeCorpus(sources, 12);
    expect(b).toEqual(a);
    expect(synthesizeCorpus(sources, 5)).toEqual(a.slice(0, 5));
    const other = synthesizeCorpus(sources, 12, 7);
    expect(other.map((d) => d.text)).not.toEqual(a.map((d) => d.text));
  });

  it('does not depend on the order the sources are listed in', () => {
    expect(synthesizeCorpus([...sources].reverse(), 4)).toEqual(synthesizeCorpus(sources, 4));
  });

  it('builds meetings shaped like the originals', () => {
    const docs = synthesizeCorpus(sources, 40);
    const names = new Set(docs.map((d) => d.name));
    expect(names.size).toBe(40);
    const knownLabels = new Set(
      buildPools(sources).docs.flatMap((d) => d.turns.map((t) => t.label)),
    );
    for (const d of docs) {
      expect(d.name).toMatch(/^19(59|6[0-6])-\d\d-\d\d_hoxha-[a-z0-9-]+-s\d{5}\.txt$/);
      const paras = splitParagraphs(d.text);
      const m = DATE_LINE.exec(paras[0] ?? '');
      expect(m, paras[0]).not.toBeNull();
      const year = Number(m![3]);
      expect(year).toBeGreaterThanOrEqual(1959);
      expect(year).toBeLessThanOrEqual(1966);
      // The file name carries the same date as the first line.
      expect(d.name.slice(0, 4)).toBe(String(year));
      expect(paras[1]).toMatch(/^Report on a Meeting between Enver Hoxha and \S/);

      const labels = paras.map(labelOf).filter((l): l is string => l !== undefined);
      expect(labels.length).toBeGreaterThanOrEqual(MIN_TURNS);
      expect(labels.length).toBeLessThanOrEqual(MAX_TURNS);
      for (const l of labels) expect(knownLabels.has(l), l).toBe(true);
      expect(labels[0]).toMatch(/Enver Hoxha/);

      expect(d.text).toMatch(
        new RegExp(`\\nAQPPSH, MPP Korese, D [1-4], V\\. ${year}\\. Translated `),
      );
      expect(d.text).toContain('Document Information');
    }
    // Editorial insertions and stage directions come along with the turns.
    const all = docs.map((d) => d.text).join('\n');
    expect(all).toMatch(/\[sic\]|\[General Secretary/);
    expect(all).toMatch(/\(Laughter\)|\(“/);
    expect(all).toContain('History and Public Policy Program');
  });

  it('gives file sizes near the 20–25 KB of the originals', () => {
    const sizes = synthesizeCorpus(sources, 100).map((d) => Buffer.byteLength(d.text, 'utf8'));
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(18_000);
    expect(mean).toBeLessThan(35_000);
    expect(Math.min(...sizes)).toBeGreaterThan(8_000);
    expect(Math.max(...sizes)).toBeLessThan(120_000);
  });
});

describe('writeSyntheticCorpus', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-synth-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the asked number of files and copies the configuration', async () => {
    const out = join(dir, 'corpus');
    const written = await writeSyntheticCorpus({ sourceCorpus: CORPUS, outDir: out, docs: 7 });
    const files = (await readdir(join(out, 'raw'))).sort();
    expect(files).toHaveLength(7);
    expect(written.files).toBe(7);
    let bytes = 0;
    for (const f of files) bytes += (await stat(join(out, 'raw', f))).size;
    expect(written.bytes).toBe(bytes);
    const expected = (await readdir(CORPUS)).filter((e) => e !== 'raw').sort();
    expect(written.config).toEqual(expected);
    for (const e of expected)
      expect(await readFile(join(out, e))).toEqual(await readFile(join(CORPUS, e)));
    // Same bytes as the in-memory generator.
    const mem = synthesizeCorpus(sources, 7);
    for (const d of mem) expect(await readFile(join(out, 'raw', d.name), 'utf8')).toBe(d.text);
  });
});
