/**
 * Opens the generated report in a real Chromium, as a reader would: from
 * disk, offline. Uses Debian's chromium through playwright-core (never
 * `npx playwright install`, which downloads a browser).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../pipeline/bench/report-load.js';
import { writeFixtureReport } from './fixtures/report/write-report.js';

const executablePath = findChromium();
if (!executablePath) {
  console.warn(
    '\n*** tests/browser.test.ts SKIPPED: no Chromium found (looked for $CHROMIUM_PATH, ' +
      '/usr/bin/chromium, chromium, chromium-browser, google-chrome). Install it with ' +
      '`apt-get install -y chromium` to run the report in a real browser. ***\n',
  );
}

describe.skipIf(!executablePath)('the report in Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  let fileUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
    await writeFixtureReport(dir, { hostile: true });
    fileUrl = pathToFileURL(join(dir, 'index.html')).href;
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
      viewport: { width: 1200, height: 900 },
    });
    page = await context.newPage();
    page.on('request', (r) => {
      const url = r.url();
      if (url !== fileUrl && !url.startsWith('data:')) requests.push(url);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.waitForFunction(
      "[...document.querySelectorAll('.chart')].every((c) => c.hasAttribute('data-rendered'))",
      undefined,
      { timeout: 20_000 },
    );
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws every chart with marks', async () => {
    // Strings, not functions: the test is compiled without the DOM library.
    const charts = await page.evaluate<
      Array<{ id: string; state: string | null; marks: number; canvas: number }>
    >(`[...document.querySelectorAll('.chart')].map((c) => ({
      id: c.id,
      state: c.getAttribute('data-rendered'),
      marks: c.querySelectorAll('svg g[class^="mark-"] path, svg g[class^="mark-"] line, svg g[class^="mark-"] rect').length,
      canvas: c.querySelectorAll('canvas').length,
    }))`);
    expect(charts.length).toBe(11);
    for (const c of charts) {
      expect(c.state, c.id).toBe('true');
      expect(c.marks + c.canvas, c.id).toBeGreaterThan(5);
    }
  });

  it('makes no network request and logs no error', () => {
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('runs none of the markup in the transcripts and shows it as text', async () => {
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('img').count()).toBe(0);
    const turn = page.locator('p.turn', { hasText: 'must stay text' });
    // A record is drawn when it comes into view (content-visibility), as a reader scrolls to it.
    await turn.scrollIntoViewIfNeeded();
    // innerText on purpose: the rendered text is what a reader sees.
    // (drawn on the next frame after it comes into view, hence the poll).
    await expect
      .poll(() => turn.innerText())
      .toContain('The text <script>window.__pwned=1</script> must stay text.');
    const other = page.locator('p.turn', { hasText: 'only words' });
    await other.scrollIntoViewIfNeeded();
    await expect
      .poll(() => other.innerText())
      .toContain('<img src=x onerror="window.__pwned=1"> is only words & symbols.');
  });

  it('searches the concordance as one types and opens a count link', async () => {
    const rows = page.locator('#conc-body tr');
    expect(await rows.count()).toBe(0);
    await page.fill('#conc-q', 'yugoslav*');
    await page.press('#conc-q', 'Enter');
    await page.waitForSelector('#conc-body[data-ms]', { state: 'attached' });
    const found = await rows.count();
    expect(found).toBeGreaterThan(0);
    for (const text of await rows.locator('td.kwic-match').allInnerTexts())
      expect(text.toLowerCase()).toMatch(/^yugoslav/);
    await page.selectOption('#conc-side', 'DPRK');
    await expect
      .poll(async () =>
        (await rows.locator('td:nth-child(3)').allInnerTexts()).every((t) => t === 'DPRK'),
      )
      .toBe(true);
    // A count in the key table sets the concordance to exactly its lines.
    const link = page.locator('a[data-kwic-phrase="khrushchev"][data-kwic-side="Albania"]');
    const n = Number(await link.textContent());
    await link.click();
    await expect.poll(() => rows.count()).toBe(n);
    expect(await page.inputValue('#conc-phrase')).toBe('khrushchev');
    for (const text of await rows.locator('td:nth-child(3)').allInnerTexts())
      expect(text).toBe('Albania');
    // Each line leads to its turn in the reading view.
    const href = await rows.first().locator('a').getAttribute('href');
    expect(href).toMatch(/^#doc-.+-t\d+$/);
    expect(await page.locator(href!).count()).toBe(1);
  });

  it('opens a "#concordance?…" link (a collocate figure\'s href) in the concordance', async () => {
    const n = Number(
      await page
        .locator('a[data-kwic-phrase="khrushchev"][data-kwic-side="Albania"]')
        .first()
        .textContent(),
    );
    expect(n).toBeGreaterThan(0);
    await page.evaluate(`window.location.hash = '#concordance?phrase=khrushchev&side=Albania'`);
    await page.waitForSelector(`#conc-body[data-total="${n}"]`, { state: 'attached' });
    expect(await page.inputValue('#conc-phrase')).toBe('khrushchev');
    expect(await page.inputValue('#conc-side')).toBe('Albania');
    // With a word as well, only the key's lines with that word within 5 words stay.
    await page.evaluate(`window.location.hash = '#concordance?phrase=khrushchev&q=zzzz-not-there'`);
    await page.waitForSelector('#conc-body[data-total="0"]', { state: 'attached' });
    expect(await page.inputValue('#conc-side')).toBe('');
    expect(await page.inputValue('#conc-q')).toBe('zzzz-not-there');
    // A word that is there: fewer lines than the key has, each with the word in its 5 words either side.
    await page.evaluate(`window.location.hash = '#concordance?phrase=khrushchev&q=comrade'`);
    await page.waitForSelector('#conc-body:not([data-total="0"])', { state: 'attached' });
    const near = Number(await page.getAttribute('#conc-body', 'data-total'));
    expect(near).toBeGreaterThan(0);
    const contexts = await page
      .locator('#conc-body tr')
      .evaluateAll((trs) =>
        trs.map((tr) => (tr as unknown as { innerText: string }).innerText.toLowerCase()),
      );
    expect(contexts.length).toBe(Math.min(near, 50));
    for (const line of contexts) expect(line).toMatch(/comrades?\b/);
  });

  it('opens the passages behind a mark from the keyboard', async () => {
    // Every chart with marks that open passages has a folded list of buttons,
    // 40 at a time (a last button adds the next ones).
    const lists = page.locator('details.mark-keys');
    expect(await lists.count()).toBeGreaterThan(5);
    for (const summary of await lists.locator('summary').allTextContents())
      expect(summary).toMatch(/^Passages behind the marks, by keyboard: \d+ marks?$/);
    const sizes = await lists.evaluateAll((ds) =>
      ds.map(
        (d) =>
          (d as unknown as { querySelectorAll(s: string): unknown[] }).querySelectorAll('li button')
            .length,
      ),
    );
    for (const n of sizes) expect(n).toBeLessThanOrEqual(40);
    // Open the first list and press its second button, all by keyboard.
    const list = lists.first();
    const figure = (await list.getAttribute('id'))!.replace(/^marks-/, '');
    await list.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await list.getAttribute('open')).not.toBeNull();
    const button = list.locator('button').nth(1);
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator(`#evidence-${figure}`);
    await page.waitForSelector(`#evidence-${figure}[data-state="shown"]`, { timeout: 20_000 });
    // The panel shows the passages of the very mark the button names.
    expect(JSON.parse((await panel.getAttribute('data-mark'))!)).toEqual(
      JSON.parse((await button.getAttribute('data-mark'))!),
    );
    expect(await panel.locator('h4').innerText()).not.toBe('');
    // Space on another button opens that one's passages instead.
    const other = list.locator('button').nth(2);
    await other.focus();
    await page.keyboard.press(' ');
    await expect
      .poll(async () => JSON.parse((await panel.getAttribute('data-mark'))!))
      .toEqual(JSON.parse((await other.getAttribute('data-mark'))!));
    await page.waitForSelector(`#evidence-${figure}[data-state="shown"]`, { timeout: 20_000 });
  });

  it('reaches every mark of a chart with more than 40 from the keyboard', async () => {
    const lists = page.locator('details.mark-keys');
    const totals = (await lists.locator('summary').allTextContents()).map((t) =>
      Number(/(\d+) marks?$/.exec(t)![1]),
    );
    const k = totals.findIndex((n) => n > 80);
    expect(k).toBeGreaterThanOrEqual(0);
    const list = lists.nth(k);
    const figure = (await list.getAttribute('id'))!.replace(/^marks-/, '');
    // Open it by keyboard, unless an earlier test left it open.
    if ((await list.getAttribute('open')) === null) {
      await list.locator('summary').focus();
      await page.keyboard.press('Enter');
    }
    expect(await list.getAttribute('open')).not.toBeNull();
    const more = list.locator('button.more-marks');
    // Press "next" until every mark has its button; focus goes to the first new one.
    for (let shown = 40; shown < totals[k]!; shown += 40) {
      expect(await list.locator('li button').count()).toBe(shown);
      await more.focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() =>
          page.evaluate<string>("document.activeElement?.getAttribute('data-mark') ?? ''"),
        )
        .toBe(await list.locator('li button').nth(shown).getAttribute('data-mark'));
    }
    expect(await list.locator('li button').count()).toBe(totals[k]);
    expect(await more.isHidden()).toBe(true);
    // The last mark's button opens that mark's passages.
    const last = list.locator('li button').last();
    await last.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator(`#evidence-${figure}`);
    await expect
      .poll(async () => JSON.parse((await panel.getAttribute('data-mark')) ?? 'null'))
      .toEqual(JSON.parse((await last.getAttribute('data-mark'))!));
    // Every button names a different mark.
    const marks = await list
      .locator('li button')
      .evaluateAll((bs) =>
        bs.map((b) =>
          (b as unknown as { getAttribute(n: string): string }).getAttribute('data-mark'),
        ),
      );
    expect(new Set(marks).size).toBe(marks.length);
  });

  it('exposes headings and labelled charts to assistive technology', async () => {
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('h2').count()).toBe(6);
    const unlabelled = await page.evaluate<number>(
      `[...document.querySelectorAll('.chart')].filter(
        (c) => c.getAttribute('role') !== 'img' || !c.getAttribute('aria-label'),
      ).length`,
    );
    expect(unlabelled).toBe(0);
  });
});
