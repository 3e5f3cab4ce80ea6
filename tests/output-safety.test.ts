/**
 * Nothing lost, nothing leaked (issue "Nothing lost, nothing hung, nothing
 * leaked"): the writer never replaces a folder it did not write, the corpus
 * is never written to, a link out of the corpus is not followed, two runs
 * do not write one folder at once, and what killed runs left is cleaned.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../pipeline/errors.js';
import { OutputRefused, OutputWriter, REPORT_MARKER, readCorpus } from '../pipeline/io.js';
import { REPORTS_README } from '../pipeline/reports-readme.js';
import { corpusWithShippedConfig, deadPid, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'atr-safety-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const d = join(work, `t${++n}`);
  mkdirSync(d, { recursive: true });
  return d;
};

const run = (...args: string[]) => runCli(['--quiet', '--no-cache', ...args]);

/** A small corpus: the shipped configuration and one short transcript. */
const corpus = (dir: string): string =>
  corpusWithShippedConfig(join(dir, 'corpus'), {
    'a.txt':
      'June 6, 1959\n\nRecord of a Meeting\n\nComrade Enver Hoxha: We are glad to see you.\n\nComrade Choe Yong-geon: Thank you.\n',
  });

/** Every file below `dir` with its bytes, to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p, `${rel}${name.name}/`);
      else out[`${rel}${name.name}`] = readFileSync(p, 'base64');
    }
  };
  walk(dir, '');
  return out;
}

describe('--out is refused where replacing it would delete what the tool did not write', () => {
  const d = fresh();
  const c = corpus(d);
  const before = snapshot(d);
  const other = join(d, 'notes');
  mkdirSync(other);
  writeFileSync(join(other, 'mine.txt'), 'my notes');
  writeFileSync(join(d, 'file.txt'), 'a file');
  const cases: Array<[string, string, RegExp]> = [
    ['the corpus folder', c, /is the corpus folder/],
    ['its raw/ folder', join(c, 'raw'), /is inside the corpus folder/],
    ['a configuration file', join(c, 'speakers.yaml'), /is inside the corpus folder/],
    ['the corpus folder’s parent', d, /holds the corpus folder/],
    ['a file', join(d, 'file.txt'), /is a file, not a folder/],
    ['a folder that is not a report', other, /is not a report of this tool/],
  ];
  for (const [what, out, message] of cases) {
    it(`${what}: exit 2 with a message, nothing deleted`, () => {
      const r = run('--corpus', c, '--out', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('refusing --out');
      const after = snapshot(d);
      for (const [f, bytes] of Object.entries(before)) expect(after[f], f).toBe(bytes);
      expect(readFileSync(join(other, 'mine.txt'), 'utf8')).toBe('my notes');
      expect(readFileSync(join(d, 'file.txt'), 'utf8')).toBe('a file');
    });
  }

  it('a cache inside the corpus: exit 2, corpus untouched', () => {
    const r = runCli([
      '--quiet',
      '--corpus',
      c,
      '--out',
      join(d, 'out'),
      '--cache',
      join(c, 'cache'),
    ]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/refusing --cache .*inside the corpus folder/);
    expect(existsSync(join(c, 'cache'))).toBe(false);
    expect(existsSync(join(d, 'out'))).toBe(false);
  });

  it('a cache inside the output folder is refused (the swap would delete it)', () => {
    expect(
      () =>
        new OutputWriter(join(d, 'out'), [{ path: join(d, 'out', 'cache'), what: 'cache folder' }]),
    ).toThrow(OutputRefused);
  });
});

describe('an earlier report of this tool', () => {
  it('is replaced; one holding a file the user added is refused, and the file kept', () => {
    const d = fresh();
    const c = corpus(d);
    const out = join(d, 'reports');
    expect(run('--corpus', c, '--out', out).code).toBe(0);
    const marker = JSON.parse(readFileSync(join(out, REPORT_MARKER), 'utf8'));
    expect(marker.tool).toBe('archival-transcripts');
    expect(marker.entries).toEqual(expect.arrayContaining(['data', 'index.html', 'manifest.json']));
    // Replaced by a second run.
    const second = run('--corpus', c, '--out', out);
    expect(second.code, second.stderr).toBe(0);
    // A file of the user's inside it.
    writeFileSync(join(out, 'my-notes.txt'), 'keep me');
    const third = run('--corpus', c, '--out', out);
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(/holds an entry this tool did not write \(my-notes\.txt\)/);
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  }, 120_000);

  it('includes the placeholder a fresh clone has (only the README the tool writes)', () => {
    const d = fresh();
    writeFileSync(join(d, 'README.md'), REPORTS_README);
    const w = new OutputWriter(d);
    w.abort();
    writeFileSync(join(d, 'README.md'), 'edited by hand');
    expect(() => new OutputWriter(d)).toThrow(/is not a report of this tool/);
  });
});

describe('symbolic links in the corpus', () => {
  it('a link leading out of the corpus is not read, with a warning naming it; one inside is read', () => {
    const d = fresh();
    const c = corpus(d);
    writeFileSync(join(d, 'secret.txt'), 'Comrade Enver Hoxha: the password is hunter2.\n');
    symlinkSync(join(d, 'secret.txt'), join(c, 'raw', 'x.txt'));
    mkdirSync(join(c, 'extra'));
    writeFileSync(
      join(c, 'extra', 'b.txt'),
      'June 7, 1959\n\nComrade Enver Hoxha: Inside the corpus.\n',
    );
    symlinkSync(join(c, 'extra', 'b.txt'), join(c, 'raw', 'b.txt'));
    const files = readCorpus(c);
    expect(files.raw.map((f) => f.name)).toEqual(['a.txt', 'b.txt']);
    expect(files.diagnostics).toEqual([
      expect.objectContaining({
        file: 'raw/x.txt',
        rule: 'ingest/link-outside-corpus',
        severity: 'warning',
      }),
    ]);
    expect(files.diagnostics[0]!.message).toContain(join(d, 'secret.txt'));
  });

  it('the same for a configuration file linked from outside', () => {
    const d = fresh();
    const c = corpus(d);
    writeFileSync(join(d, 'elsewhere.txt'), 'secret\n');
    symlinkSync(join(d, 'elsewhere.txt'), join(c, 'stopwords.txt.tmp'));
    rmSync(join(c, 'stopwords.txt'));
    symlinkSync(join(d, 'elsewhere.txt'), join(c, 'stopwords.txt'));
    const files = readCorpus(c);
    expect(files.config.has('stopwords.txt')).toBe(false);
    expect(files.diagnostics.map((x) => x.file)).toEqual(['stopwords.txt']);
  });
});

describe('--corpus', () => {
  it('pointing at a file says it is a file', () => {
    const d = fresh();
    writeFileSync(join(d, 'a.txt'), 'text');
    expect(() => readCorpus(join(d, 'a.txt'))).toThrow(/found a file/);
    expect(() => readCorpus(join(d, 'nothing'))).toThrow(ConfigError);
  });
});

describe('two runs and killed runs', () => {
  it('a second writer of one folder stops with a clear message while the first is live', () => {
    const d = fresh();
    const out = join(d, 'reports');
    const first = new OutputWriter(out);
    expect(() => new OutputWriter(out)).toThrow(/another run \(process \d+\) is writing/);
    first.write('a.txt', 'one');
    first.commit();
    // Released: the next run may write.
    const next = new OutputWriter(out);
    next.abort();
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('one');
  });

  it('a killed run’s lock, temporary and old folders are cleaned by the next run', () => {
    const d = fresh();
    const out = join(d, 'reports');
    const pid = deadPid();
    writeFileSync(join(d, '.reports.lock'), `${pid}\n`);
    mkdirSync(join(d, `.reports.tmp-${pid}`, 'data'), { recursive: true });
    writeFileSync(join(d, `.reports.tmp-${pid}`, 'data', 'big.csv'), 'x');
    // A live run's temporary folder is not touched.
    mkdirSync(join(d, `.reports.tmp-${process.ppid}`));
    const w = new OutputWriter(out);
    expect(existsSync(join(d, `.reports.tmp-${pid}`))).toBe(false);
    w.write('a.txt', 'new');
    w.commit();
    expect(readdirSync(d).sort()).toEqual([`.reports.tmp-${process.ppid}`, 'reports']);
  });

  it('a run killed between the two renames of its swap: the previous report is put back', () => {
    const d = fresh();
    const out = join(d, 'reports');
    const pid = deadPid();
    const old = join(d, `.reports.old-${pid}`);
    mkdirSync(old);
    writeFileSync(join(old, 'index.html'), 'previous report');
    writeFileSync(
      join(old, REPORT_MARKER),
      JSON.stringify({ tool: 'archival-transcripts', entries: ['index.html'] }),
    );
    const w = new OutputWriter(out);
    w.abort();
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('previous report');
    expect(existsSync(old)).toBe(false);
  });
});
