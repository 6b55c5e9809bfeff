// The built renderer in real headless Chromium, against the real headless
// server in demo mode (simulated miners on loopback). Needs `npm run build`
// first (npm test does it) and Debian's Chromium (or CHROMIUM_PATH).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertNoPageErrors, launchBrowser, openPage, parseGhs, resultsDir, root, startApp, type RunningApp } from './support.js';

/** The README's picture is refreshed on request only (HEARTH_README_SCREENSHOT=1), so a test run leaves the checkout clean. */
const readmeScreenshot = process.env.HEARTH_README_SCREENSHOT === '1' ? join(root, 'assets', 'screenshot-fleet.png') : undefined;
/** Demo miners for this test, on their own loopback block so other tests and `hearth serve` do not collide. */
const DEMO_COUNT = 6;
const DEMO_BASE = '127.0.88.1';
const LIVE_DATA_TIMEOUT_MS = 30_000;
/** The real version, since the fleet screenshot goes into the README. */
const VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

async function rowTexts(page: Page, column: number): Promise<string[]> {
  return page.$$eval(`[data-testid=fleet-row] > :nth-child(${column})`, (cells) => cells.map((c) => c.textContent?.trim() ?? ''));
}

describe('renderer in Chromium against the demo server', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    // The fastest poll the contract allows, so the charts have a few points within seconds.
    app = await startApp({ version: VERSION, demo: { count: DEMO_COUNT, base: DEMO_BASE }, pollIntervalMs: 1000 });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, { viewport: { width: 1280, height: 800 } }));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists every simulated miner with live figures', async () => {
    await page.goto(app.url);
    await page.waitForFunction(
      (count) => {
        const cells = [...document.querySelectorAll('[data-testid=fleet-row] [data-testid=cell-hashrate] .primary-figure')];
        return cells.length === count && cells.every((c) => /\d (MH|GH|TH|PH)\/s$/.test(c.textContent ?? ''));
      },
      DEMO_COUNT,
      { timeout: LIVE_DATA_TIMEOUT_MS },
    );
    await page.waitForFunction((count) => document.querySelector('[data-testid=card-online] .stat-value')?.textContent === `${count} / ${count}`, DEMO_COUNT, {
      timeout: LIVE_DATA_TIMEOUT_MS,
    });
    assert.equal(await page.locator('[data-testid=fleet-row]').count(), DEMO_COUNT);
    assert.ok(await page.locator('[data-testid=demo-banner]').isVisible(), 'demo banner');

    const models = await rowTexts(page, 2);
    assert.equal(models.length, DEMO_COUNT);
    for (const model of models) assert.match(model, /^Avalon/);
    assert.ok(models.includes('AvalonMiner 15-194'), `models: ${models.join(', ')}`);
    const addresses = await rowTexts(page, 3);
    assert.deepEqual([...addresses].sort(), Array.from({ length: DEMO_COUNT }, (_, i) => `127.0.88.${i + 1}`).sort());
    for (const status of await rowTexts(page, 4)) assert.match(status, /^Online/);

    // The header total is the sum of the rows (each row rounded to 4 digits: allow 0.5 %).
    const { total, rows } = await page.evaluate(() => ({
      total: document.querySelector('[data-testid=card-hashrate] .stat-value')?.textContent ?? '',
      rows: [...document.querySelectorAll('[data-testid=fleet-row] [data-testid=cell-hashrate] .primary-figure')].map((c) => c.textContent ?? ''),
    }));
    const sum = rows.map(parseGhs).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(parseGhs(total) - sum) / sum < 0.005, `total ${total} vs rows ${sum} GH/s`);

    await page.mouse.move(0, 0);
    if (readmeScreenshot) await page.screenshot({ path: readmeScreenshot });
    await page.screenshot({ path: join(resultsDir, 'fleet-light.png') });
  });

  it('sorts by a clicked header (aria-sort) and filters by text', async () => {
    await page.click('[data-testid=sort-ghs5s]');
    assert.equal(await page.getAttribute('th:has([data-testid=sort-ghs5s])', 'aria-sort'), 'descending');
    assert.equal(await page.locator('th[aria-sort]').count(), 1);
    const descending = (await rowTexts(page, 5)).map(parseGhs);
    for (let i = 1; i < descending.length; i++) assert.ok(descending[i - 1]! >= descending[i]!, `not descending: ${descending.join(', ')}`);
    await page.click('[data-testid=sort-ghs5s]');
    assert.equal(await page.getAttribute('th:has([data-testid=sort-ghs5s])', 'aria-sort'), 'ascending');

    const models = await rowTexts(page, 2);
    const nanoCount = models.filter((m) => /nano/i.test(m)).length;
    assert.ok(nanoCount > 0 && nanoCount < DEMO_COUNT, `models: ${models.join(', ')}`);
    await page.fill('[data-testid=fleet-filter]', 'nano');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=fleet-row]').length === n, nanoCount);
    for (const model of await rowTexts(page, 2)) assert.match(model, /nano/i);
    await page.press('[data-testid=fleet-filter]', 'Escape');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=fleet-row]').length === n, DEMO_COUNT);
    await page.click('[data-testid=sort-name]');
  });

  it('opens a device from the keyboard and draws its charts', async () => {
    const names = await rowTexts(page, 1);
    const models = await rowTexts(page, 2);
    await page.focus('[data-testid=fleet-row] a.row-link');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), names[1]);
    await page.keyboard.press('Enter');

    await page.waitForSelector('[data-testid=device-title]');
    assert.equal(await page.textContent('[data-testid=device-title]'), names[1]);
    assert.equal(await page.textContent('[data-testid=device-header-model]'), models[1]);
    assert.equal(await page.textContent('[data-testid=device-model] dd'), models[1]);
    assert.match((await page.textContent('[data-testid=device-hashrate] dd')) ?? '', /^\d[\d.,]* (MH|GH|TH|PH)\/s$/);

    for (const chart of ['chart-hashrate', 'chart-temperature']) {
      const canvas = page.locator(`[data-testid=${chart}] canvas`);
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      assert.ok(box && box.width > 200 && box.height > 100, `${chart} canvas ${JSON.stringify(box)}`);
    }
    // The history grows with live appends: the accessible summary says how many points.
    await page.waitForFunction(() => /: ([8-9]|\d\d+) points/.test(document.querySelector('[data-testid=chart-hashrate] [role=img]')?.getAttribute('aria-label') ?? ''), undefined, {
      timeout: LIVE_DATA_TIMEOUT_MS,
    });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'device-light.png') });
  });

  it('shows raw replies and refetches one read-only command', async () => {
    await page.click('[data-testid=tab-replies]');
    await page.selectOption('[data-testid=replies-command]', 'version');
    assert.match((await page.textContent('[data-testid=replies-json]')) ?? '', /"modelId": "/);
    await page.click('label:has(input[value=raw])');
    await page.waitForFunction(() => /"VERSION"/.test(document.querySelector('[data-testid=replies-json]')?.textContent ?? ''));
    await page.selectOption('[data-testid=replies-command]', 'summary');
    await page.click('[data-testid=replies-refresh]');
    await page.waitForFunction(() => /"SUMMARY"/.test(document.querySelector('[data-testid=replies-json]')?.textContent ?? ''));
    assert.match((await page.textContent('[data-testid=replies-json]')) ?? '', /"STATUS"/);
  });

  it('renames a miner (device.update) and removes one after confirming (device.remove)', async () => {
    await page.click('[data-testid=tab-overview]');
    const id = await page.evaluate(() => decodeURIComponent(location.hash.replace('#/device/', '')));
    await page.click('[data-testid=device-edit]');
    await page.fill('[data-testid=edit-nickname]', 'Garage shelf');
    await page.screenshot({ path: join(resultsDir, 'edit-dialog.png') });
    await page.click('[data-testid=edit-save]');
    await page.waitForFunction(() => document.querySelector('[data-testid=device-title]')?.textContent === 'Garage shelf');
    assert.equal(await page.locator('[data-testid=edit-dialog][open]').count(), 0);

    await page.click('[data-testid=nav-fleet]');
    await page.waitForSelector(`[data-testid=fleet-row][data-device-id="${id}"]`);
    assert.equal(await page.textContent(`[data-testid=fleet-row][data-device-id="${id}"] a.row-link`), 'Garage shelf');

    const last = page.locator('[data-testid=fleet-row] a.row-link').last();
    const removedName = await last.textContent();
    await last.click();
    await page.click('[data-testid=device-remove]');
    assert.ok(await page.locator('[data-testid=remove-dialog][open]').isVisible());
    await page.click('[data-testid=remove-confirm]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=fleet-row]').length === n, DEMO_COUNT - 1);
    assert.ok(!(await rowTexts(page, 1)).includes(removedName ?? ''), `${removedName} still listed`);
  });

  it('validates "Add by address" inline, in the words of the dictionary', async () => {
    await page.click('[data-testid=nav-discover]');
    await page.fill('[data-testid=add-host]', 'not a host!');
    await page.fill('[data-testid=add-port]', '70000');
    await page.click('[data-testid=add-submit]');
    assert.equal(await page.textContent('[data-testid=add-host-error]'), 'Enter a host name or IP address (letters, digits, dots, colons and hyphens).');
    assert.equal(await page.textContent('[data-testid=add-port-error]'), 'Enter a port from 1 to 65535.');
    assert.equal(await page.getAttribute('[data-testid=add-host]', 'aria-invalid'), 'true');
  });

  it('switches to Chinese, saved by the core across a reload', async () => {
    await page.click('[data-testid=nav-settings]');
    await page.selectOption('[data-testid=settings-language]', 'zh-CN');
    await page.waitForFunction(() => document.querySelector('[data-testid=nav-fleet]')?.textContent === '矿机群');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.textContent('main h1'), '设置');
    await page.screenshot({ path: join(resultsDir, 'settings-zh.png') });

    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid=nav-fleet]')?.textContent === '矿机群');
    await page.click('[data-testid=nav-fleet]');
    await page.waitForSelector('[data-testid=fleet-row]');
    assert.equal(await page.textContent('[data-testid=card-hashrate] h2'), '总算力');
    assert.match((await rowTexts(page, 4))[0] ?? '', /^在线/);
    await page.screenshot({ path: join(resultsDir, 'fleet-zh.png') });
  });

  it('switches to the dark theme', async () => {
    await page.click('[data-testid=nav-settings]');
    await page.click('label:has([data-testid=theme-dark])');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(20, 22, 27)');
    await page.click('[data-testid=nav-fleet]');
    await page.waitForSelector('[data-testid=fleet-row]');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'fleet-dark.png') });
  });

  it('logged no errors and no CSP violations', async () => {
    await assertNoPageErrors(page);
  });

  it('shows the connection banner when the server goes away', async () => {
    await app.server.close();
    await page.waitForSelector('[data-testid=connection-banner]', { timeout: 10_000 });
    assert.match((await page.textContent('[data-testid=connection-banner]')) ?? '', /Hearth/);
  });
});
