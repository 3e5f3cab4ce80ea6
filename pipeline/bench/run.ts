/**
 * Child processes for the benchmark: wall time measured here, peak RSS polled
 * from /proc while the child runs, output kept short.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface ChildRun {
  argv: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Spawn to exit, measured by the harness. */
  wall_s: number;
  /**
   * Highest VmHWM seen while polling /proc/<pid>/status (includes worker
   * threads, which share the process). A lower bound: the last few
   * milliseconds before exit are not sampled. null where /proc is missing.
   */
  polled_rss_mb: number | null;
  stdout: string;
  stderr: string;
}

const KEEP_CHARS = 64 * 1024;

/**
 * Splits a command line the way a POSIX shell would for plain words and
 * quotes (no variables or globbing). A leading `node` becomes the running
 * Node binary so the child runs on the same version without npm in between.
 */
export function parseCommand(command: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) cur += command[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      cur += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in command: ${command}`);
  if (inWord) out.push(cur);
  if (out.length === 0) throw new Error('empty command');
  if (out[0] === 'node') out[0] = process.execPath;
  return out;
}

export function readVmHwmMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function keepTail(prev: string, chunk: string): string {
  const s = prev + chunk;
  return s.length > KEEP_CHARS ? s.slice(s.length - KEEP_CHARS) : s;
}

export async function runChild(
  argv: readonly string[],
  opts: { cwd?: string; pollMs?: number; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ChildRun> {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new Error('runChild: empty argv');
  const started = process.hrtime.bigint();
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout = keepTail(stdout, d);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr = keepTail(stderr, d);
  });
  let peak: number | null = null;
  const sample = () => {
    if (child.pid === undefined) return;
    const v = readVmHwmMb(child.pid);
    if (v !== null) peak = Math.max(peak ?? 0, v);
  };
  const timer = setInterval(sample, opts.pollMs ?? 20);
  // A hung child (the hostile-input benchmark) is killed, and shows as signal SIGKILL.
  const deadline =
    opts.timeoutMs === undefined
      ? undefined
      : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
  const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ code, signal }));
    },
  ).finally(() => {
    clearInterval(timer);
    if (deadline) clearTimeout(deadline);
  });
  const wall_s = Number(process.hrtime.bigint() - started) / 1e9;
  // 'exit' can fire before the pipes drain; wait for them so output is whole.
  await Promise.all([
    new Promise<void>((r) => (child.stdout.readableEnded ? r() : child.stdout.once('close', r))),
    new Promise<void>((r) => (child.stderr.readableEnded ? r() : child.stderr.once('close', r))),
  ]);
  return { argv: [...argv], ...result, wall_s, polled_rss_mb: peak, stdout, stderr };
}

/** Runs a child and throws with its stderr when it fails. */
export async function runChecked(
  argv: readonly string[],
  opts: { cwd?: string; pollMs?: number } = {},
): Promise<ChildRun> {
  const run = await runChild(argv, opts);
  if (run.code !== 0) {
    const tail = run.stderr.trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `command failed (${run.code ?? run.signal}): ${argv.join(' ')}\n${tail || run.stdout.slice(-2000)}`,
    );
  }
  return run;
}

/** What the pipeline writes with --timings; unknown extra keys are kept. */
export interface PipelineTimings {
  documents?: number;
  tokens?: number;
  stages?: Record<string, number>;
  peak_rss_mb?: number;
  annotated?: number;
  wall_s?: number;
  /** User + system CPU seconds of the whole process. */
  cpu_s?: number;
  [key: string]: unknown;
}

export async function readTimings(file: string): Promise<PipelineTimings | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`timings file is not a JSON object: ${file}`);
  const t = parsed as PipelineTimings;
  if (t.stages !== undefined) {
    const stages: Record<string, number> = {};
    for (const [k, v] of Object.entries(t.stages)) if (typeof v === 'number') stages[k] = v;
    t.stages = stages;
  }
  return t;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median per key over the runs that report it. */
export function medianStages(
  runs: ReadonlyArray<Record<string, number> | undefined>,
): Record<string, number> {
  const byKey = new Map<string, number[]>();
  for (const r of runs)
    for (const [k, v] of Object.entries(r ?? {})) {
      const list = byKey.get(k) ?? [];
      list.push(v);
      byKey.set(k, list);
    }
  const out: Record<string, number> = {};
  for (const [k, v] of byKey) out[k] = median(v);
  return out;
}
