/**
 * The I/O edges: the only read of the corpus folder and the only write of
 * the output folder. Everything between is pure.
 */
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ConfigError } from './errors.js';
import { processAlive, removeDeadLeftovers } from './leftovers.js';
import { REPORTS_README } from './reports-readme.js';
import type { CorpusFiles, Diagnostic, RawFile } from './types.js';
import { escapeRegExp } from './words.js';

export const CONFIG_FILES = [
  'speakers.yaml',
  'corpus.yaml',
  'dictionary.yaml',
  'stopwords.txt',
  'sentiment.yaml',
];

/**
 * Reads a corpus folder (raw/ plus configuration); never writes to it. A
 * symbolic link is followed only when its target lies inside the corpus
 * folder: one that leads out of it (raw/x.txt → /etc/passwd) is skipped
 * with a warning, so nothing outside the corpus is ever read or published.
 */
export function readCorpus(dir: string): CorpusFiles {
  const root = resolve(dir);
  if (!existsSync(root))
    throw new ConfigError(
      dir,
      undefined,
      'expected a corpus folder (with raw/ and speakers.yaml), found nothing there',
    );
  if (!statSync(root).isDirectory())
    throw new ConfigError(
      dir,
      undefined,
      'expected a corpus folder (with raw/ and speakers.yaml), found a file; --corpus names the folder that holds raw/',
    );
  const real = canonicalPath(root);
  const diagnostics: Diagnostic[] = [];
  /** Whether `path` may be read: not a link, or a link whose target is inside the corpus. */
  const inside = (path: string, file: string): boolean => {
    if (!lstatSync(path).isSymbolicLink()) return true;
    const target = canonicalPath(path);
    if (within(target, real)) return true;
    diagnostics.push({
      file,
      rule: 'ingest/link-outside-corpus',
      severity: 'warning',
      message: `a symbolic link to ${target}, outside the corpus folder; not read`,
    });
    return false;
  };
  const rawDir = join(root, 'raw');
  if (!existsSync(rawDir) || !statSync(rawDir).isDirectory() || !inside(rawDir, 'raw/')) {
    throw new ConfigError(
      join(dir, 'raw'),
      undefined,
      'expected a raw/ folder of transcripts (.txt, .md, .html, .pdf, .docx), found none',
    );
  }
  const raw: RawFile[] = [];
  for (const name of readdirSync(rawDir).sort()) {
    const path = join(rawDir, name);
    const file = `raw/${name}`;
    if (!inside(path, file)) continue;
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(path);
    } catch (e) {
      diagnostics.push({
        file,
        rule: 'ingest/unreadable',
        severity: 'warning',
        message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); skipped`,
      });
      continue;
    }
    if (!st.isFile()) {
      diagnostics.push({
        file,
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
    if (existsSync(path) && inside(path, name)) config.set(name, readFileSync(path, 'utf8'));
  }
  return { dir: root, raw, config, diagnostics };
}

export type OutputFiles = Map<string, string | Uint8Array>;

/** A file's content: text, bytes, or chunks of bytes written one after another (never joined in memory). */
export type OutputContent = string | Uint8Array | Iterable<Uint8Array>;

/** The file every report holds that says this tool wrote it, and what it wrote at its top level. */
export const REPORT_MARKER = '.archival-transcripts.json';
const TOOL = 'archival-transcripts';
/** What reports written before the marker existed hold at their top level (recognised by manifest.json). */
const LEGACY_ENTRIES = [
  'README.md',
  'corpus',
  'data',
  'diagnostics.csv',
  'figures',
  'index.html',
  'manifest.json',
];

/** A folder the output must stay clear of (the corpus, the cache), with what it is called. */
export interface ProtectedPath {
  path: string;
  what: string;
}

/**
 * The only writer of the output folder. Files are written as they are
 * produced (so a large corpus never holds every output in memory) into a
 * fresh sibling folder; commit() then swaps it in place of `outDir` and
 * abort() removes it. A run that fails or is aborted leaves the previous
 * outputs untouched; the old folder is removed only after the swap.
 *
 * Because the swap deletes what was at `outDir`, the writer refuses (with a
 * ConfigError, before any work) an `outDir` that is a file, that is, holds
 * or lies inside a protected folder (the corpus, the cache), or that exists
 * and is not an earlier report of this tool holding only what the tool
 * wrote there (REPORT_MARKER lists it). A lock beside the folder keeps a
 * second run from writing into it at the same time, and what killed runs
 * left beside it (their temporary folders) is removed.
 */
export class OutputWriter {
  readonly target: string;
  private readonly tmp: string;
  private readonly old: string;
  private readonly lock: string;
  private readonly dirs = new Set<string>();
  private readonly top = new Set<string>();
  private readonly written: string[] = [];
  private locked = false;
  count = 0;

  constructor(outDir: string, protect: readonly ProtectedPath[] = []) {
    this.target = canonicalPath(outDir);
    checkOutputFolder(outDir, this.target, protect);
    const parent = dirname(this.target);
    const base = basename(this.target);
    this.tmp = join(parent, `.${base}.tmp-${process.pid}`);
    this.old = join(parent, `.${base}.old-${process.pid}`);
    this.lock = join(parent, `.${base}.lock`);
    try {
      mkdirSync(parent, { recursive: true });
    } catch (e) {
      throw new ConfigError(
        outDir,
        undefined,
        `expected a writable output folder, found: ${(e as Error).message}`,
      );
    }
    this.takeLock(outDir);
    try {
      recoverDeadRuns(parent, base, this.target);
      rmSync(this.tmp, { recursive: true, force: true });
      mkdirSync(this.tmp, { recursive: true });
    } catch (e) {
      this.releaseLock();
      throw new ConfigError(
        outDir,
        undefined,
        `expected a writable output folder, found: ${(e as Error).message}`,
      );
    }
  }

  /** One run at a time per output folder: a lock file holding the writer's process id. */
  private takeLock(outDir: string): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(this.lock, `${process.pid}\n`, { flag: 'wx' });
        this.locked = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
          throw new ConfigError(
            outDir,
            undefined,
            `expected a writable output folder, found: ${(e as Error).message}`,
          );
      }
      const holder = Number(readText(this.lock).trim());
      if (processAlive(holder))
        throw new ConfigError(
          outDir,
          undefined,
          `another run (process ${holder}) is writing this output folder; wait for it to finish, or choose another --out`,
        );
      // A killed run's lock: take it over.
      rmSync(this.lock, { force: true });
    }
    throw new ConfigError(outDir, undefined, "could not take the output folder's lock");
  }

  private releaseLock(): void {
    if (!this.locked) return;
    this.locked = false;
    rmSync(this.lock, { force: true });
  }

  write(name: string, content: OutputContent): void {
    const path = this.prepare(name);
    try {
      if (typeof content === 'string' || content instanceof Uint8Array)
        writeFileSync(path, content);
      else writeChunks(path, content);
    } catch (e) {
      this.fail(e);
    }
    this.recordWritten(name);
  }

  /** Writes the file `name` by handing its path to `fill` (for writers that stream, such as parsers). */
  async writeWith(name: string, fill: (path: string) => Promise<void>): Promise<void> {
    const path = this.prepare(name);
    try {
      await fill(path);
    } catch (e) {
      this.fail(e);
    }
    this.recordWritten(name);
  }

  /** The path of `name` in the temporary folder, its folder made. */
  private prepare(name: string): string {
    const path = join(this.tmp, name);
    const dir = dirname(path);
    if (!this.dirs.has(dir)) {
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        this.fail(e);
      }
      this.dirs.add(dir);
    }
    return path;
  }

  private recordWritten(name: string): void {
    this.top.add(name.split(/[\\/]/)[0]!);
    this.written.push(name);
    this.count++;
  }

  private fail(e: unknown): never {
    this.abort();
    throw new ConfigError(
      this.target,
      undefined,
      `could not write the outputs: ${(e as Error).message}`,
    );
  }

  /** Where the file `name` written in this run is until commit (to read it back). */
  pathOf(name: string): string {
    return join(this.tmp, name);
  }

  /** The names written so far, in the order written. */
  get names(): readonly string[] {
    return this.written;
  }

  commit(): void {
    try {
      writeFileSync(
        join(this.tmp, REPORT_MARKER),
        `${JSON.stringify({ tool: TOOL, entries: [...this.top].sort() }, null, 1)}\n`,
      );
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
    this.releaseLock();
  }

  abort(): void {
    rmSync(this.tmp, { recursive: true, force: true });
    this.releaseLock();
  }
}

/** An absolute path with every existing part's symbolic links resolved. */
export function canonicalPath(p: string): string {
  const abs = resolve(p);
  let head = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...rest.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      rest.push(basename(head));
      head = up;
    }
  }
}

/** Whether `inner` is `outer` or lies inside it (both canonical). */
export function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Refuses an output folder whose replacement would delete what this tool did not write. */
function checkOutputFolder(outDir: string, target: string, protect: readonly ProtectedPath[]) {
  const refuse = (why: string) => {
    throw new OutputRefused(outDir, why);
  };
  for (const p of protect) {
    const other = canonicalPath(p.path);
    if (within(target, other))
      refuse(
        `is ${target === other ? '' : 'inside '}the ${p.what} (${p.path}); the report replaces its folder as a whole, so it must be outside`,
      );
    if (within(other, target))
      refuse(
        `holds the ${p.what} (${p.path}); the report replaces its folder as a whole, so choose a folder outside it`,
      );
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory())
    refuse('is a file, not a folder; --out names the folder the report is written to');
  const entries = readdirSync(target).sort();
  if (entries.length === 0) return;
  const wrote = entriesWritten(target, entries);
  if (wrote === undefined)
    refuse(
      'exists and is not a report of this tool (no ' +
        `${REPORT_MARKER}); the report replaces its folder as a whole, so choose a new or empty folder`,
    );
  const foreign = entries.filter((e) => e !== REPORT_MARKER && !wrote!.has(e));
  if (foreign.length > 0)
    refuse(
      `holds ${foreign.length === 1 ? 'an entry' : 'entries'} this tool did not write (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); move ${foreign.length === 1 ? 'it' : 'them'} away or choose another folder, since the report replaces its folder as a whole`,
    );
}

/** The top-level entries an earlier report of this tool wrote, or undefined when it is not one. */
function entriesWritten(dir: string, entries: readonly string[]): Set<string> | undefined {
  if (entries.includes(REPORT_MARKER)) {
    try {
      const m = JSON.parse(readFileSync(join(dir, REPORT_MARKER), 'utf8')) as {
        tool?: unknown;
        entries?: unknown;
      };
      if (m.tool === TOOL && Array.isArray(m.entries))
        return new Set(m.entries.filter((e): e is string => typeof e === 'string'));
    } catch {
      // Not ours after all.
    }
    return undefined;
  }
  // The placeholder a fresh clone has: only the README this tool writes there.
  if (entries.length === 1 && entries[0] === 'README.md')
    return readText(join(dir, 'README.md')) === REPORTS_README ? new Set(entries) : undefined;
  // Reports written before the marker: recognised by their manifest.
  if (entries.includes('manifest.json')) {
    try {
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
        tool?: { name?: unknown };
      };
      if (m.tool?.name === TOOL) return new Set(LEGACY_ENTRIES);
    } catch {
      // Not ours.
    }
  }
  return undefined;
}

/**
 * What killed runs left beside the output folder: their temporary folders
 * (removed) and, when a run died between the two renames of its swap, the
 * previous report under its old name (put back).
 */
function recoverDeadRuns(parent: string, base: string, target: string): void {
  const esc = escapeRegExp(base);
  const oldRe = new RegExp(`^\\.${esc}\\.old-(\\d+)$`);
  if (!existsSync(target)) {
    for (const name of readdirSync(parent).sort()) {
      const m = oldRe.exec(name);
      if (m && !processAlive(Number(m[1]))) {
        renameSync(join(parent, name), target);
        break;
      }
    }
  }
  removeDeadLeftovers(parent, new RegExp(`^\\.${esc}\\.(?:tmp|old)-(\\d+)$`));
}

/** The output folder given is one the writer will not replace (a bad command line: exit 2). */
export class OutputRefused extends ConfigError {
  constructor(outDir: string, why: string) {
    super(outDir, undefined, `refusing --out ${outDir}: it ${why}`);
    this.name = 'OutputRefused';
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
