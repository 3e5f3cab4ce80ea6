/**
 * `npm run bench -- --same-outputs REF`: runs two builds of the pipeline —
 * REF (a git commit, branch or tag, built into a temporary folder; or a
 * project folder whose .build is already compiled) and this working tree's
 * .build — on the shipped corpus and on a synthetic corpus of `--docs`
 * documents (default 1,000), each without a cache, and lists every output
 * file that differs byte for byte or exists in one run only.
 *
 * Nothing is excused: the outputs hold no clock time (manifest.json records
 * versions and input hashes only), so any difference is a real one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeSyntheticCorpus } from './synth.js';

export interface SameOutputsOptions {
  /** A git ref, or a folder holding a built project (its .build/pipeline/cli.js). */
  against: string;
  /** This project's root (its .build is the other build). */
  root: string;
  corpus: string;
  docs: number;
  seed: number;
  tmp: string;
  log: (line: string) => void;
}

export interface CorpusComparison {
  corpus: string;
  files: number;
  /** Output paths (relative to the output folder) that differ or exist on one side only. */
  differ: string[];
}

/** Every file below `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Paths present in only one of the two folders, or whose bytes differ. */
export function differingFiles(a: string, b: string): { files: number; differ: string[] } {
  const left = listFiles(a);
  const right = new Set(listFiles(b));
  const differ: string[] = [];
  for (const f of left) {
    if (!right.has(f)) differ.push(`${f} (only in the first)`);
    else if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) differ.push(f);
    right.delete(f);
  }
  for (const f of right) differ.push(`${f} (only in the second)`);
  return { files: left.length, differ: differ.sort() };
}

/**
 * The project folder of a build to compare against: `against` itself when it
 * is a folder holding a built project, else the git ref `against` of the
 * repository at `opts.root`, built into a folder under `opts.tmp`.
 */
export function buildOf(
  opts: Pick<SameOutputsOptions, 'against' | 'root' | 'tmp' | 'log'>,
): string {
  const asDir = resolve(opts.against);
  if (existsSync(join(asDir, '.build', 'pipeline', 'cli.js'))) return asDir;
  const dir = join(opts.tmp, 'ref');
  mkdirSync(dir, { recursive: true });
  opts.log(`building ${opts.against} in ${dir}`);
  const tar = execFileSync('git', ['archive', '--format=tar', opts.against], {
    cwd: opts.root,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(join(opts.root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(
    process.execPath,
    [join(opts.root, 'node_modules', '.bin', 'tsc'), '-p', 'tsconfig.json'],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
  return dir;
}

function analyze(project: string, corpus: string, out: string): void {
  const r = spawnSync(
    process.execPath,
    [
      join(project, '.build', 'pipeline', 'cli.js'),
      '--corpus',
      corpus,
      '--out',
      out,
      '--no-cache',
      '--quiet',
    ],
    { cwd: project, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (r.status !== 0 && !existsSync(join(out, 'manifest.json')))
    throw new Error(
      `analyze with ${project} on ${corpus} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`,
    );
}

export async function sameOutputs(opts: SameOutputsOptions): Promise<CorpusComparison[]> {
  const ref = buildOf(opts);
  const synthetic = join(opts.tmp, `synthetic-${opts.docs}`);
  await writeSyntheticCorpus({
    sourceCorpus: resolve(opts.corpus),
    outDir: synthetic,
    docs: opts.docs,
    seed: opts.seed,
  });
  const results: CorpusComparison[] = [];
  for (const [name, corpus] of [
    ['shipped', resolve(opts.corpus)],
    [`synthetic ${opts.docs}`, synthetic],
  ] as const) {
    const key = name.replace(/\s+/g, '-');
    const a = join(opts.tmp, `out-${key}-ref`);
    const b = join(opts.tmp, `out-${key}-tree`);
    opts.log(`same-outputs: ${name} corpus with ${opts.against}`);
    analyze(ref, corpus, a);
    opts.log(`same-outputs: ${name} corpus with the working tree`);
    analyze(opts.root, corpus, b);
    results.push({ corpus: name, ...differingFiles(a, b) });
  }
  return results;
}

export function formatComparison(against: string, results: readonly CorpusComparison[]): string {
  return results
    .map((r) =>
      r.differ.length === 0
        ? `${r.corpus}: ${r.files} files, all byte-identical to ${against}`
        : `${r.corpus}: ${r.differ.length} of ${r.files} files differ from ${against}:\n${r.differ.map((f) => `  ${f}`).join('\n')}`,
    )
    .join('\n');
}
