/**
 * `npm run bench -- --docs N --report-load`: opens the report each size
 * wrote in a real Chromium from the file system, as a reader would, and
 * times what the reader waits for: the page's load event, every chart
 * drawn, the speech files loaded by the first search, concordance searches
 * over all speech, and a link to the last record opened. Also what each output costs on disk.
 *
 * Chromium is found as the browser test finds it ($CHROMIUM_PATH,
 * /usr/bin/chromium, …) and driven with playwright-core (a dev dependency);
 * without either the measurement is skipped with a message.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Words searched, from rare to the commonest. */
export const REPORT_QUERIES = ['Cuba', 'revisionists', 'peaceful coexist*', 'the'];

export interface ReportLoadResult {
  docs: number;
  /** Median of the runs, milliseconds from navigation. */
  load_ms: number;
  charts_ms: number;
  dom_nodes: number;
  page_height_px: number;
  /** The first search: loading the speech files and indexing them. */
  speech_load_ms: number;
  /**
   * The last record (by date) opened in a freshly loaded page, until its
   * reading view is in the page (loaded from its file, or drawn from its
   * speech file, when the page does not inline it); median of the runs.
   */
  record_ms: number;
  search_ms: Record<string, { ms: number; lines: number }>;
  /** Bytes on disk of each top-level output (and each data/ file and report-data/ part). */
  bytes: Record<string, number>;
}

export function findChromium(): string | undefined {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {}
  }
  return undefined;
}

function sizeOf(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  let n = 0;
  for (const e of readdirSync(path)) n += sizeOf(join(path, e));
  return n;
}

/** Bytes of each output: top-level entries, data/ files, and report-data/'s speech files (and records/, which builds before this one wrote). */
export function outputBytes(out: string): Record<string, number> {
  const bytes: Record<string, number> = {};
  for (const e of readdirSync(out).sort()) bytes[e] = sizeOf(join(out, e));
  const data = join(out, 'data');
  if (existsSync(data))
    for (const e of readdirSync(data).sort()) bytes[`data/${e}`] = sizeOf(join(data, e));
  const rd = join(out, 'report-data');
  if (existsSync(rd)) {
    let speech = 0;
    for (const e of readdirSync(rd)) if (e.startsWith('speech-')) speech += sizeOf(join(rd, e));
    bytes['report-data/speech-*.js'] = speech;
    if (existsSync(join(rd, 'records')))
      bytes['report-data/records/'] = sizeOf(join(rd, 'records'));
  }
  return bytes;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export async function measureReportLoad(opts: {
  out: string;
  docs: number;
  runs?: number;
  log?: (line: string) => void;
}): Promise<ReportLoadResult | undefined> {
  const log = opts.log ?? (() => {});
  const executablePath = findChromium();
  if (!executablePath) {
    log('report load: no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium, …); skipped');
    return undefined;
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    log('report load: playwright-core is not installed (npm install); skipped');
    return undefined;
  }
  const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await context.newPage();
    const url = pathToFileURL(join(opts.out, 'index.html')).href;
    const loads: number[] = [];
    const charts: number[] = [];
    let nodes = 0;
    let height = 0;
    for (let r = 0; r < (opts.runs ?? 3); r++) {
      const t0 = Date.now();
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      loads.push(Date.now() - t0);
      await page.waitForSelector('.chart[data-rendered]', { state: 'attached', timeout: 120_000 });
      await page.waitForFunction(
        "[...document.querySelectorAll('.chart')].every((c) => c.hasAttribute('data-rendered'))",
        undefined,
        { timeout: 120_000 },
      );
      charts.push(Date.now() - t0);
      nodes = await page.evaluate<number>("document.getElementsByTagName('*').length");
      height = await page.evaluate<number>('document.documentElement.scrollHeight');
    }
    const search = async (q: string) => {
      await page.evaluate("document.getElementById('conc-body').removeAttribute('data-ms')");
      await page.fill('#conc-q', q);
      await page.press('#conc-q', 'Enter');
      await page.waitForSelector('#conc-body[data-ms]', { state: 'attached', timeout: 120_000 });
      return {
        ms: Number(
          await page.evaluate("document.getElementById('conc-body').getAttribute('data-ms')"),
        ),
        lines: Number(
          await page.evaluate("document.getElementById('conc-body').getAttribute('data-total')"),
        ),
      };
    };
    await search(REPORT_QUERIES[0]!);
    const speechMs = Number(await page.evaluate("document.body.getAttribute('data-speech-ms')"));
    const searchMs: ReportLoadResult['search_ms'] = {};
    for (const q of REPORT_QUERIES) {
      const runs = [await search(q), await search(q), await search(q)];
      searchMs[q] = { ms: median(runs.map((x) => x.ms)), lines: runs[0]!.lines };
    }
    const last = await page.evaluate<string>(
      "(() => { const d = JSON.parse(document.getElementById('report-data').textContent); return d.evidence.order.at(-1); })()",
    );
    const records: number[] = [];
    for (let r = 0; r < (opts.runs ?? 3); r++) {
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      records.push(
        await page.evaluate<number>(
          `(() => { const t0 = performance.now(); return window.REPORT_EVIDENCE.openRecord(${JSON.stringify(last)}).then(() => { if (!document.querySelector('article[data-doc=' + JSON.stringify(${JSON.stringify(last)}) + ']')) throw new Error('the record did not open'); return Math.round(performance.now() - t0); }); })()`,
        ),
      );
    }
    const result: ReportLoadResult = {
      docs: opts.docs,
      load_ms: median(loads),
      charts_ms: median(charts),
      dom_nodes: nodes,
      page_height_px: height,
      speech_load_ms: speechMs,
      record_ms: median(records),
      search_ms: searchMs,
      bytes: outputBytes(opts.out),
    };
    log(
      `${opts.docs} docs: report load ${result.load_ms} ms, charts drawn ${result.charts_ms} ms, ${nodes} DOM nodes, ${height} px; speech files ${speechMs} ms; last record ${result.record_ms} ms; search ${REPORT_QUERIES.map((q) => `"${q}" ${searchMs[q]!.ms} ms (${searchMs[q]!.lines} lines)`).join(', ')}`,
    );
    return result;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function formatReportLoad(results: readonly ReportLoadResult[]): string {
  const lines = [
    '| docs | load | charts drawn | DOM nodes | speech files | last record | ' +
      REPORT_QUERIES.map((q) => `"${q}"`).join(' | ') +
      ' |',
    `|---|---|---|---|---|---|${REPORT_QUERIES.map(() => '---|').join('')}`,
  ];
  for (const r of results) {
    lines.push(
      `| ${r.docs} | ${r.load_ms} ms | ${r.charts_ms} ms | ${r.dom_nodes} | ${r.speech_load_ms} ms | ${r.record_ms} ms | ${REPORT_QUERIES.map((q) => `${r.search_ms[q]!.ms} ms (${r.search_ms[q]!.lines})`).join(' | ')} |`,
    );
  }
  lines.push('', 'Bytes on disk:', '');
  for (const r of results) {
    lines.push(`${r.docs} docs:`);
    for (const [k, v] of Object.entries(r.bytes)) lines.push(`  ${k}\t${(v / 1e6).toFixed(2)} MB`);
  }
  return lines.join('\n');
}
