// Diagnostics in real headless Chromium against the real headless server:
// simulated miners on 127.0.92.40-41 (one A1246 with a hash board down, one
// healthy Nano 3S) and a local Stratum pool on 127.0.92.49. Runs a health
// check, sees the failing check, exports a bundle (the download is
// captured), opens it on the Open bundle page and sees the same values,
// read-only; the log view filters. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { HealthReportSchema } from '../../electron/contract/diagnostics.js';
import { openSupportBundle } from '../../electron/core/diagnostics/bundle/read.js';
import { coreText } from '../../renderer/src/i18n/core-text.js';
import { startSimulation, type Simulation } from '../../electron/core/sim/index.js';
import { TestPool } from '../../electron/core/stratum/test-pool.js';
import { assertNoPageErrors, launchBrowser, openPage, resultsDir, screenshotWhole, startApp, type RunningApp } from './support.js';

const POOL_SECRET = 'Browser-Pool-Secret-73Qz';
const A1246 = '127.0.92.40:4028';

describe('diagnostics in Chromium', () => {
  let work: string;
  let sim: Simulation;
  let pool: TestPool;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let bundlePath: string;
  let liveBoards = '';

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'hearth-browser-diag-'));
    const clock = { t: Date.parse('2026-11-30T12:00:00Z') };
    sim = await startSimulation({ count: 2, base: '127.0.92.40', port: 4028, seed: 11, models: ['a1246', 'nano3s'], faults: { 0: 'board-down' }, now: () => clock.t });
    // Ten simulated minutes: averages and temperatures settle, the dead board reads as dead.
    clock.t += 600_000;
    pool = await TestPool.start({ host: '127.0.92.49' });
    for (const device of sim.devices) {
      for (const p of device.pools) {
        p.url = pool.url;
        p.password = POOL_SECRET;
      }
    }
    app = await startApp({ dataDir: join(work, 'data'), diagnostics: { health: { timeoutMs: 3000, poolTimeoutMs: 3000 } } });
    for (const target of sim.targets) await app.service.handle('device.add', { host: target.host, port: target.port });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, { acceptDownloads: true }));
  });

  async function shoot(name: string): Promise<void> {
    await screenshotWhole(page, join(resultsDir, name));
  }

  after(async () => {
    await browser?.close();
    await app?.close();
    await pool?.close();
    await sim?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('runs a health check on the faulty device: progress, the failing check, decoded codes, the heat map', async () => {
    await page.goto(`${app.url}#/device/${encodeURIComponent(A1246)}`);
    await page.getByRole('tab', { name: 'Health' }).click();
    await page.click('[data-testid=run-health-check]');
    await page.waitForSelector('[data-testid=health-overall]', { timeout: 20_000 });
    assert.equal(await page.getAttribute('[data-testid=health-overall] .health-mark', 'data-status'), 'fail');
    assert.equal(await page.getAttribute('[data-testid=check-boards]', 'data-status'), 'fail');
    liveBoards = (await page.textContent('[data-testid=check-boards] .health-explanation')) ?? '';
    assert.match(liveBoards, /board/i);
    assert.match((await page.textContent('[data-testid=check-boards] .health-next')) ?? '', /What to do:/);
    // ECHU 513 on the A1246 decodes as "abnormal" (Canaan's log guide).
    assert.match((await page.textContent('[data-testid=decoded-errors]')) ?? '', /513[\s\S]*ABNORMAL/);
    assert.ok((await page.locator('[data-testid=heat-board]').count()) > 0, 'a heat map per board');
    // The pool test reached the local pool from here.
    assert.match((await page.textContent('[data-testid=pool-probes]')) ?? '', /Reachable/);
    await page.click('[data-testid=heat-toggle-table]');
    assert.ok((await page.locator('[data-testid=heat-table]:visible').count()) > 0, 'the table alternative');
    await page.click('[data-testid=heat-toggle-table]');
    await shoot('diagnostics.png');
  });

  it('exports a support bundle as a download, without the pool secret', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.click('[data-testid=export-bundle]')]);
    assert.match(download.suggestedFilename(), /^hearth-127\.0\.92\.40-4028-\d{8}-\d{6}\.zip$/);
    bundlePath = join(work, download.suggestedFilename());
    await download.saveAs(bundlePath);
    await page.waitForSelector('[data-testid=export-done]');
    const bytes = readFileSync(bundlePath);
    assert.equal(bytes.indexOf(POOL_SECRET), -1);
    const opened = openSupportBundle(bytes);
    assert.equal(opened.manifest.device.id, A1246);
    assert.equal(opened.report.checks.find((c) => c.id === 'boards')?.status, 'fail');
  });

  it('opens the bundle on the Open bundle page: same values, read-only, with a banner naming it', async () => {
    await page.click('[data-testid=nav-bundle]');
    await page.setInputFiles('[data-testid=bundle-file]', bundlePath);
    await page.waitForSelector('[data-testid=bundle-view]');
    const banner = (await page.textContent('[data-testid=bundle-banner]')) ?? '';
    assert.ok(banner.includes(bundlePath.split('/').pop() ?? '?'), banner);
    assert.match(banner, /127\.0\.92\.40:4028/);
    assert.match(banner, /Read-only/);
    assert.equal(await page.getAttribute('[data-testid=check-boards]', 'data-status'), 'fail');
    assert.equal(await page.textContent('[data-testid=check-boards] .health-explanation'), liveBoards);
    assert.match((await page.textContent('[data-testid=decoded-errors]')) ?? '', /513[\s\S]*ABNORMAL/);
    // Nothing on the bundle page can act on a device.
    assert.equal(await page.locator('[data-testid=bundle-view] [data-testid=run-health-check], [data-testid=bundle-view] [data-testid=export-bundle]').count(), 0);
    await page.getByRole('tab', { name: 'Overview' }).click();
    assert.match((await page.textContent('[data-testid=device-hashrate]')) ?? '', /H\/s/);
    await page.getByRole('tab', { name: 'Events and logs' }).click();
    assert.match((await page.textContent('[data-testid=bundle-events]')) ?? '', /127\.0\.92\.40:4028 is watched/);
    await page.getByRole('tab', { name: 'Health' }).click();
    await shoot('diagnostics-bundle.png');
    await page.click('[data-testid=bundle-close]');
  });

  it('refuses a crafted bundle with a clear error', async () => {
    const slip = join(work, 'slip.zip');
    writeFileSync(slip, zipSync({ '../evil.txt': new TextEncoder().encode('x') }));
    await page.setInputFiles('[data-testid=bundle-file]', slip);
    await page.waitForSelector('[data-testid=bundle-error]');
    assert.match((await page.textContent('[data-testid=bundle-error]')) ?? '', /cannot be opened: .*"\.\." or "\." segment/);
    assert.ok(!existsSync(join(work, 'evil.txt')) && !existsSync(join(work, 'data', 'evil.txt')));
  });

  it('the log view lists what happened and filters by text and level', async () => {
    await page.click('[data-testid=nav-logs]');
    await page.waitForSelector('[data-testid=log-row]');
    await page.fill('[data-testid=logs-text]', 'health check of 127.0.92.40');
    await page.click('[data-testid=logs-apply]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=log-row]')].every((r) => r.textContent?.includes('127.0.92.40')));
    assert.ok((await page.locator('[data-testid=log-row]').count()) >= 2, 'the check and the export');
    await page.selectOption('[data-testid=logs-level]', 'error');
    await page.click('[data-testid=logs-apply]');
    await page.waitForSelector('text=No entries match these filters.');
  });

  it('with the UI in Chinese, the checks the core wrote read in Chinese', async () => {
    await app.service.handle('settings.set', { language: 'zh-CN' });
    try {
      await page.goto(`${app.url}#/device/${encodeURIComponent(A1246)}`);
      await page.getByRole('tab', { name: '健康' }).click();
      await page.waitForSelector('[data-testid=check-boards] .health-explanation');
      const report = HealthReportSchema.nullable().parse(await app.service.handle('diagnostics.lastReport', { id: A1246 }));
      const boards = report?.checks.find((c) => c.id === 'boards');
      assert.ok(boards?.explanationText, 'the report carries the keyed text');
      const expected = coreText('zh-CN', boards.explanationText, boards.explanation);
      assert.match(expected, /算力板/);
      assert.equal(await page.textContent('[data-testid=check-boards] .health-explanation'), expected);
      assert.notEqual(expected, liveBoards);
      assert.match((await page.textContent('[data-testid=check-boards] .health-next')) ?? '', /[\u4e00-\u9fff]{4}/);
      assert.equal(await page.textContent('[data-testid=check-boards] .health-check-title'), '算力板');
      // The decoded code's meaning too; the code's name stays as Canaan wrote it.
      assert.match((await page.textContent('[data-testid=decoded-errors]')) ?? '', /ABNORMAL: 算力板异常/);
      await shoot('diagnostics-zh.png');
    } finally {
      await app.service.handle('settings.set', { language: 'en' });
    }
  });

  it('logged no console errors and no CSP violations', async () => {
    await assertNoPageErrors(page);
  });
});
