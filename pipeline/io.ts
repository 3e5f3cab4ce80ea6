/**
 * The I/O edges: the only read of the corpus folder and the only write of
 * the output folder. Everything between is pure.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import type { RawFile } from './ingest.js';
import type { Diagnostic } from './types.js';

export interface CorpusFiles {
  dir: string;
  raw: RawFile[];
  /** Text of the configuration files present (speakers.yaml, …), by name. */
  config: Map<string, string>;
  diagnostics: Diagnostic[];
}

export const CONFIG_FILES = [
  'speakers.yaml',
  'corpus.yaml',
  'dictionary.yaml',
  'stopwords.txt',
  'sentiment.yaml',
];

/** Reads a corpus folder (raw/ plus configuration); never writes to it. */
export function readCorpus(dir: string): CorpusFiles {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ConfigError(
      dir,
      undefined,
      'expected a corpus folder (with raw/ and speakers.yaml), found nothing there',
    );
  }
  const rawDir = join(root, 'raw');
  if (!existsSync(rawDir) || !statSync(rawDir).isDirectory()) {
    throw new ConfigError(
      join(dir, 'raw'),
      undefined,
      'expected a raw/ folder of .txt transcripts, found none',
    );
  }
  const diagnostics: Diagnostic[] = [];
  const raw: RawFile[] = [];
  for (const name of readdirSync(rawDir).sort()) {
    const path = join(rawDir, name);
    const st = statSync(path);
    if (!st.isFile()) {
      diagnostics.push({
        file: `raw/${name}`,
        rule: 'ingest/not-a-file',
        severity: 'warning',
        message: 'not a regular file; skipped',
      });
      continue;
    }
    raw.push({ name, bytes: readFileSync(path) });
  }
  const config = new Map<string, string>();
  for (const name of CONFIG_FILES) {
    const path = join(root, name);
    if (existsSync(path)) config.set(name, readFileSync(path, 'utf8'));
  }
  return { dir: root, raw, config, diagnostics };
}

export type OutputFiles = Map<string, string | Uint8Array>;

/**
 * Writes all outputs at once: into a fresh sibling folder first, then swaps it
 * in place of `outDir`. A run that fails before the swap leaves the previous
 * outputs untouched; the old folder is removed only after the swap.
 */
export function writeOutputs(outDir: string, files: OutputFiles): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  const stamp = `${process.pid}`;
  const tmp = join(parent, `.${basename(target)}.tmp-${stamp}`);
  const old = join(parent, `.${basename(target)}.old-${stamp}`);
  try {
    mkdirSync(parent, { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    throw new ConfigError(
      outDir,
      undefined,
      `expected a writable output folder, found: ${(e as Error).message}`,
    );
  }
  try {
    for (const name of [...files.keys()].sort()) {
      const path = join(tmp, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, files.get(name)!);
    }
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw new ConfigError(
      outDir,
      undefined,
      `could not write the outputs: ${(e as Error).message}`,
    );
  }
  rmSync(old, { recursive: true, force: true });
}
