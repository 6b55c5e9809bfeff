// Tuning through the built renderer in headless Chromium, against the real
// headless server in demo mode on 127.0.91.201-204 (polls every second):
// change an Avalon Q's work mode on its tuning tab, confirm in the dialog
// that names the device, see the result, the change log, and the fleet
// table's hash rate and power follow; then a batch change from the fleet
// table with per-device results; the tab in Chinese. Needs
// `node scripts/build.mjs` first.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { AuditEntrySchema } from '../../electron/contract/tuning.js';
import { coreText } from '../../renderer/src/i18n/core-text.js';
import { assertNoPageErrors, launchBrowser, openPage, parseGhs, resultsDir, startApp, type RunningApp } from './support.js';

/** Demo models in order: A1566, Nano 3S, Avalon Q, Mini 3 (overheating in demo mode). */
const DEMO_BASE = '127.0.91.201';
const DEMO_COUNT = 4;
const Q_ID = '127.0.91.203:4028';
const TIMEOUT_MS = 30_000;

function parseWatts(text: string): number {
  const m = /([\d.,]+)\s*(k?)W/.exec(text);
  assert.ok(m?.[1], `not a power: "${text}"`);
  return Number(m[1].replace(/,/g, '')) * (m[2] === 'k' ? 1000 : 1);
}

describe('tuning in Chromium against the demo server', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    app = await startApp({ version: 'test', demo: { count: DEMO_COUNT, base: DEMO_BASE }, tuning: { readBackDelayMs: 500 }, pollIntervalMs: 1000 });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, { colorScheme: 'dark' }));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The Q's hash rate (GH/s) and power (W) as its fleet row shows them. */
  async function qRow(): Promise<{ ghs: number; watts: number }> {
    const row = page.locator(`[data-testid=fleet-row][data-device-id="${Q_ID}"]`);
    const hash = (await row.locator('[data-testid=cell-hashrate] .primary-figure').textContent()) ?? '';
    const power = (await row.locator('> :nth-child(8)').textContent()) ?? '';
    return { ghs: parseGhs(hash), watts: parseWatts(power) };
  }

  it('changes the work mode through the UI; hash rate and power follow within a few polls', async () => {
    await page.goto(app.url);
    await page.waitForFunction((id) => /\d (GH|TH)\/s$/.test(document.querySelector(`[data-device-id="${id}"] [data-testid=cell-hashrate] .primary-figure`)?.textContent ?? ''), Q_ID, {
      timeout: TIMEOUT_MS,
    });
    // Let the 5 s average settle in the starting mode (Eco).
    await page.waitForTimeout(2000);
    const start = await qRow();

    await page.click(`[data-device-id="${Q_ID}"] a.row-link`);
    await page.getByRole('tab', { name: 'Tuning' }).click();
    await page.waitForSelector('[data-testid=tuning-current-workmode]');
    assert.equal(await page.textContent('[data-testid=tuning-current-workmode]'), 'Eco (0)');
    assert.match((await page.textContent('[data-testid=tuning-row-voltage]')) ?? '', /2150–2600 0\.01 V/);
    await page.selectOption('[data-testid=tuning-input-workmode]', '2');
    await page.click('[data-testid=tuning-apply-workmode]');

    const dialog = page.locator('[data-testid=tuning-confirm]');
    await dialog.waitFor({ state: 'visible' });
    const body = (await dialog.textContent()) ?? '';
    assert.match(body, /Confirm the change on 127\.0\.91\.203/);
    assert.match(body, /Work mode → Super \(2\) on 127\.0\.91\.203 \(Avalon Q\)/);
    assert.match(body, /Effect: changes the work mode; hashing re-tunes for a while/);
    assert.match(body, /This interrupts mining on this device\./);
    await page.click('[data-testid=tuning-confirm-go]');

    await page.waitForSelector('[data-testid=tuning-result][data-status=applied]', { timeout: TIMEOUT_MS });
    assert.match((await page.textContent('[data-testid=tuning-result]')) ?? '', /^Applied applied; the read-back shows the new state/);
    await page.waitForFunction(() => document.querySelector('[data-testid=tuning-current-workmode]')?.textContent === 'Super (2)', undefined, { timeout: TIMEOUT_MS });
    await page.waitForSelector('[data-testid=tuning-audit-row][data-status=applied]', { timeout: TIMEOUT_MS });
    assert.match((await page.textContent('[data-testid=tuning-audit-row]')) ?? '', /YouWork mode → 2/);
    await page.screenshot({ path: join(resultsDir, 'tuning-dark.png'), fullPage: true });

    // Back to the fleet: Super draws 1.95x and hashes 1.6x Eco (simulator profile); the 5 s average needs a few polls.
    await page.click('a.back-link');
    await page.waitForFunction(
      ({ id, watts }) => {
        const cell = document.querySelector(`[data-device-id="${id}"] > :nth-child(8)`)?.textContent ?? '';
        const m = /([\d.,]+)\s*(k?)W/.exec(cell);
        return m?.[1] !== undefined && Number(m[1].replace(/,/g, '')) * (m[2] === 'k' ? 1000 : 1) > watts * 1.6;
      },
      { id: Q_ID, watts: start.watts },
      { timeout: TIMEOUT_MS },
    );
    await page.waitForFunction(
      ({ id, ghs }) => {
        const text = document.querySelector(`[data-device-id="${id}"] [data-testid=cell-hashrate] .primary-figure`)?.textContent ?? '';
        const m = /([\d.,]+)\s*(GH|TH)\/s/.exec(text);
        return m?.[1] !== undefined && Number(m[1].replace(/,/g, '')) * (m[2] === 'TH' ? 1000 : 1) > ghs * 1.35;
      },
      { id: Q_ID, ghs: start.ghs },
      { timeout: TIMEOUT_MS },
    );
    const end = await qRow();
    assert.ok(end.watts > start.watts * 1.6 && end.ghs > start.ghs * 1.35, `before ${JSON.stringify(start)}, after ${JSON.stringify(end)}`);
  });

  it('batch from the fleet table: per-device results, devices without the setting skipped with the reason', async () => {
    await page.check('[data-testid=fleet-select-all]');
    assert.equal(await page.locator('[data-testid=fleet-select]:checked').count(), DEMO_COUNT);
    await page.click('[data-testid=batch-open]');
    await page.waitForSelector('[data-testid=batch-control]');
    await page.selectOption('[data-testid=batch-control]', 'fan');
    assert.match((await page.textContent('[data-testid=batch-dialog]')) ?? '', /Offered by 3 of the selected devices/);
    await page.click('[data-testid=batch-review]');
    assert.match((await page.textContent('[data-testid=batch-confirm]')) ?? '', /Fan speed → Auto on 4 devices\./);
    await page.click('[data-testid=batch-confirm-go]');
    await page.waitForFunction((n) => document.querySelector('[data-testid=batch-progress]')?.textContent === `${n} of ${n} done`, DEMO_COUNT, { timeout: TIMEOUT_MS });
    const rows = await page.$$eval('[data-testid=batch-row]', (trs) => trs.map((tr) => [tr.children[0]?.textContent ?? '', tr.getAttribute('data-status') ?? '', tr.children[2]?.textContent ?? '']));
    const byHost = new Map(rows.map(([name, status, detail]) => [name, { status, detail }]));
    assert.deepEqual(byHost.get('127.0.91.201'), { status: 'skipped', detail: 'not sent: AvalonMiner 1566 does not offer the fan control' });
    for (const host of ['127.0.91.202', '127.0.91.203', '127.0.91.204']) assert.equal(byHost.get(host)?.status, 'applied', `${host}: ${byHost.get(host)?.detail}`);
    await page.click('[data-testid=batch-close]');

  });

  it('the tuning tab in Simplified Chinese', async () => {
    await app.service.handle('settings.set', { language: 'zh-CN' });
    await page.goto(`${app.url}#/device/${encodeURIComponent(Q_ID)}`);
    await page.getByRole('tab', { name: '调优' }).click();
    await page.waitForSelector('[data-testid=tuning-row-workmode]');
    assert.match((await page.textContent('[data-testid=tuning-row-workmode]')) ?? '', /^工作模式会中断挖矿/);
    assert.match((await page.textContent('[data-testid=tuning-controls] thead')) ?? '', /设置当前值范围更改为/);
    assert.match((await page.textContent('[data-testid=tuning-schedules]')) ?? '', /每周计划/);
    // The outcome the core wrote into the audit trail, in Chinese (the device's own words would stay as sent).
    const [latest] = AuditEntrySchema.array().parse(await app.service.handle('tuning.audit', { id: Q_ID, limit: 1 }));
    assert.ok(latest?.text, 'the audit entry carries the keyed text');
    const expected = coreText('zh-CN', latest.text, latest.message);
    assert.match(expected, /[\u4e00-\u9fff]/);
    await page.waitForSelector('[data-testid=tuning-audit-row]');
    const rows = await page.$$eval('[data-testid=tuning-audit-row]', (trs) => trs.map((tr) => tr.textContent ?? ''));
    assert.ok(rows.some((row) => row.includes(expected)), `${expected} in ${JSON.stringify(rows)}`);
    await app.service.handle('settings.set', { language: 'en' });

    await assertNoPageErrors(page);
  });
});
