import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFigures } from '../analyses/index.js';
import { parseCsv, stableJson } from '../pipeline/csv.js';
import { meetings, poissonInterval, weightedRolling, yearSpan } from '../pipeline/figures/data.js';
import {
  type Figure,
  figureFiles,
  figureSoftware,
  renderFigure,
  renderPdf,
  renderSvg,
  VEGA_LITE_SCHEMA,
} from '../pipeline/figures/index.js';
import { loadFonts, normaliseSvgIds } from '../pipeline/figures/render.js';
import { NO_SIDES, SIDE_PALETTE, sideScale } from '../pipeline/figures/theme.js';
import { buildFixture, HEADLINE } from './fixtures/report/fixture.js';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const fixture = buildFixture();
const figures = buildFigures(fixture.tables, { headline: HEADLINE });
const rendered = new Map<string, { svg: string; png: Uint8Array; pdf: Uint8Array }>();

beforeAll(async () => {
  for (const f of figures) rendered.set(f.id, await renderFigure(f));
}, 60_000);

function values(fig: Figure): unknown[] {
  return (fig.spec as { data: { values: unknown[] } }).data.values;
}

describe('buildFigures', () => {
  it('builds every figure the issue asks for, in a fixed order', () => {
    expect(figures.map((f) => f.id)).toEqual([
      'phrase-rates',
      'sentiment-by-side',
      'sentiment-by-speaker',
      'top-terms',
      'keyness',
      'keyness-periods',
      'speech-share',
      'sentiment-arc',
      'dispersion',
      'target-tone',
      'sentiment-drivers',
    ]);
  });

  it('inlines exactly the rows of the CSV, with the columns declared', () => {
    for (const f of figures) {
      expect(values(f)).toEqual(f.data);
      expect(f.data.length).toBeGreaterThan(0);
      for (const row of f.data) expect(Object.keys(row).sort()).toEqual([...f.columns].sort());
      const csv = parseCsv(figureFiles(f, rendered.get(f.id)!)[`figures/${f.id}.csv`] as string);
      expect(csv).toHaveLength(f.data.length);
      expect(csv[0]).toEqual(Object.fromEntries(f.columns.map((c) => [c, String(f.data[0]![c])])));
    }
  });

  it('gives each figure a title, a caption that says what is counted, and alt text', () => {
    for (const f of figures) {
      expect(f.title.length).toBeGreaterThan(5);
      expect(f.caption.length).toBeGreaterThan(120);
      expect(f.alt.length).toBeGreaterThan(40);
      expect((f.spec as { description: string }).description).toBe(f.alt);
      expect((f.spec as { $schema: string }).$schema).toBe(VEGA_LITE_SCHEMA);
    }
  });

  it('does not mutate the tables and is a pure function of them', () => {
    const before = stableJson(fixture.tables);
    const again = buildFigures(fixture.tables, { headline: HEADLINE });
    expect(stableJson(fixture.tables)).toBe(before);
    expect(again.map((f) => stableJson(f.spec))).toEqual(figures.map((f) => stableJson(f.spec)));
  });

  it('returns no figure for empty tables rather than an empty chart', () => {
    const empty = Object.fromEntries(
      Object.entries(fixture.tables).map(([k, v]) => [k, Array.isArray(v) ? [] : {}]),
    ) as unknown as typeof fixture.tables;
    expect(buildFigures(empty)).toEqual([]);
  });
});

describe('the headline figure: phrase rates by side', () => {
  const fig = figures.find((f) => f.id === 'phrase-rates')!;

  it('divides counts by the words each side spoke in that meeting, zero-filled', () => {
    const words = new Map<string, number>();
    for (const r of fixture.tables.turnStats) {
      const k = `${r.doc_id}|${r.side}`;
      words.set(k, (words.get(k) ?? 0) + r.words);
    }
    // 1961: Hoxha said "Marxism-Leninism" three times in 92 words.
    const row = fig.data.find(
      (r) =>
        r.phrase === 'marxist-leninist' &&
        r.doc_id === '1961-02-10_hoxha-pak-geum-cheol' &&
        r.side === 'Albania',
    )!;
    expect(row.count).toBe(3);
    expect(row.words).toBe(words.get('1961-02-10_hoxha-pak-geum-cheol|Albania'));
    expect(row.per_10k).toBeCloseTo((3 / Number(row.words)) * 1e4, 3);
    const zero = fig.data.find(
      (r) =>
        r.phrase === 'revisionism' &&
        r.doc_id === '1961-02-10_hoxha-pak-geum-cheol' &&
        r.side === 'DPRK',
    )!;
    expect(zero.count).toBe(0);
    expect(zero.per_10k).toBe(0);
    expect(Number(zero.ci_high)).toBeGreaterThan(0);
  });

  it('leaves out a side with too few words to rate (the 7-word interpreter)', () => {
    expect(fig.data.some((r) => r.side === 'Unknown')).toBe(false);
  });

  it('puts the date on a calendar (UTC) axis spanning the data’s whole years', () => {
    const json = JSON.stringify(fig.spec);
    expect(json).toContain('"type":"temporal"');
    // Panels 220 px wide label every second year, counted back from the last
    // (1966, 1964 … 1958), so the axis starts a year before the data.
    expect(json).toContain('"domain":[{"year":1958,"month":1,"date":1,"utc":true}');
    expect(json).toContain('{"year":1966,"month":12,"date":31,"utc":true}');
  });
});

describe('keyness', () => {
  it('follows the comparison in the table: its target on the right, generic column names', () => {
    const flipped = {
      ...fixture.tables,
      keyness: fixture.tables.keyness.map((k) =>
        k.comparison.startsWith('side:')
          ? {
              ...k,
              comparison: 'side:DPRK vs Albania',
              target: 'DPRK',
              reference: 'Albania',
              count_target: k.count_reference,
              count_reference: k.count_target,
              range_target: k.range_reference,
              range_reference: k.range_target,
              log_ratio: -k.log_ratio,
            }
          : k,
      ),
    };
    const a = figures.find((f) => f.id === 'keyness')!;
    const b = buildFigures(flipped).find((f) => f.id === 'keyness')!;
    expect(a.title).toBe('Key terms: Albania vs DPRK');
    expect(b.title).toBe('Key terms: DPRK vs Albania');
    expect(a.columns).toEqual([
      'term',
      'key_for',
      'side',
      'log_ratio',
      'g2',
      'p',
      'significance',
      'count_target',
      'count_reference',
      'range_target',
      'range_reference',
    ]);
    const ml = a.data.find((r) => r.term === 'marxism-leninism')!;
    const mlFlipped = b.data.find((r) => r.term === 'marxism-leninism')!;
    expect(ml.key_for).toBe('Albania');
    expect(mlFlipped.key_for).toBe('Albania');
    expect(Number(ml.log_ratio)).toBeGreaterThan(0);
    expect(Number(mlFlipped.log_ratio)).toBe(-Number(ml.log_ratio));
    expect(mlFlipped.count_target).toBe(ml.count_reference);
  });

  it('draws the period comparison as its own figure, named and coloured by period', () => {
    const p = figures.find((f) => f.id === 'keyness-periods')!;
    expect(p.title).toBe('Key terms of the periods: 1959-1961 vs 1964-1966');
    expect(p.columns[2]).toBe('period');
    expect(new Set(p.data.map((d) => d.period))).toEqual(new Set(['1959-1961', '1964-1966']));
    // Only the period rows: every count matches a period row of the table.
    const rows = new Map(
      fixture.tables.keyness
        .filter((k) => k.comparison.startsWith('period:'))
        .map((k) => [k.term, k] as const),
    );
    for (const d of p.data) expect(d.count_target).toBe(rows.get(String(d.term))!.count_target);
  });
});

describe('theme', () => {
  it('gives each side one fixed colour-blind-safe colour and unknown sides grey', () => {
    expect(sideScale(['DPRK', 'Unknown', 'Albania'], NO_SIDES)).toEqual({
      domain: ['Albania', 'DPRK', 'Unknown'],
      range: ['#D55E00', '#0072B2', '#8C8C8C'],
    });
    // Same colour for Albania whatever else is present.
    expect(sideScale(['Albania'], NO_SIDES).range).toEqual(['#D55E00']);
  });

  it('orders and colours the sides as the corpus declares them, whichever are present', () => {
    const palette = { declared: ['USSR', 'PRC', 'Albania'] };
    expect(sideScale(['Albania', 'PRC', 'USSR', 'Unknown'], palette)).toEqual({
      domain: ['USSR', 'PRC', 'Albania', 'Unknown'],
      range: [...SIDE_PALETTE.slice(0, 3), '#8C8C8C'],
    });
    // A side keeps its colour when the sides declared before it are absent.
    expect(sideScale(['Albania'], palette)).toEqual({
      domain: ['Albania'],
      range: [SIDE_PALETTE[2]],
    });
    // Sides nobody declared follow in name order, in the next colours.
    expect(sideScale(['Zed', 'Cuba', 'PRC'], palette).domain).toEqual(['PRC', 'Cuba', 'Zed']);
    expect(sideScale(['Zed', 'Cuba', 'PRC'], palette).range).toEqual([
      SIDE_PALETTE[1],
      SIDE_PALETTE[3],
      SIDE_PALETTE[4],
    ]);
  });

  it('keeps the colours a corpus chose and gives the others the palette colours left', () => {
    const palette = {
      declared: ['USSR', 'PRC', 'Albania'],
      chosen: new Map([['PRC', SIDE_PALETTE[0]!]]),
    };
    expect(sideScale(['Albania', 'PRC', 'USSR'], palette).range).toEqual([
      SIDE_PALETTE[1],
      SIDE_PALETTE[0],
      SIDE_PALETTE[2],
    ]);
  });

  it('greys the sides beyond the palette', () => {
    const many = Array.from({ length: SIDE_PALETTE.length + 1 }, (_, i) => `Side ${i + 10}`);
    const { range } = sideScale(many, { declared: many });
    expect(range.slice(0, -1)).toEqual([...SIDE_PALETTE]);
    expect(range.at(-1)).toBe('#8C8C8C');
  });

  it('uses the same side colours in every figure', () => {
    for (const f of figures) {
      for (const m of JSON.stringify(f.spec).matchAll(
        /"scale":\{"domain":\[([^\]]*)\],"range":\[([^\]]*)\]/g,
      )) {
        const domain = JSON.parse(`[${m[1]}]`) as string[];
        const range = JSON.parse(`[${m[2]}]`) as string[];
        if (!domain.includes('Albania') && !domain.includes('DPRK')) continue;
        if (domain.includes('Albania')) expect(range[domain.indexOf('Albania')]).toBe('#D55E00');
        if (domain.includes('DPRK')) expect(range[domain.indexOf('DPRK')]).toBe('#0072B2');
      }
    }
  });
});

describe('helpers', () => {
  it('Poisson interval matches published exact (Garwood) limits', () => {
    // Tabulated exact 95% limits: c=0 → [0, 3.689]; 1 → [0.0253, 5.572]; 10 → [4.795, 18.390].
    const [l0, u0] = poissonInterval(0);
    expect(l0).toBe(0);
    expect(u0).toBeCloseTo(3.6889, 3);
    const [l1, u1] = poissonInterval(1);
    expect(l1).toBeCloseTo(0.0253, 4);
    expect(u1).toBeCloseTo(5.5716, 3);
    const [l10, u10] = poissonInterval(10);
    expect(l10).toBeCloseTo(4.7954, 3);
    expect(u10).toBeCloseTo(18.3904, 3);
    // The large-count approximation joins the exact values without a visible step.
    const [e1, e2] = poissonInterval(300);
    const [a1, a2] = poissonInterval(301);
    expect(Math.abs(a1 - e1 - 1)).toBeLessThan(0.1);
    expect(Math.abs(a2 - e2 - 1)).toBeLessThan(0.1);
  });

  it('weights the moving average by sentences', () => {
    expect(
      weightedRolling(
        [
          { mean: 1, sentences: 1 },
          { mean: 0, sentences: 3 },
          { mean: -1, sentences: 0 },
        ],
        3,
      ),
    ).toEqual([0.25, 0.25, 0]);
  });

  it('falls back to 1959–1966 when no date parses', () => {
    expect(yearSpan(['', 'n.d.'])).toEqual([1959, 1966]);
    expect(yearSpan(['1961-02-10', '1964-05-07'])).toEqual([1961, 1964]);
  });

  it('renumbers vega clip ids per document', () => {
    const svg =
      '<clipPath id="clip17"/><g clip-path="url(#clip17)"/><clipPath id="clip9"/><g clip-path="url(#clip9)"/>';
    expect(normaliseSvgIds(svg)).toBe(
      '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/><g clip-path="url(#clip2)"/>',
    );
  });

  it('reports the versions of the drawing packages', () => {
    const v = figureSoftware();
    expect(v.vega).toMatch(/^6\./);
    expect(v['vega-lite']).toMatch(/^6\./);
    expect(Object.values(v)).not.toContain('unknown');
  });
});

describe('Vega-Lite schema', () => {
  // Compiling the 1.5 MB schema takes ~2.5 s, hence the longer timeout.
  it('every spec validates against the vega-lite v6 JSON schema', { timeout: 30_000 }, () => {
    const require = createRequire(import.meta.url);
    const schema = require('vega-lite/vega-lite-schema.json') as object;
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
    const validate = ajv.compile(schema);
    for (const f of figures) {
      const ok = validate(f.spec);
      expect(ok ? [] : [f.id, validate.errors?.slice(0, 3)]).toEqual([]);
    }
  });
});

describe('golden specs', () => {
  // Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run tests/figures.test.ts
  for (const f of figures) {
    it(`${f.id}.vl.json matches tests/golden/${f.id}.vl.golden.json`, () => {
      const path = join(goldenDir, `${f.id}.vl.golden.json`);
      const actual = stableJson(f.spec);
      if (update || !existsSync(path)) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(path, actual);
        if (!update) throw new Error(`golden file ${path} was missing and has been written`);
      }
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }
});

describe('rendering', () => {
  it('SVG has marks and text in DejaVu Sans and no remote references', () => {
    for (const f of figures) {
      const { svg } = rendered.get(f.id)!;
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('font-family="DejaVu Sans"');
      expect(svg).toContain(f.title);
      expect(svg).toMatch(/class="mark-(symbol|rect|rule|line|tick)/);
      expect(svg).not.toMatch(/href="https?:/);
    }
  });

  it('PNG is at least 2× the SVG size and has text in the title band', () => {
    for (const f of figures) {
      const { svg, png } = rendered.get(f.id)!;
      const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
      // PNG IHDR: width at byte 16, big-endian.
      const pngWidth = Buffer.from(png).readUInt32BE(16);
      expect(pngWidth).toBeGreaterThanOrEqual(2 * width);
      expect(titleInk(png)).toBeGreaterThan(500);
    }
  });

  it('the title-band check would catch text dropped for want of fonts', () => {
    const { svg } = rendered.get('keyness')!;
    const noFonts = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 3 },
      background: '#ffffff',
      font: { fontFiles: [], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    expect(titleInk(new Uint8Array(noFonts))).toBe(0);
  });

  it('PDF is a vector PDF with DejaVu embedded', () => {
    for (const f of figures) {
      const pdf = Buffer.from(rendered.get(f.id)!.pdf).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pdf).toMatch(/\/FontFile2 /);
      expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(pdf).not.toMatch(/\/Subtype \/Image/);
    }
  });
});

describe('determinism', () => {
  it('two builds and renders give byte-identical spec, CSV, SVG and PDF files', async () => {
    const again = buildFigures(buildFixture().tables, { headline: HEADLINE });
    for (const f of again) {
      const first = rendered.get(f.id)!;
      const svg = await renderSvg(f);
      expect(svg).toBe(first.svg);
      const a = figureFiles(f, { svg, png: first.png, pdf: first.pdf });
      const orig = figures.find((x) => x.id === f.id)!;
      const b = figureFiles(orig, first);
      expect(a[`figures/${f.id}.vl.json`]).toBe(b[`figures/${f.id}.vl.json`]);
      expect(a[`figures/${f.id}.csv`]).toBe(b[`figures/${f.id}.csv`]);
    }
    // PDFs: pdfkit stamps a date and derives the file ID from it unless fixed.
    for (const id of ['keyness', 'sentiment-by-side']) {
      const f = again.find((x) => x.id === id)!;
      const pdf = await renderPdf(rendered.get(id)!.svg, f.title);
      expect(Buffer.from(pdf).equals(Buffer.from(rendered.get(id)!.pdf))).toBe(true);
    }
  });

  it('the fonts are the shipped DejaVu files', () => {
    const f = loadFonts();
    expect(f.regularPath).toMatch(/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(f.regular.length).toBeGreaterThan(100_000);
  });
});

/**
 * Dark pixels in the band where the title is drawn: the top 28 px of the
 * chart at 1×, i.e. the first 84 rows of a 3× PNG. Reads the PNG file itself
 * (IHDR, inflated IDAT, per-row filters undone) rather than re-rendering.
 */
function titleInk(png: Uint8Array): number {
  const buf = Buffer.from(png);
  const width = buf.readUInt32BE(16);
  const depth = buf[24]!;
  const colourType = buf[25]!;
  expect(depth).toBe(8);
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  expect(channels).toBeGreaterThan(0);
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let prev = Buffer.alloc(stride);
  let ink = 0;
  for (let y = 0; y < 84; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i]! + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const i = x * channels;
      if (line[i]! < 128 && line[i + 1]! < 128 && line[i + 2]! < 128) ink++;
    }
    prev = line;
  }
  return ink;
}

describe('meeting labels', () => {
  const tables = (speakers: number) =>
    ({
      documents: [{ doc_id: 'd', date: '1960-03-03', title: 'T', speakers: '' }],
      turns: Array.from({ length: speakers }, (_, i) => ({
        doc_id: 'd',
        turn: i + 1,
        speaker: `S${i}`,
      })),
      turnStats: [],
      sentimentArc: [],
      kwic: [],
    }) as unknown as Parameters<typeof meetings>[0];

  it('names up to six speakers', () => {
    expect(meetings(tables(6))[0]!.label).toBe('1960-03-03 · S0 – S1 – S2 – S3 – S4 – S5');
  });

  it('names the first five and counts the rest, however many speakers a record has', () => {
    // The label is repeated in figure rows: thousands of names in it made the
    // report grow with speakers squared.
    expect(meetings(tables(5000))[0]!.label).toBe(
      '1960-03-03 · S0 – S1 – S2 – S3 – S4 and 4995 others',
    );
  });
});
