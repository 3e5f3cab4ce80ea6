/**
 * Corpora whose sides are not the shipped Albania and DPRK, run whole in this
 * process: the shipped records with real Chinese records beside them (three
 * sides), and real Sino-Soviet records alone with their sides named PRC and
 * USSR. The figures must colour every side the corpus declares, in the
 * registry's order and colours, and no generated text may name a side the
 * corpus does not have. The records are real ones kept in tests/fixtures/real/
 * (see SOURCES.md there), with that folder's registry entries for their speakers.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseCsv } from '../pipeline/csv.js';
import { SIDE_PALETTE } from '../pipeline/figures/theme.js';
import { corpusWithShippedConfig, REPO, runBuiltPipeline } from './helpers.js';

interface Entry {
  name: string;
  side: string;
  role?: string;
  aliases?: string[];
}
interface RegistryFile {
  honorifics: string[];
  speakers: Entry[];
  sides?: Array<string | { name: string; colour?: string }>;
}

const REAL = join(REPO, 'tests', 'fixtures', 'real');
const shippedRegistry = parse(
  readFileSync(join(REPO, 'corpus', 'speakers.yaml'), 'utf8'),
) as RegistryFile;
const realRegistry = parse(readFileSync(join(REAL, 'speakers.yaml'), 'utf8')) as RegistryFile;
const honorifics = [...new Set([...shippedRegistry.honorifics, ...realRegistry.honorifics])];

/** Real records of Chinese leaders with Albanian or Korean delegations. */
const CHINESE = [
  'wc-1959-05-13_mao-albanian-delegation.txt',
  'wc-1960-06-07_mao-albanian-delegation.txt',
  'wc-1962-06-19_deng-kapo-alia-fifth-meeting.txt',
  'wc-1962-06-27_zhou-kapo-alia.txt',
  'wc-1965-10-29_kim-il-sung-chinese-delegation.txt',
];
/** Real records of Khrushchev and Mao, nobody else speaking. */
const SINO_SOVIET = [
  'wc-1958-07-31_khrushchev-mao-airport.txt',
  'wc-1958-08-01_khrushchev-mao-second.txt',
  'wc-1958-08-02_khrushchev-mao-third.txt',
  'wc-1959-10-02_khrushchev-mao.txt',
];

const rawOf = (dir: string, files: readonly string[]) =>
  Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f))]));
const shippedRaw = rawOf(
  join(REPO, 'corpus', 'raw'),
  readdirSync(join(REPO, 'corpus', 'raw')).filter((f) => f.endsWith('.txt')),
);

type Outputs = Map<string, string>;

/** Runs a corpus of the shipped configuration with this registry and these records. */
async function run(
  work: string,
  name: string,
  registry: RegistryFile,
  raw: Record<string, Uint8Array>,
  sentiment?: string,
): Promise<Outputs> {
  const dir = corpusWithShippedConfig(join(work, name), raw);
  writeFileSync(join(dir, 'speakers.yaml'), stringify(registry));
  if (sentiment !== undefined) writeFileSync(join(dir, 'sentiment.yaml'), sentiment);
  const out: Outputs = new Map();
  await runBuiltPipeline({
    corpus: dir,
    scratchDir: work,
    emit: (file, content) => {
      if (typeof content === 'string') out.set(file, content);
    },
  });
  return out;
}

/** Every colour-by-side scale in a spec: its domain and range. */
function sideScales(spec: unknown): Array<{ domain: string[]; range: string[] }> {
  const found: Array<{ domain: string[]; range: string[] }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const scale = o.scale as { domain?: unknown; range?: unknown } | undefined;
      if (o.field === 'side' && Array.isArray(scale?.domain) && Array.isArray(scale?.range))
        found.push({ domain: scale.domain as string[], range: scale.range as string[] });
      Object.values(o).forEach(walk);
    }
  };
  walk(spec);
  return found;
}

const figureIds = (out: Outputs) =>
  [...out.keys()]
    .filter((f) => f.startsWith('figures/') && f.endsWith('.vl.json'))
    .map((f) => f.slice('figures/'.length, -'.vl.json'.length))
    .sort();

/** The sides a figure's data rows plot (its CSV's side column), Unknown aside. */
function sidesPlotted(out: Outputs, id: string): Set<string> {
  const rows = parseCsv(out.get(`figures/${id}.csv`) ?? '');
  return new Set(rows.map((r) => r.side ?? '').filter((s) => s !== '' && s !== 'Unknown'));
}

/** The texts the run writes about the data: captions, titles, alt texts, methods, findings. */
function generatedTexts(out: Outputs): Array<[string, string]> {
  const html = out.get('index.html')!;
  const texts: Array<[string, string]> = [];
  for (const m of html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g))
    texts.push(['caption', m[1]!]);
  texts.push(['methods', /<p id="methods-text">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '']);
  texts.push([
    'findings',
    /<section id="findings"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '(no findings)',
  ]);
  for (const id of figureIds(out)) {
    const spec = JSON.parse(out.get(`figures/${id}.vl.json`)!) as {
      title: { text: string; subtitle: string };
      description: string;
    };
    texts.push([`${id} title`, `${spec.title.text} ${spec.title.subtitle}`]);
    texts.push([`${id} alt`, spec.description]);
  }
  return texts;
}

const work = mkdtempSync(join(tmpdir(), 'three-sides-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('three sides: the shipped records and real Chinese records', () => {
  // The real records' Chinese speakers first, then the shipped registry, then
  // the real records' other Albanian and Korean speakers it lacks: registry
  // order China, Albania, DPRK, which is neither name order nor the order of
  // the shipped corpus's sides.
  const order = ['China', 'Albania', 'DPRK'];
  const known = new Set(shippedRegistry.speakers.map((s) => s.name));
  const registry: RegistryFile = {
    honorifics,
    speakers: [
      ...realRegistry.speakers.filter((s) => s.side === 'China'),
      ...shippedRegistry.speakers,
      ...realRegistry.speakers.filter(
        (s) => (s.side === 'Albania' || s.side === 'DPRK') && !known.has(s.name),
      ),
    ],
  };
  let out: Outputs;
  beforeAll(async () => {
    out = await run(work, 'three', registry, { ...shippedRaw, ...rawOf(REAL, CHINESE) });
  }, 600_000);

  it('has all three sides speaking', () => {
    const sides = new Set(parseCsv(out.get('data/turn_stats.csv')!).map((r) => r.side));
    for (const s of order) expect(sides).toContain(s);
  });

  it('colours each side in every figure by its registry place, all three where all are plotted', () => {
    const withAll: string[] = [];
    for (const id of figureIds(out)) {
      const spec = JSON.parse(out.get(`figures/${id}.vl.json`)!) as unknown;
      const plotted = sidesPlotted(out, id);
      for (const { domain, range } of sideScales(spec)) {
        const sides = domain.filter((s) => s !== 'Unknown');
        // Registry order, each side in the palette colour of its place.
        expect(sides, id).toEqual(order.filter((s) => sides.includes(s)));
        expect(range.slice(0, sides.length), id).toEqual(
          sides.map((s) => SIDE_PALETTE[order.indexOf(s)]),
        );
        expect(new Set(range).size, id).toBe(range.length);
        // Every side the figure plots has its colour.
        for (const s of plotted) expect(domain, `${id}: ${s}`).toContain(s);
        if (order.every((s) => domain.includes(s))) withAll.push(id);
      }
    }
    // The figures drawn for every side of the corpus show all three.
    for (const id of ['sentiment-by-side', 'speech-share', 'top-terms', 'term-trends'])
      expect(withAll, id).toContain(id);
  });

  it('gives the report the same side colours, in registry order', () => {
    const html = out.get('index.html')!;
    const rules = [...html.matchAll(/\.side-(\d+)\{--side:(#[0-9A-F]{6})\}/g)].map((m) => m[2]);
    expect(rules.slice(0, 3)).toEqual(SIDE_PALETTE.slice(0, 3));
    // The methods paragraph lists the sides in registry order.
    const methods = /<p id="methods-text">([\s\S]*?)<\/p>/.exec(html)![1]!;
    const at = order.map((s) => methods.indexOf(`${s}: `));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('compares the two sides that spoke most when corpus.yaml sets no comparison, and says so', () => {
    const words = new Map<string, number>();
    for (const r of parseCsv(out.get('data/turn_stats.csv')!))
      words.set(r.side!, (words.get(r.side!) ?? 0) + Number(r.words));
    const [target, reference, third] = [...words]
      .filter(([s]) => s !== 'Unknown')
      .sort((a, b) => b[1] - a[1])
      .map(([s]) => s);
    const comparisons = new Set(parseCsv(out.get('data/keyness.csv')!).map((r) => r.comparison));
    expect(comparisons).toContain(`side:${target} vs ${reference}`);
    const html = out.get('index.html')!;
    expect(html).toContain(
      'the two sides that spoke the most words (no comparisons.sides in corpus.yaml)',
    );
    // The side left out is named, in the diagnostics and the keyness caption.
    const diagnostics = out.get('diagnostics.csv')!;
    expect(diagnostics).toContain(third!);
    const keyness = /<figure[^>]*id="fig-keyness"[\s\S]*?<\/figure>/.exec(html)![0];
    expect(keyness).toContain(`${third} and Unknown are in no side comparison`);
  });

  it('says which side the collocates by side leave out', () => {
    const caption = generatedTexts(out).find(
      ([w, t]) => w === 'caption' && t.includes('and each side ('),
    )![1];
    const shown = JSON.parse(out.get('figures/collocates-by-side.vl.json')!) as unknown;
    const [scale] = sideScales(shown);
    // The sides with collocates (rows in collocates.csv) the figure does not show.
    const withRows = new Set(
      parseCsv(out.get('data/collocates.csv')!)
        .filter((r) => r.group_type === 'side')
        .map((r) => r.group),
    );
    const left = order.filter((s) => withRows.has(s) && !scale!.domain.includes(s));
    // (These records give China too few co-occurrences for rows; the caption
    // with a side left out is checked in language-figures.test.ts.)
    expect(caption).toContain(
      left.length === 0
        ? `each side (${scale!.domain.join(' and ')})`
        : `each side (${scale!.domain.join(' and ')}, the two sides that spoke the most words; ${left.join(' and ')}, in collocates.csv, ${left.length === 1 ? 'is' : 'are'} not shown)`,
    );
  });
});

describe('two sides named PRC and USSR: real Sino-Soviet records alone', () => {
  // Khrushchev is the real registry's first entry, so its speakers give the
  // order USSR, PRC; a sides: list puts PRC first in a colour of its own.
  const order = ['PRC', 'USSR'];
  const colours = { PRC: '#CC79A7', USSR: SIDE_PALETTE[0] };
  const registry: RegistryFile = {
    honorifics,
    speakers: realRegistry.speakers
      .filter((s) => s.side === 'USSR' || s.side === 'China')
      .map((s) => ({ ...s, side: s.side === 'China' ? 'PRC' : s.side })),
    sides: [{ name: 'PRC', colour: colours.PRC }],
  };
  // The shipped sentiment.yaml without its albania and korea targets: a
  // caption quotes a target's patterns, which are the corpus's to choose.
  const sentiment = parse(readFileSync(join(REPO, 'corpus', 'sentiment.yaml'), 'utf8')) as {
    targets: Record<string, string[]>;
  };
  delete sentiment.targets.albania;
  delete sentiment.targets.korea;
  let out: Outputs;
  beforeAll(async () => {
    out = await run(work, 'renamed', registry, rawOf(REAL, SINO_SOVIET), stringify(sentiment));
  }, 600_000);

  it('names no side the corpus lacks in any caption, title, alt text, methods or findings', () => {
    const texts = generatedTexts(out);
    expect(texts.length).toBeGreaterThan(10);
    for (const [where, text] of texts) expect(text, where).not.toMatch(/\b(?:Albania|DPRK)\b/);
    // …while naming its own sides where a text is about them.
    expect(texts.some(([, t]) => /\bPRC\b/.test(t) && /\bUSSR\b/.test(t))).toBe(true);
  });

  it('colours PRC then USSR, as the sides: list orders and colours them', () => {
    let scales = 0;
    for (const id of figureIds(out)) {
      const spec = JSON.parse(out.get(`figures/${id}.vl.json`)!) as unknown;
      for (const { domain, range } of sideScales(spec)) {
        scales++;
        const sides = domain.filter((s) => s !== 'Unknown');
        expect(sides, id).toEqual(order.filter((s) => sides.includes(s)));
        expect(range.slice(0, sides.length), id).toEqual(
          sides.map((s) => colours[s as keyof typeof colours]),
        );
      }
    }
    expect(scales).toBeGreaterThan(5);
  });
});
