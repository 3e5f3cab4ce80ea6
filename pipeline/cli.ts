#!/usr/bin/env node
/**
 * npm run analyze -- [--corpus DIR] [--out DIR] [--strict] [--kwic TERM]… [--collocates WORD]…
 *                    [--cache DIR | --no-cache] [--workers N] [--quiet] [--timings FILE]
 *                    [--speech all|direct] [--keyness-keep-names] [--spreadsheet-copies]
 *
 * Exit codes: 0 done (warnings allowed unless --strict); 1 nothing usable,
 * configuration unusable, outputs not writable, or --strict with warnings;
 * 2 bad command line.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './config.js';
import { ConfigError } from './errors.js';
import { runPipeline } from './index.js';
import { canonicalPath, OutputRefused, OutputWriter, within } from './io.js';
import type { SpeechCounted } from './speech.js';
import { COPIED, SPREADSHEET_DIR, writeSpreadsheetCopy } from './spreadsheet.js';
import type { Diagnostic, Transcript } from './types.js';

interface Args {
  corpus: string;
  out: string;
  strict: boolean;
  quiet: boolean;
  kwic: string[];
  collocates: string[];
  cache: string | null;
  workers: number | undefined;
  timings: string | undefined;
  spreadsheet: boolean;
  speech: SpeechCounted;
  keepNames: boolean;
}

const USAGE = `usage: npm run analyze -- [--corpus DIR] [--out DIR] [--strict] [--kwic TERM]...
                        [--collocates WORD]... [--cache DIR | --no-cache] [--workers N] [--quiet] [--timings FILE]
                        [--speech all|direct] [--keyness-keep-names] [--spreadsheet-copies]
  --corpus DIR   corpus folder with raw/ (.txt, .md, .html, .pdf, .docx) and speakers.yaml … (default: corpus)
  --out DIR      output folder, replaced atomically (default: reports)
  --strict       treat warnings as fatal (exit 1)
  --kwic TERM    also build concordance lines for TERM (repeatable)
  --collocates WORD
                 also list the collocates of WORD (repeatable; * as in the
                 dictionary); the headline dictionary keys always get theirs
  --cache DIR    cache of annotated documents and rendered figures
                 (default: .cache/annotations; safe to delete)
  --no-cache     do not read or write the cache
  --workers N    worker threads for annotation (default: by amount of work; 0 = none)
  --quiet        no per-document lines or progress bar
  --timings FILE write stage timings, tokens and peak memory as JSON
  --speech MODE  all (default): count direct and reported speech; direct: leave
                 out turns the note-taker reports ("Greets the delegation…")
  --keyness-keep-names
                 keep the names of the people present at a meeting in keyness
                 (left out by default: vocatives say nothing about a side)
  --spreadsheet-copies
                 also write spreadsheet/*.csv: the tables with cells that a
                 spreadsheet would run as formulas (=, +, -, @) made text`;

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    corpus: 'corpus',
    out: 'reports',
    strict: false,
    quiet: false,
    kwic: [],
    collocates: [],
    cache: join(PROJECT_ROOT, '.cache', 'annotations'),
    workers: undefined,
    timings: undefined,
    spreadsheet: false,
    speech: 'all',
    keepNames: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--corpus':
        args.corpus = value();
        break;
      case '--out':
        args.out = value();
        break;
      case '--strict':
        args.strict = true;
        break;
      case '--quiet':
        args.quiet = true;
        break;
      case '--kwic':
        args.kwic.push(value());
        break;
      case '--collocates':
        args.collocates.push(value());
        break;
      case '--cache':
        args.cache = resolve(value());
        break;
      case '--no-cache':
        args.cache = null;
        break;
      case '--workers': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0)
          throw new UsageError('--workers expects a whole number ≥ 0');
        args.workers = n;
        break;
      }
      case '--speech': {
        const v = value();
        if (v !== 'all' && v !== 'direct') throw new UsageError('--speech expects all or direct');
        args.speech = v;
        break;
      }
      case '--keyness-keep-names':
        args.keepNames = true;
        break;
      case '--spreadsheet-copies':
        args.spreadsheet = true;
        break;
      case '--timings':
        args.timings = value();
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  return args;
}

class UsageError extends Error {}

/** CPU time of the process so far, user + system, all threads (getrusage), in seconds. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function summaryLine(t: Transcript): string {
  const counts = new Map<string, number>();
  for (const u of t.turns) counts.set(u.speaker, (counts.get(u.speaker) ?? 0) + 1);
  const speakers = [...counts].map(([s, n]) => `${s} (${n})`).join(', ') || 'no speakers';
  const words = t.turns.reduce((n, u) => n + u.words, 0);
  const warnings = t.diagnostics.filter((d) => d.severity !== 'info').length;
  return `${(t.metadata.date || 'no date').padEnd(10)}  ${t.docId}  ${t.turns.length} turns, ${words} words: ${speakers}${warnings ? `  [${warnings} warning${warnings > 1 ? 's' : ''}]` : ''}`;
}

function formatDiagnostic(d: Diagnostic): string {
  return `${d.severity}: ${d.file}${d.line ? `:${d.line}` : ''}: ${d.message} [${d.rule}]`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`error: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    throw e;
  }
  const tty = process.stdout.isTTY && !args.quiet;
  const progress = (stage: string, done: number, total: number) => {
    if (!tty || total === 0) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(
      `\r${stage.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
    );
    if (done === total) process.stdout.write('\n');
  };
  if (args.cache && within(canonicalPath(args.cache), canonicalPath(args.corpus))) {
    process.stderr.write(
      `error: refusing --cache ${args.cache}: it is inside the corpus folder (${args.corpus}), which is never written to\n`,
    );
    return 2;
  }
  let out: OutputWriter | undefined;
  try {
    // Created first: an output folder that cannot be written stops the run before any work.
    const writer = new OutputWriter(args.out, [
      { path: args.corpus, what: 'corpus folder' },
      ...(args.cache ? [{ path: args.cache, what: 'cache folder' }] : []),
    ]);
    out = writer;
    const result = await runPipeline({
      corpus: args.corpus,
      kwicTerms: args.kwic,
      collocateTerms: args.collocates,
      speech: args.speech,
      keepPresentNames: args.keepNames,
      cacheDir: args.cache,
      workers: args.workers,
      onProgress: progress,
      emit: (name, content) => writer.write(name, content),
    });
    for (const d of result.diagnostics)
      if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!args.quiet) for (const n of result.notes) process.stderr.write(`info: ${n}\n`);
    if (!args.quiet)
      for (const t of result.transcripts) process.stdout.write(`${summaryLine(t)}\n`);
    if (result.transcripts.length === 0) {
      writer.abort();
      process.stderr.write('error: no usable transcript; nothing written\n');
      return 1;
    }
    const warnings = result.diagnostics.filter(
      (d) => d.severity === 'warning' || d.severity === 'error',
    );
    if (args.strict && warnings.length > 0) {
      writer.abort();
      process.stderr.write(`error: --strict and ${warnings.length} warning(s); nothing written\n`);
      return 1;
    }
    if (args.spreadsheet) {
      for (const name of writer.names.filter((n) => COPIED.test(n)).sort()) {
        const dest = `${SPREADSHEET_DIR}/${name.replace(/^data\//, '')}`;
        await writer.writeWith(dest, (path) => writeSpreadsheetCopy(writer.pathOf(name), path));
      }
    }
    const t0 = performance.now();
    writer.commit();
    result.timings['write'] = (performance.now() - t0) / 1000;
    const wall = (performance.now() - started) / 1000;
    if (!args.quiet) {
      process.stdout.write(
        `${result.transcripts.length} documents, ${result.files} files written to ${args.out}/ in ${wall.toFixed(1)} s (open ${args.out}/index.html)\n`,
      );
    }
    if (args.timings) {
      writeFileSync(
        args.timings,
        `${JSON.stringify({
          documents: result.transcripts.length,
          tokens: result.tokens,
          annotated: result.annotated,
          figures_rendered: result.figuresRendered,
          stages: result.timings,
          memory: result.memory,
          peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
          wall_s: wall,
          // User + system CPU of the whole process (every thread), in seconds.
          cpu_s: cpuSeconds(),
        })}\n`,
      );
    }
    return 0;
  } catch (e) {
    out?.abort();
    if (e instanceof OutputRefused) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
