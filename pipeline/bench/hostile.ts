/**
 * `npm run bench -- --scaling`: each hostile input of issue 15 at size n and
 * 2n, run through the whole pipeline (one-document corpus, --no-cache), with
 * the time ratio t(2n)/t(n) and the peak RSS. Linear stages give a ratio near
 * 2 (start-up, ~1 s, pulls it lower); quadratic ones near 4. The check is
 * ratio < 2.5. A run that passes `timeoutS` is killed and shown as "> t".
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChild } from './run.js';

export interface HostileCase {
  name: string;
  /** What n counts. */
  unit: string;
  n: number;
  /** Writes the corpus for size n into `dir` (raw/ and any configuration it changes). */
  write: (dir: string, n: number, source: string) => Promise<void>;
}

export interface HostileRun {
  n: number;
  bytes: number;
  wall_s: number;
  timed_out: boolean;
  code: number | null;
  peak_rss_mb: number | null;
}

export interface HostileResult {
  name: string;
  unit: string;
  small: HostileRun;
  large: HostileRun;
  /** t(2n)/t(n); null when either run timed out. */
  ratio: number | null;
  pass: boolean;
}

const CONFIG = [
  'corpus.yaml',
  'speakers.yaml',
  'dictionary.yaml',
  'sentiment.yaml',
  'stopwords.txt',
];

const HEAD = 'June 6, 1959\n\nMeeting between Enver Hoxha and a delegation\n\n';
const TAIL = '\n\nNote taker,\n\nHaxhi Kroj\n';

/** A capitalised pseudo-word for number i (letters only, so it can be part of a label). */
function word(i: number): string {
  let s = '';
  let k = i;
  do {
    s += String.fromCharCode(97 + (k % 26));
    k = Math.floor(k / 26);
  } while (k > 0);
  return `K${s}`;
}

/** Ordinary speech: the shipped transcripts' sentences, repeated to `chars`. */
async function speech(source: string, chars: number): Promise<string[]> {
  const text = await readFile(join(source, 'raw', '1959-06-06_hoxha-choe-yong-geon.txt'), 'utf8');
  const paras = text
    .split('\n\n')
    .filter((p) => p.length > 200 && !p.includes(':'))
    .map((p) => p.replace(/\s+/g, ' '));
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const p = paras[i % paras.length]!;
    out.push(p);
    size += p.length + 2;
  }
  return out;
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'unclosed [',
    unit: 'characters in one paragraph',
    n: 200_000,
    write: async (dir, n) => {
      const body = '[a '.repeat(Math.ceil(n / 3)).slice(0, n);
      await writeFile(join(dir, 'raw', 'x.txt'), `${HEAD}Enver Hoxha: ${body}${TAIL}`);
    },
  },
  {
    name: 'unknown labels',
    unit: 'distinct unregistered speaker labels',
    n: 5_000,
    write: async (dir, n) => {
      const turns: string[] = [];
      for (let i = 0; i < n; i++) turns.push(`${word(i)} Speaker: We agree with you, comrade.`);
      await writeFile(join(dir, 'raw', 'x.txt'), `${HEAD}${turns.join('\n\n')}${TAIL}`);
    },
  },
  {
    name: 'long speech',
    unit: 'characters of speech by one speaker',
    n: 2_000_000,
    write: async (dir, n, source) => {
      const paras = await speech(source, n);
      await writeFile(
        join(dir, 'raw', 'x.txt'),
        `${HEAD}Enver Hoxha: ${paras.join('\n\n')}${TAIL}`,
      );
    },
  },
  {
    name: 'long pattern',
    unit: '`*` in one dictionary pattern (text: 2,000 words of 40 letters)',
    n: 12,
    write: async (dir, n, source) => {
      const dict = await readFile(join(source, 'dictionary.yaml'), 'utf8');
      await writeFile(
        join(dir, 'dictionary.yaml'),
        `${dict}\nhostile:\n  patterns: ['a${'*'.repeat(n)}z']\n`,
      );
      const words = Array.from({ length: 2000 }, () => 'a'.repeat(40)).join(' ');
      await writeFile(join(dir, 'raw', 'x.txt'), `${HEAD}Enver Hoxha: ${words}.${TAIL}`);
    },
  },
];

async function runOne(
  c: HostileCase,
  n: number,
  opts: { pipeline: readonly string[]; source: string; tmp: string; timeoutS: number },
): Promise<HostileRun> {
  const dir = join(opts.tmp, `${c.name.replace(/\W+/g, '-')}-${n}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'corpus', 'raw'), { recursive: true });
  for (const f of CONFIG) await copyFile(join(opts.source, f), join(dir, 'corpus', f));
  await c.write(join(dir, 'corpus'), n, opts.source);
  const raw = await readFile(join(dir, 'corpus', 'raw', 'x.txt'));
  const run = await runChild(
    [
      ...opts.pipeline,
      '--corpus',
      join(dir, 'corpus'),
      '--out',
      join(dir, 'out'),
      '--no-cache',
      '--quiet',
    ],
    { timeoutMs: opts.timeoutS * 1000 },
  );
  await rm(dir, { recursive: true, force: true });
  return {
    n,
    bytes: raw.length,
    wall_s: run.wall_s,
    timed_out: run.signal === 'SIGKILL',
    code: run.code,
    peak_rss_mb: run.polled_rss_mb,
  };
}

export async function measureHostile(opts: {
  pipeline: readonly string[];
  source: string;
  tmp: string;
  timeoutS: number;
  only?: readonly string[];
  log: (line: string) => void;
}): Promise<HostileResult[]> {
  const out: HostileResult[] = [];
  for (const c of HOSTILE_CASES) {
    if (opts.only && !opts.only.some((o) => c.name.includes(o))) continue;
    const small = await runOne(c, c.n, opts);
    opts.log(`${c.name} n=${c.n}: ${small.wall_s.toFixed(2)} s, exit ${small.code ?? 'killed'}`);
    const large = await runOne(c, 2 * c.n, opts);
    opts.log(
      `${c.name} n=${2 * c.n}: ${large.wall_s.toFixed(2)} s, exit ${large.code ?? 'killed'}`,
    );
    const ratio = small.timed_out || large.timed_out ? null : large.wall_s / small.wall_s;
    out.push({
      name: c.name,
      unit: c.unit,
      small,
      large,
      ratio,
      pass: ratio !== null && ratio < 2.5,
    });
  }
  return out;
}

function fmtRun(r: HostileRun): string {
  if (r.timed_out) return `> ${r.wall_s.toFixed(0)} s`;
  return `${r.wall_s.toFixed(2)} s (exit ${r.code})`;
}

export function formatHostile(results: readonly HostileResult[]): string {
  const rows = [
    '| case | n | t(n) | t(2n) | ratio | peak RSS n / 2n | < 2.5 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const rss = [r.small, r.large]
      .map((x) => (x.peak_rss_mb === null ? '?' : `${Math.round(x.peak_rss_mb)} MB`))
      .join(' / ');
    rows.push(
      `| ${r.name} | ${r.small.n.toLocaleString('en-US')} ${r.unit} | ${fmtRun(r.small)} | ${fmtRun(r.large)} | ${r.ratio === null ? '—' : r.ratio.toFixed(2)} | ${rss} | ${r.pass ? 'yes' : 'NO'} |`,
    );
  }
  return rows.join('\n');
}
