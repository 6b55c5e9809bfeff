// The earnings page in real headless Chromium against the real headless
// server in demo mode (simulated miners on 127.0.90.1+), with the market
// pinned to this test's own loopback server replaying the recorded mempool
// replies (test/fixtures/mempool/). Nothing here contacts a non-loopback
// address. Needs `node scripts/build.mjs` first and Debian's Chromium (or CHROMIUM_PATH).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startMempoolServer, type MempoolServer } from '../core/earnings/mempool-server.js';
import { assertNoPageErrors, launchBrowser, openPage, resultsDir, screenshotWhole, startApp, type RunningApp } from './support.js';

const DEMO_COUNT = 3;
const DEMO_BASE = '127.0.90.1';
const MARKET_HOST = '127.0.90.100';
const DEVICE = `${DEMO_BASE}:4028`;
const TIMEOUT_MS = 20_000;
/** Recorded: mempool.space's USD price (v1-prices.json) and the constructed USD→CNY rate (rates-usd.json). */
const USD_PRICE = 69880;
const CNY_PER_USD = 7.2245;

/** A money or number text in en-US ("-$1,234.56", "CN¥504,848", "78.5") and the rounding its digits allow. */
function parseFigure(text: string): { value: number; halfUnit: number } {
  const m = /(-?)[^\d-]*([\d,]+(?:\.(\d+))?)/.exec(text.replace(/\u2212/g, '-'));
  assert.ok(m?.[2], `not a figure: "${text}"`);
  const decimals = m[3]?.length ?? 0;
  return { value: (m[1] === '-' ? -1 : 1) * Number(m[2].replace(/,/g, '')), halfUnit: 0.5 * 10 ** -decimals };
}

interface DayRow {
  revenue: string;
  cost: string;
  net: string;
  kwh: string;
}

async function dayRow(page: Page, id: string): Promise<DayRow | undefined> {
  // No helper functions inside: tsx's name-keeping wrapper does not exist in the page.
  const [revenue = '', cost = '', net = '', kwhCell = ''] = await page.evaluate(
    (deviceId) =>
      ['cell-revenue-day', 'cell-cost-day', 'cell-net-day', 'cell-kwh-day'].map(
        (name) => document.querySelector(`[data-testid=earnings-device-row][data-device-id="${deviceId}"] [data-testid=${name}]`)?.textContent ?? '',
      ),
    id,
  );
  if (!/\d/.test(net)) return undefined;
  return { revenue, cost, net, kwh: /([\d.,]+) kWh/.exec(kwhCell)?.[1] ?? '' };
}

/** |net − (revenue − kWh × price)| within what the shown digits can be off by. */
function followsFormula(row: DayRow, price: number): { ok: boolean; detail: string } {
  const revenue = parseFigure(row.revenue);
  const net = parseFigure(row.net);
  const kwh = parseFigure(row.kwh);
  const expected = revenue.value - kwh.value * price;
  const slack = revenue.halfUnit + net.halfUnit + kwh.halfUnit * price + 1e-9;
  return { ok: Math.abs(net.value - expected) <= slack, detail: `net ${row.net} vs ${row.revenue} − ${row.kwh} kWh × ${price} = ${expected.toFixed(4)} (±${slack.toFixed(4)})` };
}

async function waitForRow(page: Page, price: number, currencySign: string): Promise<DayRow> {
  const until = Date.now() + TIMEOUT_MS;
  let last: DayRow | undefined;
  while (Date.now() < until) {
    last = await dayRow(page, DEVICE);
    if (last && last.net.includes(currencySign) && followsFormula(last, price).ok) return last;
    await page.waitForTimeout(100);
  }
  assert.fail(`the daily net of ${DEVICE} never followed price ${price}: ${last ? followsFormula(last, price).detail : 'no row'}`);
}

describe('earnings page in Chromium against the demo server', () => {
  let market: MempoolServer;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    market = await startMempoolServer(undefined, MARKET_HOST);
    app = await startApp({
      demo: { count: DEMO_COUNT, base: DEMO_BASE },
      earnings: { market: { baseUrl: market.baseUrl, ratesUrl: `${market.origin}/rates/latest` } },
      pollIntervalMs: 1000,
    });
    browser = await launchBrowser();
    const opened = await openPage(browser);
    page = opened.page;
    // Every request the page makes must stay on this machine.
    await opened.context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1') return route.continue();
      opened.errors.push(`request to a non-loopback host: ${route.request().url()}`);
      return route.abort();
    });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await market?.close();
  });

  it('shows every simulated device with figures that follow the formula', async () => {
    await page.goto(`${app.url}#/earnings`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=earnings-device-row] [data-testid=cell-net-day]').length === n, DEMO_COUNT, { timeout: TIMEOUT_MS });
    const row = await waitForRow(page, 0.15, '$');
    assert.ok(followsFormula(row, 0.15).ok, followsFormula(row, 0.15).detail);
    // The electricity cell is the same product, rounded.
    const cost = parseFigure(row.cost);
    assert.ok(Math.abs(cost.value - parseFigure(row.kwh).value * 0.15) <= cost.halfUnit + parseFigure(row.kwh).halfUnit * 0.15 + 1e-9, `cost ${row.cost} for ${row.kwh} kWh`);

    const price = await page.textContent('[data-testid=market-prices] [data-testid=value]');
    assert.equal(price, '$69,880');
    assert.match((await page.textContent('[data-testid=market-prices] [data-testid=source]')) ?? '', /^fetched \d+ s ago.*127\.0\.90\.100/);
    assert.match((await page.textContent('[data-testid=market-difficulty] [data-testid=value]')) ?? '', /^83\.13 T$/);
    assert.match((await page.textContent('[data-testid=earnings-pinned]')) ?? '', /127\.0\.90\.100/);
    assert.match((await page.textContent('[data-testid=earnings-fleet] [data-testid=earnings-hashrate-source]')) ?? '', /reported by the device/);
    assert.match((await page.textContent('[data-testid=earnings-fleet-solo] [data-testid=solo-year] dd')) ?? '', /^about 1 in [\d,]+$/);
  });

  it('changes the daily net when the electricity price is set in the UI', async () => {
    const before = await waitForRow(page, 0.15, '$');
    await page.fill('[data-testid=earnings-setting-price]', '0.40');
    await page.click('[data-testid=earnings-settings-save]');
    const afterChange = await waitForRow(page, 0.4, '$');
    assert.ok(followsFormula(afterChange, 0.4).ok, followsFormula(afterChange, 0.4).detail);
    // The hashrate drifts a little between polls; the cost difference does not depend on it.
    const kwh = parseFigure(afterChange.kwh).value;
    assert.ok(parseFigure(afterChange.net).value < parseFigure(before.net).value - kwh * 0.2, `net went from ${before.net} to ${afterChange.net}`);
    const saved = (await app.service.handle('earnings.settings.get', {})) as { tariff: unknown };
    assert.deepEqual(saved.tariff, { kind: 'flat', pricePerKwh: 0.4 });
  });

  it('converts to CNY through the USD price and the rates source', async () => {
    await page.selectOption('[data-testid=earnings-setting-currency]', 'CNY');
    await page.click('[data-testid=earnings-settings-save]');
    const cnyPrice = Math.round(USD_PRICE * CNY_PER_USD);
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid=market-prices] [data-testid=earnings-btc-price]')?.textContent === expected,
      `CN¥${cnyPrice.toLocaleString('en-US')}`,
      { timeout: TIMEOUT_MS },
    );
    assert.match((await page.textContent('[data-testid=market-prices] [data-testid=value]')) ?? '', /converted from the USD price at 7\.2245 CNY per USD/);
    assert.match((await page.textContent('[data-testid=market-usdRate] [data-testid=value]')) ?? '', /^7\.2245 CNY per USD$/);
    const row = await waitForRow(page, 0.4, 'CN¥');
    assert.ok(followsFormula(row, 0.4).ok, followsFormula(row, 0.4).detail);
  });

  it('averages a day/night tariff over the day', async () => {
    await page.click('label:has([data-testid=earnings-tariff-day-night])');
    await page.fill('[data-testid=earnings-setting-dayPrice]', '0.5');
    await page.fill('[data-testid=earnings-setting-nightPrice]', '0.25');
    await page.fill('[data-testid=earnings-setting-nightStart]', '23:00');
    await page.fill('[data-testid=earnings-setting-nightEnd]', '07:00');
    await page.click('[data-testid=earnings-settings-save]');
    // 16 h at 0.50 and 8 h at 0.25: (16 × 0.5 + 8 × 0.25) / 24 = 10 / 24 per kWh.
    const average = 10 / 24;
    const row = await waitForRow(page, average, 'CN¥');
    assert.ok(followsFormula(row, average).ok, followsFormula(row, average).detail);
    const saved = (await app.service.handle('earnings.settings.get', {})) as { tariff: unknown };
    assert.deepEqual(saved.tariff, { kind: 'day-night', dayPricePerKwh: 0.5, nightPricePerKwh: 0.25, nightStartHour: 23, nightEndHour: 7 });
    assert.equal(await page.textContent('[data-testid=earnings-card-break-even] .stat-detail'), 'You pay CN¥0.417/kWh');
    // Dismiss the "saved" toasts (by their close buttons) so they do not cover the figures.
    for (let i = 0; i < 5 && (await page.locator('[data-testid=toasts] button').count()) > 0; i++) await page.locator('[data-testid=toasts] button').first().click();
    await screenshotWhole(page, join(resultsDir, 'earnings.png'));
  });

  it('shows the earnings tab on a device page, reachable by keyboard', async () => {
    await page.goto(`${app.url}#/device/${encodeURIComponent(DEVICE)}`);
    await page.waitForSelector('[data-testid=tab-overview]');
    await page.focus('[data-testid=tab-overview]');
    // Arrow keys move along the tabs (other features add theirs too).
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'tab-earnings'; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'tab-earnings');
    assert.equal(await page.getAttribute('[data-testid=tab-earnings]', 'aria-selected'), 'true');
    await page.waitForSelector('[data-testid=device-earnings-periods] [data-testid=period-day] [data-testid=net]', { timeout: TIMEOUT_MS });
    assert.match((await page.textContent('[data-testid=device-earnings] [data-testid=earnings-hashrate-source]')) ?? '', /reported by the device/);
    assert.match((await page.textContent('[data-testid=device-earnings] [data-testid=earnings-power-source]')) ?? '', /^(measured|nominal \(model catalog\))$/);
    assert.match((await page.textContent('[data-testid=device-earnings-periods] [data-testid=period-day] [data-testid=net]')) ?? '', /CN¥/);
    assert.match((await page.textContent('[data-testid=device-solo] [data-testid=solo-expected] dd')) ?? '', /^about [\d.,]+ (days|years)$/);
    await screenshotWhole(page, join(resultsDir, 'earnings-device.png'));
  });

  it('reads in Chinese and in the dark theme, without console errors or CSP violations', async () => {
    await app.service.handle('settings.set', { language: 'zh-CN', theme: 'dark' });
    await page.goto(`${app.url}#/earnings`);
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark' && document.querySelector('h1')?.textContent === '收益', undefined, { timeout: TIMEOUT_MS });
    await page.waitForSelector('[data-testid=earnings-device-row] [data-testid=cell-net-day]', { timeout: TIMEOUT_MS });
    assert.match((await page.textContent('[data-testid=earnings-fleet-solo] [data-testid=solo-year] dd')) ?? '', /^约 [\d,]+ 分之一$/);
    await screenshotWhole(page, join(resultsDir, 'earnings-zh-dark.png'));
    await assertNoPageErrors(page);
  });
});
