/**
 * Opens the generated report in a real Chromium, as a reader would: from
 * disk, offline. Uses Debian's chromium through playwright-core (never
 * `npx playwright install`, which downloads a browser).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureReport } from './fixtures/report/write-report.js';

function findChromium(): string | undefined {
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
    // innerText on purpose: the rendered text is what a reader sees.
    await expect(turn.innerText()).resolves.toContain(
      'The text <script>window.__pwned=1</script> must stay text.',
    );
    const other = page.locator('p.turn', { hasText: 'only words' });
    const shown = await other.innerText();
    expect(shown).toContain('<img src=x onerror="window.__pwned=1"> is only words & symbols.');
  });

  it('filters the concordance as one types and by a count link', async () => {
    const rows = page.locator('#kwic-body tr');
    const all = await rows.count();
    expect(all).toBe(41);
    await page.fill('#kwic-q', 'yugoslav');
    const filtered = await rows.count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain('yugoslav');
    await page.fill('#kwic-q', '');
    await page.selectOption('#kwic-side', 'DPRK');
    for (const text of await rows.locator('td:nth-child(3)').allInnerTexts())
      expect(text).toBe('DPRK');
    // A count in the phrase table sets the filters to exactly its lines.
    const link = page.locator('a[data-kwic-phrase="khrushchev"][data-kwic-side="Albania"]');
    const n = Number(await link.textContent());
    await link.click();
    expect(await rows.count()).toBe(n);
    expect(await page.inputValue('#kwic-phrase')).toBe('khrushchev');
    // Each line leads to its turn in the reading view.
    const href = await rows.first().locator('a').getAttribute('href');
    expect(href).toMatch(/^#doc-.+-t\d+$/);
    expect(await page.locator(href!).count()).toBe(1);
  });

  it('sets the concordance filters from a "#concordance?…" link (a collocate bar)', async () => {
    const rows = page.locator('#kwic-body tr');
    const n = Number(
      await page
        .locator('a[data-kwic-phrase="khrushchev"][data-kwic-side="Albania"]')
        .textContent(),
    );
    await page.evaluate(`window.location.hash = '#concordance?phrase=khrushchev&side=Albania'`);
    await page.waitForFunction(
      `document.getElementById('kwic-phrase').value === 'khrushchev' && document.getElementById('kwic-side').value === 'Albania'`,
    );
    await page.waitForFunction(`document.querySelectorAll('#kwic-body tr').length === ${n}`);
    expect(await rows.count()).toBe(n);
    await page.evaluate(`window.location.hash = '#concordance?phrase=khrushchev&q=zzzz-not-there'`);
    await page.waitForFunction(`document.querySelectorAll('#kwic-body tr').length === 0`);
    expect(await page.inputValue('#kwic-side')).toBe('');
    expect(await page.inputValue('#kwic-q')).toBe('zzzz-not-there');
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
