// Stored history and alerts in real headless Chromium, against the real
// headless server in demo mode on 127.0.94.x. Before the service starts, the
// test writes 24 hours of one-minute samples for each demo device into the
// same history file (HistoryStore, as the app would have recorded them), and
// one raised overheat alert. Then: the device page's 24 h chart and the fleet
// chart are filled from that history, a chart exports as CSV (Blob download),
// the Alerts page and the sidebar badge show the restored alert, and a
// webhook token is saved write-only and tested against a receiver on 127.0.0.1.
// Needs `npm run build` first and Debian's Chromium (or CHROMIUM_PATH).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Alert } from '../../electron/contract/alerts.js';
import { createMemorySecretStore } from '../../electron/core/alerts/secret-store.js';
import { HistoryStore } from '../../electron/core/history/store.js';
import { startReceiver, type Receiver } from '../core/alerts/receiver.js';
import { assertNoPageErrors, launchBrowser, openPage, resultsDir, startApp, type RunningApp } from './support.js';

const DEMO_COUNT = 4;
const DEMO_BASE = '127.0.94.1';
const DEVICE_IDS = Array.from({ length: DEMO_COUNT }, (_, i) => `127.0.94.${i + 1}:4028`);
const MINUTE = 60_000;
const DAY = 86_400_000;
/** 24 h asked for in 1000 points comes from one-minute rows, 2 minutes a point (docs/history.md, "Reading"). */
const EXPECTED_POINTS = DAY / (2 * MINUTE);
const TIMEOUT_MS = 30_000;

/** A day of one-minute samples per device: a slow daily swing, so the chart has a shape. */
function prefill(dataDir: string, now: number): void {
  const store = HistoryStore.open(dataDir);
  try {
    for (const [d, id] of DEVICE_IDS.entries()) {
      let accepted = 0;
      for (let t = now - DAY + MINUTE / 2; t < now - MINUTE; t += MINUTE) {
        const phase = ((t % DAY) / DAY) * 2 * Math.PI;
        accepted += 3;
        store.record(
          id,
          { ghs: 40_000 + 10_000 * d + 4_000 * Math.sin(phase), tempMaxC: 70 + 8 * Math.sin(phase), tempInletC: 25 + 3 * Math.sin(phase), powerW: 1_300 + 200 * d, fanRpm: 3_000 + 300 * Math.sin(phase), accepted },
          t,
        );
      }
    }
    store.flush();
    const overheat: Alert = {
      id: `${DEVICE_IDS[3]}|overheat|${now - 30 * MINUTE}`,
      kind: 'overheat',
      severity: 'critical',
      deviceId: DEVICE_IDS[3]!,
      deviceName: '127.0.94.4:4028',
      raisedAt: now - 30 * MINUTE,
      value: 104,
      threshold: 100,
      message: '127.0.94.4:4028 is overheating: 104 °C (limit 100 °C)',
    };
    store.addEvent({ deviceId: overheat.deviceId, at: overheat.raisedAt, kind: 'alert.raised', severity: 'critical', message: overheat.message, data: { alert: overheat } });
  } finally {
    store.close();
  }
}

interface ChartInfo {
  points: number;
  from: number;
  to: number;
  first: number;
  last: number;
}

async function chartInfo(page: Page, key: string): Promise<ChartInfo> {
  return page.$eval(`[data-testid=history-chart-${key}]`, (el) => {
    const d = (el as HTMLElement).dataset;
    return { points: Number(d.points), from: Number(d.from), to: Number(d.to), first: Number(d.first), last: Number(d.last) };
  });
}

async function chooseRange(page: Page, range: string): Promise<void> {
  await page.locator(`[data-testid=history-range-${range}]`).check();
  // The chart holds a day once the 24 h answer has arrived.
  await page.waitForFunction(
    () => {
      const el = document.querySelector<HTMLElement>('[data-testid=history-chart-hashrate]');
      return el !== null && Number(el.dataset.to) - Number(el.dataset.from) === 86_400_000 && Number(el.dataset.points) > 600;
    },
    undefined,
    { timeout: TIMEOUT_MS },
  );
}

function assertDayChart(info: ChartInfo, what: string): void {
  assert.equal(info.to - info.from, DAY, `${what}: the axis spans 24 h`);
  // A point per 2 minutes over the day, give or take the edges of the window.
  assert.ok(Math.abs(info.points - EXPECTED_POINTS) <= 3, `${what}: ${info.points} points, expected about ${EXPECTED_POINTS}`);
  assert.ok(info.last - info.first >= DAY - 10 * MINUTE, `${what}: points span ${((info.last - info.first) / 3_600_000).toFixed(2)} h`);
}

describe('stored history and alerts in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;

  before(async () => {
    receiver = await startReceiver([{ status: 200, body: '{}' }]);
    app = await startApp({ demo: { count: DEMO_COUNT, base: DEMO_BASE }, secrets: createMemorySecretStore(), prepare: (dataDir) => prefill(dataDir, Date.now()) });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, { viewport: { width: 1280, height: 1100 }, acceptDownloads: true }));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await receiver?.close();
  });

  it("shows a device's 24 h charts filled from stored history", async () => {
    await page.goto(`${app.url}#/device/${encodeURIComponent(DEVICE_IDS[0]!)}`);
    await page.click('[data-testid=tab-history]', { timeout: TIMEOUT_MS });
    await chooseRange(page, '24h');
    for (const key of ['hashrate', 'temperature', 'fans']) assertDayChart(await chartInfo(page, key), `device ${key}`);
    // Power is constant per device and efficiency follows from it: filled too.
    for (const key of ['power', 'efficiency']) assert.ok((await chartInfo(page, key)).points >= EXPECTED_POINTS - 3, key);
    assert.equal(await page.locator('[data-testid=history-chart-hashrate] canvas').count(), 1);
    assert.match((await page.locator('[data-testid=history-chart-hashrate] .chart-canvas').getAttribute('aria-label')) ?? '', /^Hash rate: \d+ points/);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'history.png'), fullPage: true });
  });

  it('exports a chart as CSV through a download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=history-csv-hashrate]')]);
    assert.match(download.suggestedFilename(), /^hearth-127\.0\.94\.1_4028-ghs-24h-\d{8}-\d{4}\.csv$/);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'time,ghs,ghs_min,ghs_max');
    assert.ok(Math.abs(lines.length - 1 - EXPECTED_POINTS) <= 4, `${lines.length - 1} rows`);
    assert.match(lines[1]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,\d/);
  });

  it('shows the fleet over 24 h from the same history', async () => {
    await page.click('[data-testid=nav-charts]');
    await page.waitForSelector('[data-testid=fleet-charts-page]');
    await chooseRange(page, '24h');
    assertDayChart(await chartInfo(page, 'hashrate'), 'fleet hashrate');
    assertDayChart(await chartInfo(page, 'temperature'), 'fleet temperature');
    // The fleet's hash rate is the sum of the devices' (40, 50, 60, 70 TH/s around the mean).
    const series = (await app.service.handle('history.query', { target: 'fleet', metrics: ['ghs'], range: '24h' })) as { series: { value: (number | null)[] }[] };
    const values = series.series[0]!.value.filter((v): v is number => v !== null);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(Math.abs(mean - 220_000) / 220_000 < 0.03, `fleet mean ${mean} GH/s`);
    // Dark theme: the charts are redrawn with the dark palette (uPlot reads the CSS custom properties).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.screenshot({ path: join(resultsDir, 'history-fleet-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('lists the restored alert on the Alerts page, with the count in the sidebar', async () => {
    await page.waitForSelector('[data-testid=alerts-badge]', { timeout: TIMEOUT_MS });
    assert.equal((await page.textContent('[data-testid=alerts-badge]'))?.trim(), '1');
    await page.click('[data-testid=nav-alerts]');
    await page.waitForSelector('[data-testid=alerts-active]');
    const rows = page.locator('[data-testid=alert-row]');
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().getAttribute('data-kind'), 'overheat');
    assert.match((await rows.first().textContent()) ?? '', /Critical.*127\.0\.94\.4:4028.*Overheating/);
    await page.click('[data-testid=tab-history]');
    await page.waitForSelector('[data-testid=alerts-history]');
    assert.equal(await page.locator('[data-testid=alert-history-row][data-type=raised]').count(), 1);
    await page.click('[data-testid=tab-settings]');
    await page.waitForSelector('[data-testid=alert-settings]');
    assert.match((await page.textContent('[data-testid=alert-metrics-state]')) ?? '', /^Off$/);
  });

  it('keeps a webhook token write-only and sends a test to a local receiver', async () => {
    const token = 'tk_browser-test-token-1234';
    await page.locator('[data-testid=alert-channel-ntfy-enabled]').check();
    await page.fill('[data-testid=alert-channel-ntfy-main]', 'hearth-browser-test');
    await page.fill('[data-testid=alert-channel-ntfy-server]', receiver.base);
    await page.click('[data-testid=alert-settings-save]');
    // Saved: the button is disabled again with its own label (not "Saving…").
    await page.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid=alert-settings-save]');
      return button?.disabled === true && button.textContent === 'Save alert settings';
    });

    await page.fill('[data-testid=alert-secret-ntfy]', token);
    await page.click('[data-testid=alert-secret-ntfy-save]');
    await page.waitForSelector('[data-testid=alert-secret-ntfy-stored]');
    assert.equal(await page.locator('[data-testid=alert-secret-ntfy]').count(), 0, 'no field holds the stored token');
    assert.ok(!(await page.content()).includes(token));

    await page.click('[data-testid=alert-channel-ntfy-test]');
    await page.waitForFunction(() => /Test delivered/.test(document.querySelector('[data-testid=alert-channel-ntfy-result]')?.textContent ?? ''), undefined, { timeout: TIMEOUT_MS });
    const tests = receiver.requests.filter((r) => r.body.includes('Hearth can reach you'));
    assert.equal(tests.length, 1);
    assert.equal(tests[0]!.url, '/hearth-browser-test');
    assert.equal(tests[0]!.headers.authorization, `Bearer ${token}`);

    // Replace shows an empty field; deleting removes the token.
    await page.click('[data-testid=alert-secret-ntfy-replace]');
    assert.equal(await page.inputValue('[data-testid=alert-secret-ntfy]'), '');
    await page.click('text=Cancel');
    await page.click('[data-testid=alert-secret-ntfy-delete]');
    await page.waitForSelector('[data-testid=alert-secret-ntfy]');
    assert.equal((await app.service.handle('alerts.overview', {}) as { secretsSet: { ntfy: boolean } }).secretsSet.ntfy, false);
    await page.screenshot({ path: join(resultsDir, 'alerts-settings.png'), fullPage: true });
  });

  it('logged no console errors and no CSP violations', async () => {
    await assertNoPageErrors(page);
  });
});
