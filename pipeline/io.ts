/**
 * The I/O edges: the only read of the corpus folder and the only write of
 * the output folder. Everything between is pure.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
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

/** A file's content: text, bytes, or chunks of bytes written one after another (never joined in memory). */
export type OutputContent = string | Uint8Array | Iterable<Uint8Array>;

/**
 * The only writer of the output folder. Files are written as they are
 * produced (so a large corpus never holds every output in memory) into a
 * fresh sibling folder; commit() then swaps it in place of `outDir` and
 * abort() removes it. A run that fails or is aborted leaves the previous
 * outputs untouched; the old folder is removed only after the swap.
 */
export class OutputWriter {
  readonly target: string;
  private readonly tmp: string;
  private readonly old: string;
  private readonly dirs = new Set<string>();
  count = 0;

  constructor(outDir: string) {
    this.target = resolve(outDir);
    const parent = dirname(this.target);
    this.tmp = join(parent, `.${basename(this.target)}.tmp-${process.pid}`);
    this.old = join(parent, `.${basename(this.target)}.old-${process.pid}`);
    try {
      mkdirSync(parent, { recursive: true });
      rmSync(this.tmp, { recursive: true, force: true });
      mkdirSync(this.tmp, { recursive: true });
    } catch (e) {
      throw new ConfigError(
        outDir,
        undefined,
        `expected a writable output folder, found: ${(e as Error).message}`,
      );
    }
  }

  write(name: string, content: OutputContent): void {
    const path = join(this.tmp, name);
    try {
      const dir = dirname(path);
      if (!this.dirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.dirs.add(dir);
      }
      if (typeof content === 'string' || content instanceof Uint8Array)
        writeFileSync(path, content);
      else writeChunks(path, content);
    } catch (e) {
      this.abort();
      throw new ConfigError(
        this.target,
        undefined,
        `could not write the outputs: ${(e as Error).message}`,
      );
    }
    this.count++;
  }

  commit(): void {
    try {
      if (existsSync(this.target)) renameSync(this.target, this.old);
      renameSync(this.tmp, this.target);
    } catch (e) {
      if (!existsSync(this.target) && existsSync(this.old)) renameSync(this.old, this.target);
      this.abort();
      throw new ConfigError(
        this.target,
        undefined,
        `could not write the outputs: ${(e as Error).message}`,
      );
    }
    rmSync(this.old, { recursive: true, force: true });
  }

  abort(): void {
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

function writeChunks(path: string, chunks: Iterable<Uint8Array>): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes a whole set of files atomically (see OutputWriter). */
export function writeOutputs(outDir: string, files: OutputFiles): void {
  const out = new OutputWriter(outDir);
  for (const name of [...files.keys()].sort()) out.write(name, files.get(name)!);
  out.commit();
}
