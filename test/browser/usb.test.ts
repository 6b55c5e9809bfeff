// USB mining in real headless Chromium against the real headless server in
// demo mode: two simulated sticks mine on the local test pool, every nonce
// checked by the hashing core. Needs `npm run build` first and Debian's
// Chromium (or CHROMIUM_PATH).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { UDEV_INSTALL_COMMAND } from '../../electron/core/usb/access.js';
import { UsbDiscovery } from '../../electron/core/usb/discovery.js';
import { SimUsbBus } from '../../electron/core/usb/sim-bus.js';
import { SimStick } from '../../electron/core/usb/sim-stick.js';
import { assertNoPageErrors, launchBrowser, openPage, resultsDir, startApp, type RunningApp } from './support.js';

/** This test's own loopback block (docs: usb 127.0.93.x); two network miners keep the page realistic and the machine quiet. */
const DEMO_BASE = '127.0.93.1';
const DEMO_COUNT = 2;
const LIVE_TIMEOUT_MS = 30_000;

const HS: Record<string, number> = { 'H/s': 1, 'kH/s': 1e3, 'MH/s': 1e6, 'GH/s': 1e9, 'TH/s': 1e12 };
/** "10.2 kH/s" -> 10200; English number format. */
function parseHs(text: string): number {
  const m = /([\d.,]+)\s*([kMGT]?H\/s)/.exec(text);
  assert.ok(m?.[1] && m[2], `not a hashrate: "${text}"`);
  return Number(m[1].replace(/,/g, '')) * (HS[m[2]] ?? NaN);
}

const VIEWPORT = { width: 1280, height: 860 };

describe('USB sticks in the demo, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    app = await startApp({ version: '0.1.0', demo: { count: DEMO_COUNT, base: DEMO_BASE } });
    browser = await launchBrowser();
    ({ page } = await openPage(browser, { viewport: VIEWPORT }));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows both sticks in the fleet with a hashrate from verified nonces and accepted shares', async () => {
    await page.goto(app.url);
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid=usb-row]')];
        return (
          rows.length === 2 &&
          rows.every((r) => {
            const rate = r.querySelector('[data-testid=usb-cell-hashrate] .primary-figure')?.textContent ?? '';
            const accepted = Number(r.querySelector('[data-testid=usb-accepted]')?.textContent ?? '0');
            return /[1-9][\d.,]* [kMG]?H\/s$/.test(rate) && accepted > 0;
          })
        );
      },
      undefined,
      { timeout: LIVE_TIMEOUT_MS },
    );
    const rows = await page.$$eval('[data-testid=usb-row]', (trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-stick-id'),
        name: tr.querySelector('.row-link')?.textContent,
        state: tr.querySelector('[data-testid=usb-state]')?.getAttribute('data-state'),
        hashrate: tr.querySelector('[data-testid=usb-cell-hashrate] .primary-figure')?.textContent ?? '',
        window: tr.querySelector('[data-testid=usb-cell-hashrate] .secondary-figure')?.textContent ?? '',
        accepted: Number(tr.querySelector('[data-testid=usb-accepted]')?.textContent),
        hw: tr.querySelector('[data-testid=usb-cell-hw]')?.textContent,
        best: tr.querySelector('[data-testid=usb-cell-best]')?.textContent ?? '',
        pool: tr.querySelector('[data-testid=usb-pool-state]')?.getAttribute('data-state'),
      })),
    );
    assert.deepEqual(
      rows.map((r) => [r.id, r.name, r.state, r.pool, r.hw]),
      [
        ['sim:mini-1', 'Avalon4 mini', 'mining', 'authorized', '0'],
        ['sim:nano-2', 'Avalon nano', 'mining', 'authorized', '0'],
      ],
    );
    // What the page shows is what the core counted from verified nonces.
    const list = (await app.service.handle('usb.list', {})) as { sticks: { id: string; accepted: number; hashrateHs: number }[] };
    for (const row of rows) {
      const core = list.sticks.find((s) => s.id === row.id);
      assert.ok(core && core.accepted >= row.accepted, `${row.id}: page ${row.accepted}, core ${core?.accepted}`);
      // The demo sticks hash at 12,000 and 6,000 H/s; over a few seconds only the order of magnitude is stable.
      const hs = parseHs(row.hashrate);
      assert.ok(hs > 100 && hs < 200_000, `${row.id}: ${row.hashrate}`);
      assert.match(row.window, /^verified, (\d+[dhms] ?)+ average$/);
      assert.match(row.best, /^[\d.]+(E-\d+)?$/);
    }
    await page.locator('[data-testid=usb-fleet]').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'usb-fleet.png'), fullPage: true });
  });

  it('shows the USB mining page with the pool connection, and saves a pool without echoing its password', async () => {
    await page.click('[data-testid=nav-usb]');
    await page.waitForSelector('[data-testid=usb-demo]');
    await page.waitForFunction(() => document.querySelector('[data-testid=usb-pool] [data-testid=usb-pool-state]')?.getAttribute('data-state') === 'authorized');
    assert.match((await page.textContent('[data-testid=usb-pool]')) ?? '', /Connected\s*stratum\+tcp:\/\/127\.0\.0\.1:\d+hearth\.demoDifficulty 3\.81E-6/);
    assert.equal(await page.textContent('[data-testid=usb-running]'), 'Mining');
    assert.equal(await page.locator('[data-testid=usb-row]').count(), 2);

    await page.click('[data-testid=usb-pool-add]');
    await page.fill('[data-testid=usb-pool-url]', 'pool.example.com');
    await page.fill('[data-testid=usb-pool-worker]', 'me usb');
    await page.click('[data-testid=usb-pools-save]');
    await page.waitForSelector('[data-testid=usb-pools] [role=alert]');
    assert.equal(await page.getAttribute('[data-testid=usb-pool-url]', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('[data-testid=usb-pool-worker]', 'aria-invalid'), 'true');
    await page.fill('[data-testid=usb-pool-url]', 'stratum+tcp://pool.example.com:3333');
    await page.fill('[data-testid=usb-pool-worker]', 'me.usb');
    await page.fill('[data-testid=usb-pool-password]', 'hunter2');
    await page.click('[data-testid=usb-pools-save]');
    await page.waitForSelector('text=Pools saved.');
    assert.equal(await page.inputValue('[data-testid=usb-pool-password]'), '', 'the password is not shown back');
    assert.equal(await page.getAttribute('[data-testid=usb-pool-password]', 'placeholder'), 'Saved; leave empty to keep it');
    const saved = (await app.service.handle('usb.pools.get', {})) as unknown;
    assert.deepEqual(saved, { pools: [{ url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb', hasPassword: true }] });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'usb.png'), fullPage: true });
  });

  it("opens a stick's page: counters, chips, identity, pool", async () => {
    await page.click('[data-testid=usb-row][data-stick-id="sim:mini-1"] .row-link');
    await page.waitForSelector('[data-testid=usb-stick-title]');
    assert.equal(await page.textContent('[data-testid=usb-stick-title]'), 'Avalon4 mini');
    assert.match(page.url(), /#\/usb\/sim%3Amini-1$/);
    assert.ok(Number(await page.textContent('[data-testid=usb-fig-accepted] dd')) > 0);
    assert.ok(parseHs((await page.textContent('[data-testid=usb-fig-hashrate] dd')) ?? '') > 0);
    assert.equal(await page.locator('[data-testid=usb-chips] tbody tr').count(), 5);
    const identity = (await page.textContent('[data-testid=usb-identity]')) ?? '';
    for (const part of ['29f1:40f1', '001a2b3c00000001', '4M1505-5e6f7a8', '200 MHz', 'Simulated']) assert.ok(identity.includes(part), `${part} in ${identity}`);
    assert.match((await page.textContent('[data-testid=usb-stick-pool]')) ?? '', /Connected.*hearth\.demo/);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'usb-stick.png'), fullPage: true });
  });

  it('stops and starts mining only when asked', async () => {
    await page.click('[data-testid=nav-usb]');
    await page.waitForSelector('[data-testid=usb-toggle]');
    await page.click('[data-testid=usb-toggle]');
    await page.waitForFunction(() => document.querySelector('[data-testid=usb-running]')?.textContent === 'Stopped');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=usb-row] [data-testid=usb-state]')].every((b) => b.getAttribute('data-state') === 'idle'));
    assert.equal(await page.locator('[data-testid=usb-pool]').count(), 0);
    assert.equal(await page.textContent('[data-testid=usb-toggle]'), 'Start mining');
    await page.click('[data-testid=usb-toggle]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=usb-row] [data-testid=usb-state]')].every((b) => b.getAttribute('data-state') === 'mining'), undefined, {
      timeout: LIVE_TIMEOUT_MS,
    });
  });

  it('is in Chinese when the language is Chinese', async () => {
    await app.service.handle('settings.set', { language: 'zh-CN' });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'USB 挖矿');
    assert.equal(await page.textContent('[data-testid=nav-usb]'), 'USB 挖矿');
    await page.screenshot({ path: join(resultsDir, 'usb-zh.png') });
    await app.service.handle('settings.set', { language: 'en' });
  });

  it('logged no errors and no CSP violations', async () => {
    await assertNoPageErrors(page);
  });
});

describe('USB without the demo, in Chromium', () => {
  it('shows the exact udev command on Linux', async () => {
    const bus = new SimUsbBus();
    bus.add('locked', new SimStick({ model: 'avalon-nano', serial: 5 }));
    let app: RunningApp | undefined;
    let browser: Browser | undefined;
    try {
      app = await startApp({
        version: '0.1.0',
        usb: {
          source: bus,
          fleet: {
            platform: 'linux',
            checkAccess: async () => ({
              code: 'access-denied',
              message: "Avalon nano (29f1:33f3) at /dev/hidraw3: EACCES: permission denied, access '/dev/hidraw3'",
              fix: 'Install the udev rule.',
              command: UDEV_INSTALL_COMMAND,
            }),
          },
        },
      });
      browser = await launchBrowser();
      const { page } = await openPage(browser, { viewport: VIEWPORT });
      await page.goto(`${app.url}#/usb`);
      await page.waitForSelector('[data-testid=usb-row] [data-state=access-denied]');
      await page.click('[data-testid=usb-row] .row-link');
      await page.waitForSelector('[data-testid=usb-problem][data-code=access-denied]');
      assert.equal(await page.textContent('[data-testid=usb-command]'), UDEV_INSTALL_COMMAND);
      assert.match((await page.textContent('[data-testid=usb-problem]')) ?? '', /udev rule.*EACCES: permission denied/s);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(resultsDir, 'usb-access.png'), fullPage: true });
      await assertNoPageErrors(page);
    } finally {
      await browser?.close();
      await app?.close();
      bus.close();
    }
  });

  it('says why there are no sticks on a computer without USB, and waits for a pool before mining', async () => {
    let app: RunningApp | undefined;
    let browser: Browser | undefined;
    try {
      app = await startApp({ version: '0.1.0', usb: { source: new UsbDiscovery({ platform: 'linux', hasUsbBus: () => false }) } });
      browser = await launchBrowser();
      const { page } = await openPage(browser, { viewport: VIEWPORT });
      await page.goto(`${app.url}#/usb`);
      await page.waitForSelector('[data-testid=usb-unavailable]');
      assert.match((await page.textContent('[data-testid=usb-unavailable]')) ?? '', /no USB bus on this machine \(\/sys\/bus\/usb\/devices is missing\)/);
      assert.equal(await page.isDisabled('[data-testid=usb-toggle]'), true, 'no pool yet: mining cannot start');
      await page.waitForSelector('text=Add a pool below, then start mining.');
      await page.click('[data-testid=nav-fleet]');
      await page.waitForSelector('[data-testid=fleet-empty]');
      assert.equal(await page.locator('[data-testid=usb-fleet]').count(), 0, 'no USB section without sticks');
      await assertNoPageErrors(page);
    } finally {
      await browser?.close();
      await app?.close();
    }
  });
});
