/**
 * Incremental run: analyse a copy of the shipped corpus with a cache, change
 * one transcript, analyse again with the cache (should re-annotate exactly
 * that file), then analyse from scratch without a cache and compare every
 * output file byte for byte. The second and the clean run write to the same
 * output path (the first is moved aside), so a report that names its own
 * folder is not mistaken for a difference.
 */
import { chmod, cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readTimings, runChecked } from './run.js';
import { labelOf } from './synth.js';

export const APPENDED_SENTENCE = 'We thank you once more for this visit.';

export interface IncrementalResult {
  changed_file: string;
  first_wall_s: number;
  first_annotated: number | null;
  second_wall_s: number;
  /** Documents annotated by the second run (target: 1). */
  second_annotated: number | null;
  clean_wall_s: number;
  files_compared: number;
  identical: boolean;
  /** Up to 20 differences, e.g. "differs: data/turns.csv", "only in clean run: x". */
  differences: string[];
}

/**
 * Appends a sentence to the first speaker turn's opening paragraph, leaving
 * every other byte (separators, odd spaces) as it was.
 */
export function appendToFirstTurn(text: string, sentence = APPENDED_SENTENCE): string {
  const parts = text.split(/(\n(?:[ \t]*\n)+)/);
  for (let i = 0; i < parts.length; i += 2) {
    const p = parts[i] as string;
    if (labelOf(p.trimStart()) === undefined) continue;
    const body = p.trimEnd();
    parts[i] = `${body} ${sentence}${p.slice(body.length)}`;
    return parts.join('');
  }
  throw new Error('no speaker turn to change');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Byte-for-byte comparison of two folders. */
export async function compareTrees(
  a: string,
  b: string,
  names: { a: string; b: string } = { a: 'first', b: 'second' },
): Promise<{ compared: number; differences: string[] }> {
  const [fa, fb] = await Promise.all([listFiles(a), listFiles(b)]);
  const inB = new Set(fb);
  const inA = new Set(fa);
  const differences: string[] = [];
  let compared = 0;
  for (const f of fa) {
    if (!inB.has(f)) {
      differences.push(`only in ${names.a}: ${f}`);
      continue;
    }
    compared++;
    const [x, y] = await Promise.all([readFile(join(a, f)), readFile(join(b, f))]);
    if (!x.equals(y)) differences.push(`differs: ${f}`);
  }
  for (const f of fb) if (!inA.has(f)) differences.push(`only in ${names.b}: ${f}`);
  return { compared, differences };
}

export async function measureIncremental(opts: {
  pipeline: readonly string[];
  corpus: string;
  tmp: string;
  log?: (line: string) => void;
}): Promise<IncrementalResult> {
  const corpus = join(opts.tmp, 'corpus');
  const cache = join(opts.tmp, 'cache');
  await mkdir(opts.tmp, { recursive: true });
  await cp(opts.corpus, corpus, { recursive: true });

  const run = async (name: string, out: string, cacheArgs: string[]) => {
    const timingsFile = join(opts.tmp, `timings-${name}.json`);
    const r = await runChecked([
      ...opts.pipeline,
      '--corpus',
      corpus,
      '--out',
      out,
      ...cacheArgs,
      '--quiet',
      '--timings',
      timingsFile,
    ]);
    const t = await readTimings(timingsFile);
    opts.log?.(
      `incremental ${name} run: ${r.wall_s.toFixed(2)} s, annotated ${t?.annotated ?? '?'}`,
    );
    return { wall_s: r.wall_s, annotated: typeof t?.annotated === 'number' ? t.annotated : null };
  };

  const first = await run('first', join(opts.tmp, 'out-first'), ['--cache', cache]);

  const raw = join(corpus, 'raw');
  const files = (await readdir(raw)).filter((f) => f.endsWith('.txt')).sort();
  const changed = files[Math.floor(files.length / 2)];
  if (changed === undefined) throw new Error(`no transcripts in ${raw}`);
  const target = join(raw, changed);
  // The shipped raw files are read-only; the copy must be writable to change it.
  await chmod(target, 0o644);
  await writeFile(target, appendToFirstTurn(await readFile(target, 'utf8')));

  const out = join(opts.tmp, 'out');
  const second = await run('second', out, ['--cache', cache]);
  const incrementalOut = join(opts.tmp, 'out-incremental');
  await rename(out, incrementalOut);
  const clean = await run('clean', out, ['--no-cache']);
  const cmp = await compareTrees(incrementalOut, out, { a: 'incremental run', b: 'clean run' });

  return {
    changed_file: `raw/${changed}`,
    first_wall_s: first.wall_s,
    first_annotated: first.annotated,
    second_wall_s: second.wall_s,
    second_annotated: second.annotated,
    clean_wall_s: clean.wall_s,
    files_compared: cmp.compared,
    identical: cmp.differences.length === 0 && cmp.compared > 0,
    differences: cmp.differences.slice(0, 20),
  };
}
