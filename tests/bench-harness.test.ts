/**
 * The harness end to end, on a fake pipeline (tests/fixtures/bench/) that
 * honours the CLI contract. The bench entry points are compiled into a temp
 * folder first, because the floor and start-up scripts run as plain `node`
 * children and Node 20 cannot run TypeScript.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FAKE = join(ROOT, 'tests', 'fixtures', 'bench', 'fake-pipeline.mjs');
let build: string;
let cli: string;

beforeAll(async () => {
  build = await mkdtemp(join(tmpdir(), 'bench-harness-test-'));
  // Compiled modules resolve wink-nlp and papaparse through this link, and
  // the package.json makes their .js files ES modules.
  await symlink(join(ROOT, 'node_modules'), join(build, 'node_modules'), 'dir');
  await writeFile(join(build, 'package.json'), '{"type":"module"}\n');
  const entries = ['cli.ts', 'floor.ts', 'bare.ts'].map((f) => join(ROOT, 'pipeline', 'bench', f));
  try {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '--ignoreConfig',
        ...entries,
        '--outDir',
        build,
        '--rootDir',
        ROOT,
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--skipLibCheck',
        '--esModuleInterop',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  } catch (err) {
    // Type errors still emit; only a missing output is fatal here (type
    // checking is tsconfig.check.json's job).
    if (!existsSync(join(build, 'pipeline', 'bench', 'cli.js'))) throw err;
  }
  cli = join(build, 'pipeline', 'bench', 'cli.js');
}, 60_000);

afterAll(async () => {
  if (build) await rm(build, { recursive: true, force: true });
});

function bench(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('npm run bench on a fake pipeline', () => {
  it('prints one JSON object per size plus start-up, incremental and targets', () => {
    const r = bench([
      '--docs',
      '3',
      '--repeat',
      '1',
      '--json',
      '--startup',
      '--incremental',
      '--pipeline',
      `node ${FAKE}`,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const objs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objs.map((o) => o.kind)).toEqual(['size', 'startup', 'incremental', 'targets']);

    const size = objs[0] as Record<string, number>;
    for (const k of ['docs', 'tokens', 'raw_tokens_per_s', 'pipeline_tokens_per_s', 'ratio'])
      expect(typeof size[k], k).toBe('number');
    expect(size.docs).toBe(3);
    expect(size.tokens).toBeGreaterThan(1000);
    expect(size.turns).toBeGreaterThanOrEqual(60);
    expect(size.ratio).toBeCloseTo(size.pipeline_tokens_per_s! / size.raw_tokens_per_s!, 9);
    expect(size.raw_tokens_per_s).toBeCloseTo(size.tokens! / size.floor_wall_s!, 6);
    // The fake reports its own peak RSS, which the harness prefers.
    expect(objs[0]?.peak_rss_source).toBe('timings');
    expect(size.peak_rss_mb).toBeGreaterThan(10);
    expect(Object.keys(objs[0]?.stages as object)).toEqual(['segment', 'write']);

    const startup = objs[1] as Record<string, number>;
    expect(startup.bare_documents).toBe(5);
    expect(startup.pipeline_documents).toBe(5);
    expect(startup.ratio).toBeCloseTo(startup.pipeline_wall_s! / startup.bare_wall_s!, 9);

    // The fake caches by content hash, so only the changed file is redone,
    // and its output does not depend on the cache.
    expect(objs[2]).toMatchObject({
      first_annotated: 5,
      second_annotated: 1,
      identical: true,
      files_compared: 2,
      differences: [],
    });
    const targets = (objs[3] as { targets: Array<{ pass: boolean | null }> }).targets;
    expect(targets.at(-1)?.pass).toBe(true);
  }, 60_000);

  it('runs another build alternately with --vs and gives this one over it, pair by pair', async () => {
    // The other build: a project folder whose pipeline spins 400 ms of CPU, then runs the fake.
    const other = await mkdtemp(join(tmpdir(), 'bench-vs-test-'));
    try {
      await mkdir(join(other, '.build', 'pipeline'), { recursive: true });
      await writeFile(
        join(other, '.build', 'pipeline', 'cli.js'),
        `const t = Date.now();\nwhile (Date.now() - t < 400) {}\nawait import(${JSON.stringify(pathToFileURL(FAKE).href)});\n`,
      );
      await writeFile(join(other, 'package.json'), '{"type":"module"}\n');
      const r = bench([
        '--docs',
        '2',
        '--repeat',
        '2',
        '--json',
        '--pipeline',
        `node ${FAKE}`,
        '--vs',
        other,
      ]);
      expect(r.status, r.stderr).toBe(0);
      const size = JSON.parse(r.stdout.split('\n')[0] ?? '') as {
        pipeline_cpu_s: number;
        vs: {
          pairs: number;
          wall_s: number;
          cpu_s: number;
          wall_ratio: { median: number; min: number; max: number };
          cpu_ratio: { median: number; min: number; max: number };
        };
      };
      expect(size.vs.pairs).toBe(2);
      // The slower other build: this one is faster in every pair, by wall and by CPU.
      expect(size.vs.wall_ratio.max).toBeLessThan(1);
      expect(size.vs.cpu_ratio.max).toBeLessThan(1);
      expect(size.vs.cpu_s - size.pipeline_cpu_s).toBeGreaterThan(0.3);
      expect(size.vs.wall_ratio.min).toBeLessThanOrEqual(size.vs.wall_ratio.median);
      // Even runs start with the other build.
      expect(r.stderr).toMatch(/run 1\/2: the other build [\d.]+ s \(after this one\)/);
      expect(r.stderr).toMatch(/run 2\/2: the other build [\d.]+ s \(before this one\)/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  }, 60_000);

  it('prints the table by default and reports a failing pipeline', () => {
    const ok = bench(['--docs', '3', '--repeat', '1', '--pipeline', `node ${FAKE}`]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^\s*docs\s+tokens\s+floor s/m);
    expect(ok.stdout).toMatch(/^\s+3\s+[\d,]+\s+\d+\.\d\d\s/m);
    expect(ok.stdout).toContain('stages at 3 docs');
    expect(ok.stderr).toMatch(/children run with plain node/);

    // Without a timings file the harness falls back on what it measured itself.
    const bare = bench(['--docs', '2', '--repeat', '1', '--json', '--pipeline', `node ${FAKE}`], {
      FAKE_PIPELINE_NO_TIMINGS: '1',
    });
    expect(bare.status, bare.stderr).toBe(0);
    const size = JSON.parse(bare.stdout.split('\n')[0] ?? '') as Record<string, unknown>;
    expect(size.peak_rss_source).toBe('polled');
    expect(size.peak_rss_mb).toBeGreaterThan(10);
    expect(size.pipeline_internal_wall_s).toBeNull();
    expect(size.stages).toEqual({});
    expect(size.warnings).toContain('the pipeline wrote no timings file');

    const failing = bench([
      '--docs',
      '2',
      '--repeat',
      '1',
      '--pipeline',
      'node -e process.exit(3) --',
    ]);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/command failed \(3\)/);
    // Temporary folders are removed even when a run fails.
    const kept = failing.stderr.match(/temp (\S+)/)?.[1];
    expect(kept).toBeDefined();
    expect(existsSync(kept!)).toBe(false);
  }, 60_000);
});
