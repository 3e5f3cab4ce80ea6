/**
 * The evidence behind the report, in a real Chromium, on what `npm run
 * analyze` writes for the shipped corpus: a click on a mark of each figure
 * shows the passages behind it, the concordance finds any word (not only
 * dictionary keys), sorts, pages and exports; and on a corpus larger than
 * the page inlines, a record beyond them is drawn from its speech file.
 * Skipped with a message when no Chromium is installed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../pipeline/bench/report-load.js';
import { parseCsv } from '../pipeline/csv.js';
import { writeFixtureReport } from './fixtures/report/write-report.js';
import { REPO, runCli } from './helpers.js';

const executablePath = findChromium();
if (!executablePath) {
  console.warn(
    '\n*** tests/report-evidence.test.ts SKIPPED: no Chromium found (looked for $CHROMIUM_PATH, ' +
      '/usr/bin/chromium, chromium, chromium-browser, google-chrome). Install it with ' +
      '`apt-get install -y chromium` to run the report in a real browser. ***\n',
  );
}

const work = mkdtempSync(join(tmpdir(), 'atr-evidence-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let context: BrowserContext;

async function openReport(out: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (
      !r.url().startsWith('file:') &&
      !r.url().startsWith('data:') &&
      !r.url().startsWith('blob:')
    )
      errors.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
  await page.waitForSelector('.chart[data-rendered]', { state: 'attached', timeout: 30_000 });
  await page.waitForFunction(
    "[...document.querySelectorAll('.chart')].every((c) => c.hasAttribute('data-rendered'))",
    undefined,
    { timeout: 30_000 },
  );
  return { page, errors };
}

async function search(page: Page, q: string): Promise<void> {
  await page.evaluate("document.getElementById('conc-body').removeAttribute('data-ms')");
  await page.fill('#conc-q', q);
  await page.press('#conc-q', 'Enter');
  await page.waitForSelector('#conc-body[data-ms]', { state: 'attached', timeout: 20_000 });
}

const column = (page: Page, n: number) =>
  page.locator(`#conc-body tr td:nth-child(${n})`).allInnerTexts();

/** The data behind each drawn mark of a figure, with the mark's index among the figure's paths. */
async function marksOf(page: Page, figure: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate<Array<Record<string, unknown>>>(`(() => {
    const paths = [...document.querySelectorAll('#chart-${figure} svg g[class*="mark-symbol"] path, #chart-${figure} svg g[class*="mark-rect"] path')];
    return paths.map((p, i) => ({ ...(p.__data__ && p.__data__.datum), __index: i }))
      .filter((d) => d.doc_id !== undefined || d.term !== undefined || d.phrase !== undefined || d.target !== undefined);
  })()`);
}

/** Clicks a figure's mark with the mouse and returns the passages panel's state. */
async function click(page: Page, figure: string, index: number) {
  const path = page
    .locator(
      `#chart-${figure} svg g[class*="mark-symbol"] path, #chart-${figure} svg g[class*="mark-rect"] path`,
    )
    .nth(index);
  await path.scrollIntoViewIfNeeded();
  await path.click({ force: true });
  const panel = page.locator(`#evidence-${figure}`);
  await page.waitForSelector(`#evidence-${figure}[data-state="shown"]`, { timeout: 20_000 });
  const rows = panel.locator('tbody tr');
  const cells = async (n: number) => rows.locator(`td:nth-child(${n})`).allInnerTexts();
  return {
    // The mark the click landed on (a point drawn over another takes the click).
    mark: JSON.parse((await panel.getAttribute('data-mark'))!) as Record<string, unknown>,
    count: Number(await panel.getAttribute('data-count')),
    heading: await panel.locator('h4').innerText(),
    rows: await rows.count(),
    cells,
    panel,
  };
}

describe.skipIf(!executablePath)('evidence in the report of the shipped corpus (Chromium)', () => {
  const out = join(work, 'shipped');
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const r = runCli(['--corpus', join(REPO, 'corpus'), '--out', out, '--no-cache', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath,
      headless: true,
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    ({ page, errors } = await openReport(out));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
  });

  it('finds every "Cuba" in the speech, a word no dictionary key matches', async () => {
    // The raw transcripts hold exactly two, both spoken by Enver Hoxha on 1964-05-07.
    const raw = readdirSync(join(REPO, 'corpus', 'raw'))
      .map((f) => readFileSync(join(REPO, 'corpus', 'raw', f), 'utf8'))
      .join('\n');
    const inRaw = [...raw.matchAll(/\bCuba\b/g)].length;
    expect(inRaw).toBe(2);
    const dictionary = readFileSync(join(REPO, 'corpus', 'dictionary.yaml'), 'utf8');
    expect(dictionary.toLowerCase()).not.toContain('cuba');
    await search(page, 'Cuba');
    expect(await page.locator('#conc-body tr').count()).toBe(inRaw);
    expect(await column(page, 5)).toEqual(['Cuba', 'Cuba']);
    expect(await column(page, 1)).toEqual(['1964-05-07', '1964-05-07']);
    expect(await column(page, 2)).toEqual(['Enver Hoxha', 'Enver Hoxha']);
    // Six words of context either side by default.
    for (const left of await column(page, 4)) expect(left.split(/\s+/).length).toBe(6);
    expect(await column(page, 4)).toEqual([
      'blockade and the aerial spying over',
      'must have made the concessions on',
    ]);
  });

  it('sorts by the first word to the right, and takes context in words', async () => {
    await search(page, 'revisionists');
    const textOrder = await column(page, 6);
    await page.selectOption('#conc-sort', 'R1');
    const firstRight = (s: string) =>
      (/[\p{L}\p{N}]+(?:['’‐-][\p{L}\p{N}]+)*/u.exec(s)?.[0] ?? '').toLowerCase();
    const sorted = await column(page, 6);
    expect(sorted.length).toBe(textOrder.length);
    expect(sorted).not.toEqual(textOrder);
    const keys = sorted.map(firstRight);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Cuba's two lines by their first right word: "From" before "Why".
    await search(page, 'Cuba');
    expect((await column(page, 6)).map(firstRight)).toEqual(['from', 'why']);
    await page.selectOption('#conc-sort', '');
    await page.fill('#conc-width', '3');
    await page.dispatchEvent('#conc-width', 'change');
    expect(await column(page, 4)).toEqual(
      ['the aerial spying over', 'the concessions on'].map((s) => s.split(' ').slice(-3).join(' ')),
    );
    await page.fill('#conc-width', '6');
    await page.dispatchEvent('#conc-width', 'change');
  });

  it('pages through all the lines of a common word and filters them', async () => {
    await search(page, 'the');
    const total = Number(await page.getAttribute('#conc-body', 'data-total'));
    expect(total).toBeGreaterThan(500);
    expect(await page.locator('#conc-status').innerText()).toBe(`Lines 1–50 of ${total}.`);
    await page.click('#conc-pager button:has-text("Next")');
    expect(await page.locator('#conc-status').innerText()).toBe(`Lines 51–100 of ${total}.`);
    expect(await page.locator('#conc-body tr').count()).toBe(50);
    await page.selectOption('#conc-speaker', 'An Yong');
    await page.waitForSelector('#conc-body[data-ms]', { state: 'attached' });
    await expect.poll(async () => new Set(await column(page, 2))).toEqual(new Set(['An Yong']));
    const some = Number(await page.getAttribute('#conc-body', 'data-total'));
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(total);
    await page.selectOption('#conc-speaker', '');
    await page.selectOption('#conc-period', '1964-1966');
    await expect
      .poll(async () => (await column(page, 1)).every((d) => d >= '1964' && d < '1967'))
      .toBe(true);
    await page.click('#conc-form button[type="reset"]');
  });

  it('exports the lines it shows as CSV', async () => {
    await search(page, 'Cuba');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#conc-export'),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    const rows = parseCsv(text);
    expect(rows.length).toBe(2);
    expect(rows.map((r) => r.match)).toEqual(['Cuba', 'Cuba']);
    // As in data/kwic.csv, the left context keeps the space before the key word.
    expect(rows[0]!.left).toBe('blockade and the aerial spying over ');
    expect(rows[0]!.doc_id).toBe('1964-05-07_hoxha-li-byeongchan');
  });

  it('opens the passages behind a mark of every figure', async () => {
    // The figures under "More tone figures" are collapsed: open them as a reader would.
    await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
    const phraseRates = readFileSync(join(out, 'figures', 'phrase-rates.csv'), 'utf8');
    expect(phraseRates.length).toBeGreaterThan(0);

    // A rate point: exactly the dictionary matches it counts.
    let marks = await marksOf(page, 'phrase-rates');
    let m = marks.find((d) => Number(d.count) >= 2)!;
    let shown = await click(page, 'phrase-rates', m.__index as number);
    m = shown.mark;
    expect(shown.count).toBe(m.count);
    expect(shown.heading).toContain(String(m.phrase));
    expect(new Set(await shown.cells(3))).toEqual(new Set([m.side]));

    // A dispersion tick: the key's lines in that meeting, one per tick.
    marks = await marksOf(page, 'dispersion');
    shown = await click(page, 'dispersion', marks[0]!.__index as number);
    m = shown.mark;
    const ticks = marks.filter((d) => d.doc_id === m.doc_id && d.phrase === m.phrase).length;
    expect(shown.count).toBe(ticks);

    // A keyness bar: the term (and its inflected forms) in the side it is key for.
    marks = await marksOf(page, 'keyness');
    shown = await click(
      page,
      'keyness',
      marks.find((d) => d.key_for === 'DPRK')!.__index as number,
    );
    m = shown.mark;
    expect(shown.count).toBeGreaterThan(0);
    expect(new Set(await shown.cells(3))).toEqual(new Set(['DPRK']));
    const stem = String(m.term).replace(/[ye]$/, '');
    for (const k of await shown.cells(5)) expect(k.toLowerCase().startsWith(stem)).toBe(true);

    // A top term of a speaker: that speaker's lines.
    marks = await marksOf(page, 'top-terms');
    shown = await click(page, 'top-terms', marks[0]!.__index as number);
    m = shown.mark;
    expect(shown.count).toBeGreaterThan(0);
    expect(new Set(await shown.cells(2))).toEqual(new Set([m.speaker]));

    // Sentiment points: exactly the sentences their mean is taken over, with scores.
    for (const fig of [
      'sentiment-by-side',
      'sentiment-by-speaker',
      'sentiment-arc',
      'target-tone',
    ]) {
      marks = await marksOf(page, fig);
      m = marks.find((d) => Number(d.sentences) >= 3)!;
      shown = await click(page, fig, m.__index as number);
      m = shown.mark;
      expect(shown.count, fig).toBe(m.sentences);
      expect(shown.rows, fig).toBe(Math.min(12, Number(m.sentences)));
      for (const s of await shown.cells(4))
        expect(s, fig).toMatch(/^[+−]\d\.\d{3}$|^0 \(no scored word\)$/);
      expect(new Set(await shown.cells(3)), fig).toEqual(new Set([m.side]));
    }

    // A driver: sentences of that side and year holding the term.
    marks = await marksOf(page, 'sentiment-drivers');
    shown = await click(
      page,
      'sentiment-drivers',
      marks.find((d) => d.term !== '(negation)')!.__index as number,
    );
    m = shown.mark;
    expect(shown.count).toBeGreaterThan(0);
    for (const d of await shown.cells(1)) expect(d.slice(0, 4)).toBe(String(m.year));
    const term = String(m.term).replace(/[ye]$/, '').toLowerCase();
    for (const s of await shown.cells(5)) expect(s.toLowerCase()).toContain(term);

    // A speech-share bar: that speaker's sentences in that meeting.
    marks = await marksOf(page, 'speech-share');
    shown = await click(page, 'speech-share', marks[0]!.__index as number);
    m = shown.mark;
    expect(new Set(await shown.cells(2))).toEqual(new Set([m.speaker]));

    // Each passage links into the reading view, to its turn.
    const link = shown.panel.locator('tbody tr a').first();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^#doc-.+-t\d+$/);
    await link.click();
    const target = page.locator(href);
    expect(await target.count()).toBe(1);
    expect(await target.getAttribute('data-speaker')).toBe(m.speaker);
  });

  it('opens the lines of a word the findings name', async () => {
    const link = page.locator('#findings a[data-kwic-q]').first();
    const word = (await link.getAttribute('data-kwic-q'))!;
    await page.evaluate("document.getElementById('conc-body').removeAttribute('data-ms')");
    await link.click();
    await page.waitForSelector('#conc-body[data-ms]', { state: 'attached', timeout: 20_000 });
    expect(await page.inputValue('#conc-q')).toBe(word);
    expect(Number(await page.getAttribute('#conc-body', 'data-total'))).toBeGreaterThan(0);
    for (const k of await column(page, 5)) expect(k.toLowerCase()).toBe(word.toLowerCase());
  });

  it('loads only its own files and logs no error', () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!executablePath)('a record beyond the inlined reading view (Chromium)', () => {
  it('opens from its speech file at the turn a concordance line points to', async () => {
    // 52 records: the page inlines the first 50 (by date) and draws the other two from
    // their speech entries (the pipeline writes the same entries: tests/collect.test.ts).
    const out = join(work, 'out52');
    await writeFixtureReport(out, { records: 52 });
    expect(existsSync(join(out, 'report-data', 'records'))).toBe(false);
    const pageData = JSON.parse(
      /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(
        readFileSync(join(out, 'index.html'), 'utf8'),
      )![1]!,
    ) as { docs: Record<string, { speech?: number }>; evidence: { order: string[] } };
    const records = pageData.evidence.order.filter((d) => pageData.docs[d]!.speech !== undefined);
    expect(records.length).toBe(2);
    context = await chromium.launchPersistentContext(join(work, 'profile2'), {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    });
    const { page, errors } = await openReport(out);
    const docId = records.at(-1)!;
    const anchor = await page.evaluate<string>(
      `JSON.parse(document.getElementById('report-data').textContent).docs[${JSON.stringify(docId)}].anchor`,
    );
    expect(await page.locator(`#${anchor}`).count()).toBe(0);
    // Its lines in the concordance link to its turns; following one opens the record there.
    await page.selectOption('#conc-doc', docId);
    await page.fill('#conc-q', 'comrade*');
    await page.press('#conc-q', 'Enter');
    await page.waitForSelector('#conc-body[data-ms]', { state: 'attached', timeout: 30_000 });
    const link = page.locator('#conc-body tr a').first();
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForSelector(href, { timeout: 20_000 });
    const turn = page.locator(href);
    expect(await turn.getAttribute('data-turn')).toBe(href.replace(/^.*-t/, ''));
    // In its side's colour, like an inlined record.
    expect(await turn.getAttribute('class')).toMatch(/side-[1-9]/);
    await turn.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await turn.innerText()).length).toBeGreaterThan(20);
    expect(await page.locator(`article#${anchor} h3`).innerText()).toContain(' · ');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
