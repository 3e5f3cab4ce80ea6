/**
 * The CLI end to end (compiled by `npm test`'s pretest build): the shipped
 * corpus twice, byte for byte, and the bad inputs a user will meet.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODEBOOK, FIGURE_CODEBOOK } from '../analyses/codebook.js';
import { KEYNESS_FIGURE_COLUMNS } from '../analyses/keyness-figures.js';
import { parseCsv } from '../pipeline/csv.js';
import { REPO } from './helpers.js';

const CLI = join(REPO, '.build', 'pipeline', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'atr-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** A copy of the shipped corpus configuration with the given raw files. */
function corpusWith(
  name: string,
  raw: Record<string, string | Buffer>,
  edit?: (dir: string) => void,
): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'raw'), { recursive: true });
  for (const f of ['speakers.yaml', 'dictionary.yaml', 'stopwords.txt', 'sentiment.yaml']) {
    cpSync(join(REPO, 'corpus', f), join(dir, f));
  }
  for (const [f, text] of Object.entries(raw)) writeFileSync(join(dir, 'raw', f), text);
  edit?.(dir);
  return dir;
}

describe('npm run analyze on the shipped corpus', () => {
  const a = join(work, 'a');
  const b = join(work, 'b');
  const c = join(work, 'c');
  let first: ReturnType<typeof run>;
  let warm: { annotated: number; figures_rendered: number; cpu_s: number; wall_s: number };
  beforeAll(() => {
    first = run('--out', a, '--no-cache');
    // The second run fills a fresh annotation cache: cached and uncached runs must agree too.
    run('--out', b, '--cache', join(work, 'cache'), '--quiet');
    // The third finds every document and every figure in that cache.
    const timings = join(work, 'warm-timings.json');
    run('--out', c, '--cache', join(work, 'cache'), '--quiet', '--timings', timings);
    warm = JSON.parse(readFileSync(timings, 'utf8')) as typeof warm;
  }, 240_000);

  it('succeeds and prints one line per meeting', () => {
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^1959-06-06 {2}1959-06-06_hoxha-choe-yong-geon {2}36 turns, \d+ words: Enver Hoxha \(18\), Choe Yong-geon \(18\)$/,
    );
  });

  it('gives byte-identical outputs on two runs', () => {
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    expect(files).toContain('index.html');
    for (const f of files)
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('re-annotates and re-draws nothing on a warm re-run, with the same bytes', () => {
    expect(warm.annotated).toBe(0);
    expect(warm.figures_rendered).toBe(0);
    // The timings give the process's CPU time (the benchmark compares builds by it).
    expect(warm.cpu_s).toBeGreaterThan(0);
    const files = listFiles(a);
    expect(listFiles(c)).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(c, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('gives a clean run’s bytes from a cache whose every entry has a flipped byte, and says so', () => {
    const cache = join(work, 'cache');
    let flipped = 0;
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.v8')) {
          const bytes = readFileSync(p);
          const i = Math.floor(bytes.length / 2);
          bytes[i] = bytes[i]! ^ 0x01;
          writeFileSync(p, bytes);
          flipped++;
        }
      }
    };
    walk(cache);
    expect(flipped).toBeGreaterThan(5);
    const d = join(work, 'd');
    const r = run('--out', d, '--cache', cache);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^info: .*checksum mismatch.*processed again$/m);
    expect(r.stderr).toMatch(/^info: cache: figure entry .*checksum mismatch.*drawn again$/m);
    const files = listFiles(a);
    expect(listFiles(d)).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(d, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  }, 120_000);

  it('leaves the names of the people present out of keyness unless --keyness-keep-names', () => {
    const terms = (dir: string) =>
      parseCsv(readFileSync(join(dir, 'data', 'keyness.csv'), 'utf8'))
        .filter((k) => k.comparison === 'side:Albania vs DPRK')
        .map((k) => k.term);
    // Korean speakers address Enver Hoxha by name; he is present at every meeting.
    expect(terms(a)).not.toContain('enver hoxha');
    // Named but absent from these meetings: still compared.
    expect(terms(a)).toContain('kim il sung');
    expect(readFileSync(join(a, 'index.html'), 'utf8')).toContain(
      'Names of the people present at each meeting (its speakers and the participants named) were left out',
    );
    const kept = join(work, 'kept-names');
    const r = run('--out', kept, '--no-cache', '--quiet', '--keyness-keep-names');
    expect(r.code, r.stderr).toBe(0);
    expect(terms(kept)).toContain('enver hoxha');
    expect(readFileSync(join(kept, 'index.html'), 'utf8')).toContain(
      'Names of the people present at each meeting were kept',
    );
  }, 120_000);

  it('never writes into the corpus folder', () => {
    expect(readdirSync(join(REPO, 'corpus')).sort()).toEqual([
      'corpus.yaml',
      'dictionary.yaml',
      'raw',
      'sentiment.yaml',
      'speakers.yaml',
      'stopwords.txt',
    ]);
  });

  it('writes documents.csv and turns.csv with the model of each meeting', () => {
    const docs = parseCsv(readFileSync(join(a, 'data', 'documents.csv'), 'utf8'));
    expect(docs.map((d) => [d.doc_id, d.date, d.turns])).toEqual([
      ['1959-06-06_hoxha-choe-yong-geon', '1959-06-06', '36'],
      ['1961-02-10_hoxha-pak-geum-cheol', '1961-02-10', '8'],
      ['1964-05-07_hoxha-li-byeongchan', '1964-05-07', '50'],
      ['1966-06-20_hoxha-an-yong', '1966-06-20', '33'],
      ['1966-09-07_hoxha-baek-sunje', '1966-09-07', '18'],
    ]);
    const turns = parseCsv(readFileSync(join(a, 'data', 'turns.csv'), 'utf8'));
    expect(turns).toHaveLength(145);
    for (const d of docs) {
      const words = turns
        .filter((t) => t.doc_id === d.doc_id)
        .reduce((n, t) => n + Number(t.words), 0);
      expect(Number(d.words)).toBe(words);
    }
  });

  /**
   * Counts per document and speaker, verified against the texts: grep over
   * each raw file gives the totals, minus the mentions in headers and the
   * archive's summary in the trailer (e.g. 1964: 17 "Khru…" in the file, one
   * in the trailer summary "policies of Khrushchev", so 16 spoken, all by
   * Hoxha).
   */
  it('counts the default dictionary keys per document and speaker as read in the texts', () => {
    const rows = parseCsv(readFileSync(join(a, 'data', 'phrases.csv'), 'utf8'));
    const got: Record<string, number> = {};
    for (const r of rows) {
      if (
        !['marxist-leninist', 'marxism-leninism', 'revisionism', 'khrushchev'].includes(r.phrase!)
      )
        continue;
      if (r.count !== '0')
        got[`${r.doc_id!.slice(0, 10)} ${r.speaker} ${r.phrase}`] = Number(r.count);
    }
    expect(got).toEqual({
      '1959-06-06 Choe Yong-geon khrushchev': 3,
      '1959-06-06 Choe Yong-geon marxism-leninism': 1,
      '1959-06-06 Enver Hoxha khrushchev': 9,
      '1959-06-06 Enver Hoxha marxism-leninism': 2,
      '1959-06-06 Enver Hoxha revisionism': 14,
      '1961-02-10 Enver Hoxha khrushchev': 8,
      '1961-02-10 Enver Hoxha marxism-leninism': 16,
      '1961-02-10 Enver Hoxha marxist-leninist': 4,
      '1961-02-10 Enver Hoxha revisionism': 2,
      '1961-02-10 Pak Geum-cheol marxism-leninism': 1,
      '1964-05-07 An Yong marxist-leninist': 1,
      '1964-05-07 An Yong revisionism': 4,
      '1964-05-07 Enver Hoxha khrushchev': 16,
      '1964-05-07 Enver Hoxha marxism-leninism': 2,
      '1964-05-07 Enver Hoxha marxist-leninist': 3,
      '1964-05-07 Enver Hoxha revisionism': 6,
      '1964-05-07 Li Byeongchan revisionism': 3,
      '1966-06-20 An Yong khrushchev': 1,
      '1966-06-20 An Yong marxist-leninist': 1,
      '1966-06-20 An Yong revisionism': 4,
      '1966-06-20 Enver Hoxha khrushchev': 8,
      '1966-06-20 Enver Hoxha marxism-leninism': 3,
      '1966-06-20 Enver Hoxha marxist-leninist': 11,
      '1966-06-20 Enver Hoxha revisionism': 14,
      '1966-09-07 Baek Sunje marxism-leninism': 4,
      '1966-09-07 Baek Sunje marxist-leninist': 1,
      '1966-09-07 Baek Sunje revisionism': 1,
      '1966-09-07 Enver Hoxha khrushchev': 5,
      '1966-09-07 Enver Hoxha marxism-leninism': 4,
      '1966-09-07 Enver Hoxha marxist-leninist': 12,
      '1966-09-07 Enver Hoxha revisionism': 9,
    });
    // Every count traces to its concordance lines.
    const kwic = parseCsv(readFileSync(join(a, 'data', 'kwic.csv'), 'utf8'));
    const lines: Record<string, number> = {};
    for (const k of kwic) lines[k.phrase!] = (lines[k.phrase!] ?? 0) + 1;
    const totals: Record<string, number> = {};
    for (const r of rows) totals[r.phrase!] = (totals[r.phrase!] ?? 0) + Number(r.count);
    for (const [key, n] of Object.entries(totals)) expect(lines[key] ?? 0, key).toBe(n);
  });

  it('writes the manifest with input hashes and the resolved configuration', () => {
    const m = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(m.inputs).toHaveLength(5);
    expect(m.inputs[0].sha256).toBe(
      'c59ccd093ac9e11d6bba0193d5798f5e57e414e655146ee4b7cc64e68ddc035e',
    );
    expect(m.node).toBe(process.version);
    expect(m.configuration.stopwords).toContain('the');
    expect(m.configuration.stopwords).not.toContain('not');
    expect(Object.keys(m.packages)).toEqual(
      expect.arrayContaining(['wink-nlp', 'wink-eng-lite-web-model', 'vega-lite']),
    );
  });

  // Issue 18, "wrong today", on the shipped corpus's own outputs.
  it('documents every CSV it writes (data tables and figure tables) in the codebook', () => {
    const csvs = listFiles(a).filter((f) => f.endsWith('.csv') && f !== 'diagnostics.csv');
    const documented = new Set([
      ...CODEBOOK.map((f) => `data/${f.file}`),
      ...FIGURE_CODEBOOK.map((f) => f.file),
    ]);
    expect(csvs.length).toBeGreaterThan(20);
    for (const f of csvs) expect(documented.has(f), f).toBe(true);
    const readme = readFileSync(join(a, 'data', 'README.md'), 'utf8');
    for (const f of FIGURE_CODEBOOK) expect(readme).toContain(`## ${f.file}`);
    // One name, one meaning: covered is the boolean, sentences_covered the count.
    const sentences = parseCsv(readFileSync(join(a, 'data', 'sentences.csv'), 'utf8'));
    expect(new Set(sentences.map((r) => r.covered))).toEqual(new Set(['true', 'false']));
    const arc = parseCsv(readFileSync(join(a, 'data', 'sentiment_arc.csv'), 'utf8'));
    expect(arc[0]).not.toHaveProperty('covered');
    expect(Number(arc[0]!.sentences_covered)).toBeGreaterThanOrEqual(0);
  });

  it('compares what corpus.yaml states, draws the period comparison and opens with findings', () => {
    const comparisons = new Set(
      parseCsv(readFileSync(join(a, 'data', 'keyness.csv'), 'utf8')).map((r) => r.comparison),
    );
    expect(comparisons).toContain('side:Albania vs DPRK');
    expect(comparisons).toContain('period:1959-1961 vs 1964-1966');
    const period = parseCsv(readFileSync(join(a, 'figures', 'keyness-periods.csv'), 'utf8'));
    // The columns the codebook documents, the colour column named for what it holds.
    expect(Object.keys(period[0]!)).toEqual([
      ...KEYNESS_FIGURE_COLUMNS.slice(0, 2),
      'period',
      ...KEYNESS_FIGURE_COLUMNS.slice(2),
    ]);
    const html = readFileSync(join(a, 'index.html'), 'utf8');
    expect(html).toContain('The side comparison sets Albania against DPRK as set in corpus.yaml');
    const findings = html.indexOf('<section id="findings"');
    expect(findings).toBeGreaterThan(0);
    expect(findings).toBeLessThan(html.indexOf('<section id="corpus"'));
    const section = html.slice(findings, html.indexOf('</section>', findings));
    expect(section).toContain('href="#fig-keyness-periods"');
    expect(section).toContain('Tone is not summarised here');
  });

  it('gives keyness range for both sides: DPRK key terms are used in DPRK meetings', () => {
    const rows = parseCsv(readFileSync(join(a, 'data', 'keyness.csv'), 'utf8'));
    const dprkKeys = rows.filter(
      (r) =>
        r.comparison === 'side:Albania vs DPRK' && Number(r.log_ratio) < 0 && Number(r.p) < 0.05,
    );
    expect(dprkKeys.length).toBeGreaterThan(3);
    for (const r of dprkKeys) {
      expect(Number(r.range_reference), r.term).toBeGreaterThan(0);
      expect(Number(r.range_reference)).toBeLessThanOrEqual(5);
    }
    for (const r of rows)
      expect(Number(r.range_target) + Number(r.range_reference)).toBeGreaterThan(0);
  });

  it('ranks content terms without function words or speakers under the minimum', () => {
    const top = parseCsv(readFileSync(join(a, 'figures', 'top-terms.csv'), 'utf8'));
    for (const r of top) expect(['we', 'our', 'us', 'not', 'no'], r.term).not.toContain(r.term);
    // Li Byeongchan spoke 471 words in the shipped corpus.
    expect(top.some((r) => r.speaker === 'Li Byeongchan')).toBe(false);
    for (const r of top) expect(Number(r.words)).toBeGreaterThanOrEqual(500);
  });

  it('exports figures that fit a page where asked, with every label whole and visible', () => {
    const svgs = listFiles(a).filter((f) => f.startsWith('figures/') && f.endsWith('.svg'));
    // Every figure with a codebook entry (the built-in ones and the analyses' own) is drawn.
    expect(svgs).toEqual(FIGURE_CODEBOOK.map((f) => f.file.replace(/\.csv$/, '.svg')).sort());
    for (const f of svgs) {
      const svg = readFileSync(join(a, f), 'utf8');
      expect(svg, f).not.toMatch(/…<\/text>/);
      expect(svg, f).not.toMatch(/<text[^>]*opacity="0"[^>]*>\d{4}<\/text>/);
      if (/>19\d\d<\/text>/.test(svg) && !f.includes('drivers'))
        expect(svg, `${f} labels 1966`).toMatch(/opacity="1"[^>]*>1966<\/text>/);
    }
    const disp = readFileSync(join(a, 'figures', 'dispersion.svg'), 'utf8');
    const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(disp)!.map(Number);
    expect(w).toBeLessThanOrEqual(595);
    expect(h).toBeLessThanOrEqual(842);
  });
});

describe('bad input through the CLI', () => {
  const good =
    'June 1, 1960\n\nComrade Enver Hoxha: We are glad to see you.\n\nComrade Choe Yong-geon: Thank you.\n';

  it('analyses the usable files, warns about the rest, and exits 0', () => {
    const dir = corpusWith('mixed', {
      'a.txt': good,
      'b.txt': good,
      'c.txt':
        '\ufeffJune 2, 1960\r\n\r\nComrade Enver Hoxha: Welcome.\r\n\r\nComrade Kim Chang-man: Thank you.\r\n',
      'd.txt': 'Comrade Enver Hoxha: A record without any date.\n',
      'e.txt': 'Just prose with no labels at all, dated May 3, 1961.\n',
      'f.txt': '',
      'g.bin': Buffer.from([0, 1, 2, 3]),
    });
    const r = run('--corpus', dir, '--out', join(work, 'mixed-out'), '--no-cache', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('raw/b.txt: same content');
    expect(r.stderr).toContain(
      'raw/c.txt:5: speaker label "Comrade Kim Chang-man" is not in speakers.yaml',
    );
    expect(r.stderr).toContain('raw/d.txt: no meeting date found');
    expect(r.stderr).toContain('raw/e.txt: no speaker labels');
    expect(r.stderr).toContain('raw/f.txt: empty or whitespace-only');
    expect(r.stderr).toContain(
      'raw/g.bin: not a kind of file raw/ takes (.txt, .md, .html, .htm, .pdf, .docx)',
    );
    const docs = parseCsv(readFileSync(join(work, 'mixed-out', 'data', 'documents.csv'), 'utf8'));
    expect(docs.map((d) => d.doc_id).sort()).toEqual(['a', 'c', 'd', 'e']);
  }, 60_000);

  it('--strict makes warnings fatal and writes nothing', () => {
    const dir = corpusWith('strict', { 'd.txt': 'Comrade Enver Hoxha: No date.\n' });
    const out = join(work, 'strict-out');
    const r = run('--corpus', dir, '--out', out, '--no-cache', '--quiet', '--strict');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--strict');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('stops on malformed YAML naming file and line, leaving previous reports intact', () => {
    const out = join(work, 'keep-out');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'previous report');
    // As an earlier run of the tool leaves it (else --out would be refused).
    writeFileSync(
      join(out, '.archival-transcripts.json'),
      JSON.stringify({ tool: 'archival-transcripts', entries: ['index.html'] }),
    );
    const dir = corpusWith('badyaml', { 'a.txt': good }, (d) =>
      writeFileSync(
        join(d, 'speakers.yaml'),
        'speakers:\n  - name: Enver Hoxha\n    side: [Albania\n',
      ),
    );
    const r = run('--corpus', dir, '--out', out, '--no-cache', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: speakers\.yaml:\d+: malformed YAML/m);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('previous report');
  }, 60_000);

  it('exits 1 with a clear message for a missing or empty corpus folder', () => {
    const missing = run('--corpus', join(work, 'nowhere'), '--out', join(work, 'x'), '--quiet');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('expected a corpus folder');
    const empty = run(
      '--corpus',
      corpusWith('empty', {}),
      '--out',
      join(work, 'y'),
      '--no-cache',
      '--quiet',
    );
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('the raw/ folder is empty');
  }, 60_000);

  it('exits 1 when the output folder cannot be written', () => {
    writeFileSync(join(work, 'a-file'), 'x');
    const r = run(
      '--corpus',
      corpusWith('ok', { 'a.txt': good }),
      '--out',
      join(work, 'a-file', 'reports'),
      '--no-cache',
      '--quiet',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('expected a writable output folder');
  }, 60_000);

  it('exits 2 on an unknown option', () => {
    expect(run('--frobnicate').code).toBe(2);
  });
});
