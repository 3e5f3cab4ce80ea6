import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions, repeatsFor } from '../pipeline/bench/cli.js';
import { measureFloor } from '../pipeline/bench/floor.js';
import { formatHostile } from '../pipeline/bench/hostile.js';
import {
  APPENDED_SENTENCE,
  appendToFirstTurn,
  compareTrees,
} from '../pipeline/bench/incremental.js';
import { median, medianStages, parseCommand } from '../pipeline/bench/run.js';
import type { SizeResult } from '../pipeline/bench/scale.js';
import {
  checkTargets,
  formatSizes,
  formatStages,
  renderTable,
  sizeRow,
} from '../pipeline/bench/table.js';

function size(over: Partial<SizeResult>): SizeResult {
  return {
    docs: 1000,
    corpus_bytes: 26_000_000,
    turns: 40_000,
    tokens: 4_500_000,
    pipeline_tokens_reported: 4_500_000,
    repeats: 1,
    floor_wall_s: 9,
    floor_model_load_s: 0.31,
    floor_peak_rss_mb: 210,
    raw_tokens_per_s: 500_000,
    pipeline_wall_s: 6,
    pipeline_internal_wall_s: 5.5,
    pipeline_tokens_per_s: 750_000,
    ratio: 1.5,
    peak_rss_mb: 612.4,
    peak_rss_source: 'timings',
    polled_rss_mb: 600,
    stages: { ingest: 0.5, annotate: 4, report: 1 },
    serial: null,
    pipeline_cpu_s: null,
    vs: null,
    warnings: [],
    ...over,
  };
}

describe('table formatting', () => {
  it('aligns columns: right by default, left when asked', () => {
    const t = renderTable(
      ['name', 'n'],
      [
        ['a', '1'],
        ['bbb', '1,000'],
      ],
      ['l'],
    );
    expect(t.split('\n')).toEqual(['name      n', '----  -----', 'a         1', 'bbb   1,000']);
  });

  it('formats a size row with thousands separators and fixed decimals', () => {
    expect(sizeRow(size({}))).toEqual([
      '1,000',
      '4,500,000',
      '9.00',
      '500,000',
      '6.00',
      '750,000',
      '1.50',
      '612',
    ]);
    expect(sizeRow(size({ peak_rss_mb: 80, peak_rss_source: 'polled' })).at(-1)).toBe('80*');
    expect(sizeRow(size({ peak_rss_mb: null, peak_rss_source: 'none' })).at(-1)).toBe('–');
  });

  it('breaks the wall time down by stage, with the rest as "other"', () => {
    expect(formatStages({ ingest: 0.5, annotate: 4, report: 1 }, 6)).toBe(
      'ingest 0.50 s (8%) · annotate 4.00 s (67%) · report 1.00 s (17%) · other 0.50 s (8%)',
    );
    expect(formatStages({}, 3)).toBe('(no stage timings reported)');
  });

  it('prints one table row per size, then stages and warnings', () => {
    const text = formatSizes([
      size({ docs: 250, warnings: ['token counts disagree'] }),
      size({ docs: 1000 }),
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\s*docs\s+tokens\s+floor s\s+floor tok\/s\s+pipeline s/);
    expect(lines[2]).toMatch(
      /^\s*250\s+4,500,000\s+9\.00\s+500,000\s+6\.00\s+750,000\s+1\.50\s+612$/,
    );
    expect(text).toContain('stages at 1,000 docs (of 6.00 s wall): ingest 0.50 s');
    expect(text).toContain('warning: token counts disagree');
    expect(text).not.toContain('on one thread');
  });

  it('reports the one-thread run when measured', () => {
    const text = formatSizes([
      size({ serial: { wall_s: 12, tokens_per_s: 375_000, ratio: 0.75, speedup: 2 } }),
    ]);
    expect(text).toContain(
      'on one thread (--workers 0): 12.00 s, 375,000 tok/s, 0.75× the floor; worker threads give 2.00× over it',
    );
  });
});

describe('the other build (--vs)', () => {
  it('prints its medians and this build over it, with the range of the pairs', () => {
    const text = formatSizes([
      size({
        pipeline_cpu_s: 80.25,
        vs: {
          command: 'node /tmp/b/.build/pipeline/cli.js',
          pairs: 3,
          wall_s: 40,
          cpu_s: 70,
          peak_rss_mb: 700,
          wall_ratio: { median: 1.1, min: 1.05, max: 1.2 },
          cpu_ratio: { median: 1.125, min: 1.1, max: 1.15 },
          peak_rss_diff_mb: -12,
        },
      }),
    ]);
    expect(text).toContain('pipeline CPU 80.3 s (user + system, all threads)');
    expect(text).toContain(
      'against node /tmp/b/.build/pipeline/cli.js, 3 alternating pairs: 40.00 s wall, CPU 70.0 s, peak RSS 700 MB',
    );
    expect(text).toContain(
      'this build ÷ that one: wall ×1.100 (pairs 1.050–1.200), CPU ×1.125 (pairs 1.100–1.150); peak RSS −12 MB',
    );
  });

  it('says what it could not measure', () => {
    const text = formatSizes([
      size({
        vs: {
          command: 'old',
          pairs: 1,
          wall_s: 5,
          cpu_s: null,
          peak_rss_mb: null,
          wall_ratio: { median: 1.2, min: 1.2, max: 1.2 },
          cpu_ratio: null,
          peak_rss_diff_mb: null,
        },
      }),
    ]);
    expect(text).toContain('against old, 1 alternating pair: 5.00 s wall, CPU – s, peak RSS – MB');
    expect(text).toContain('CPU –; peak RSS –');
  });
});

describe('checkTargets', () => {
  it('passes and fails on the issue thresholds', () => {
    const ok = checkTargets([
      size({ docs: 250, pipeline_tokens_per_s: 700_000 }),
      size({ docs: 1000, ratio: 1.6 }),
      size({ docs: 4000, pipeline_tokens_per_s: 600_000, peak_rss_mb: 1400 }),
    ]);
    expect(ok.map((c) => c.pass)).toEqual([true, true, true, null, null]);
    const bad = checkTargets([
      size({ docs: 250, pipeline_tokens_per_s: 700_000 }),
      size({ docs: 1000, ratio: 1.2 }),
      size({ docs: 4000, pipeline_tokens_per_s: 590_000, peak_rss_mb: 1600 }),
    ]);
    expect(bad.map((c) => c.pass)).toEqual([false, false, false, null, null]);
    expect(bad[1]?.measured).toBe('4,000 vs 250 docs: -15.7%');
  });

  it('reports stand-in sizes without a verdict', () => {
    const c = checkTargets([
      size({ docs: 50 }),
      size({ docs: 100, pipeline_tokens_per_s: 900_000 }),
    ]);
    expect(c[0]?.pass).toBeNull();
    expect(c[1]).toMatchObject({ pass: null, measured: '100 vs 50 docs: +20.0% (stand-in sizes)' });
    expect(c[2]?.measured).toBe('612 MB at 100 docs (no 4,000-doc size)');
  });

  it('judges start-up and incremental runs', () => {
    const c = checkTargets(
      [],
      {
        corpus: 'corpus',
        runs: 3,
        bare_wall_s: 1,
        pipeline_wall_s: 3.4,
        ratio: 3.4,
        bare_runs_s: [1],
        pipeline_runs_s: [3.4],
        bare_documents: 5,
        bare_tokens: 20_000,
        pipeline_documents: 5,
        pipeline_stages: {},
      },
      {
        changed_file: 'raw/x.txt',
        first_wall_s: 2,
        first_annotated: 5,
        second_wall_s: 1,
        second_annotated: 1,
        clean_wall_s: 2,
        files_compared: 10,
        identical: true,
        differences: [],
      },
    );
    expect(c[3]?.pass).toBe(false);
    expect(c[4]?.pass).toBe(true);
  });
});

describe('helpers', () => {
  it('parses a command line like a shell, running node as this Node', () => {
    expect(parseCommand('node .build/pipeline/cli.js')).toEqual([
      process.execPath,
      '.build/pipeline/cli.js',
    ]);
    expect(parseCommand(`/usr/bin/env  "a b" 'c d' e\\ f`)).toEqual([
      '/usr/bin/env',
      'a b',
      'c d',
      'e f',
    ]);
    expect(() => parseCommand('"open')).toThrow(/unterminated/);
    expect(() => parseCommand('   ')).toThrow(/empty/);
  });

  it('takes medians, per stage too', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(medianStages([{ a: 1, b: 5 }, { a: 3 }, undefined, { a: 2, b: 7 }])).toEqual({
      a: 2,
      b: 6,
    });
  });

  it('reads the options with the documented defaults', () => {
    const d = parseOptions([]);
    expect(d).toMatchObject({ docs: [250, 1000], repeat: undefined, json: false, keep: false });
    expect(d.pipeline).toEqual([process.execPath, '.build/pipeline/cli.js']);
    expect(repeatsFor(250, undefined)).toBe(3);
    expect(repeatsFor(1000, undefined)).toBe(1);
    expect(repeatsFor(1000, 2)).toBe(2);
    const o = parseOptions(['--docs', '100,1000,4000', '--repeat', '5', '--json', '--startup']);
    expect(o).toMatchObject({ docs: [100, 1000, 4000], repeat: 5, json: true, startup: true });
    expect(d.serial).toBe(false);
    expect(parseOptions(['--serial']).serial).toBe(true);
    // --convert alone measures conversion only; with --docs, sizes too.
    expect(parseOptions(['--convert'])).toMatchObject({ convert: true, docs: [] });
    expect(parseOptions(['--convert', '--docs', '250']).docs).toEqual([250]);
    expect(() => parseOptions(['--docs', '10,x'])).toThrow(/--docs/);
    expect(() => parseOptions(['--bogus'])).toThrow();
    expect(d).toMatchObject({ scaling: false, only: undefined, timeout: 120 });
    expect(parseOptions(['--scaling', '--only', 'speech, [', '--timeout', '30'])).toMatchObject({
      scaling: true,
      only: ['speech', '['],
      timeout: 30,
    });
  });

  it('writes the scaling table: ratio, peak RSS, and a timed-out run as "> t"', () => {
    const run = (n: number, wall_s: number, timed_out = false) => ({
      n,
      bytes: n,
      wall_s,
      timed_out,
      code: timed_out ? null : 0,
      peak_rss_mb: 300.4,
    });
    const text = formatHostile([
      { name: 'a', unit: 'chars', small: run(10, 2), large: run(20, 4.4), ratio: 2.2, pass: true },
      {
        name: 'b',
        unit: 'labels',
        small: run(5, 60.2, true),
        large: run(10, 3),
        ratio: null,
        pass: false,
      },
    ]);
    expect(text.split('\n').slice(2)).toEqual([
      '| a | 10 chars | 2.00 s (exit 0) | 4.40 s (exit 0) | 2.20 | 300 MB / 300 MB | yes |',
      '| b | 5 labels | > 60 s | 3.00 s (exit 0) | — | 300 MB / 300 MB | NO |',
    ]);
  });

  it('appends a sentence to the first turn and changes nothing else', () => {
    const text =
      'June 6, 1961\n\nNarrative here.\n\n\nComrade Enver Hoxha: Welcome.  \n\n\nBaek Sunje: Thanks.\n';
    const changed = appendToFirstTurn(text);
    expect(changed).toBe(
      `June 6, 1961\n\nNarrative here.\n\n\nComrade Enver Hoxha: Welcome. ${APPENDED_SENTENCE}  \n\n\nBaek Sunje: Thanks.\n`,
    );
    expect(() => appendToFirstTurn('no turns here')).toThrow();
  });

  it('compares folders byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-cmp-test-'));
    try {
      for (const side of ['a', 'b']) {
        await mkdir(join(dir, side, 'data'), { recursive: true });
        await writeFile(join(dir, side, 'data', 'same.csv'), 'x,y\n1,2\n');
        await writeFile(join(dir, side, 'diff.txt'), side);
      }
      await writeFile(join(dir, 'a', 'extra.txt'), '');
      const r = await compareTrees(join(dir, 'a'), join(dir, 'b'), { a: 'A', b: 'B' });
      expect(r.compared).toBe(2);
      expect(r.differences.sort()).toEqual(['differs: diff.txt', 'only in A: extra.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('measureFloor', () => {
  it('counts wink word tokens, not punctuation', async () => {
    const r = await measureFloor(['We thank you very much.', 'How are you, comrades?']);
    expect(r.turns).toBe(2);
    expect(r.tokens).toBe(9);
    expect(r.chars).toBe(45);
    expect(r.read_s).toBeGreaterThan(0);
    expect(r.tokens_per_s).toBeCloseTo(r.tokens / r.read_s, 6);
  });
});
