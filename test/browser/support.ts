// What every browser test needs: the built renderer served by the real
// headless server (with its service, optionally in demo mode on the test's
// own loopback block), Debian's Chromium through playwright-core, and pages
// that record console errors, uncaught exceptions and CSP violations so a
// test can fail on them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createHearthService, type HearthService, type HearthServiceOptions } from '../../electron/core/app/service.js';
import { startServer, type RunningServer } from '../../electron/core/server/server.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const rendererDir = join(root, 'dist', 'renderer');
/** Screenshots go here (the README's fleet screenshot aside). */
export const resultsDir = join(root, 'test-results');
/** As the README says: Debian's Chromium unless CHROMIUM_PATH names another Chromium or Chrome. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface AppOptions extends Partial<Omit<HearthServiceOptions, 'dataDir' | 'host' | 'demo'>> {
  /** Simulated miners on this test's own loopback block, so tests and `hearth serve` do not collide. */
  demo?: { count: number; base: string };
  /** A data folder the caller owns; by default a fresh temporary one, removed on close. */
  dataDir?: string;
  /** Runs on the data folder before the service opens it (e.g. to write stored history). */
  prepare?: (dataDir: string) => void;
  /** Set before the page loads; 1000 is the fastest the contract allows, for charts within seconds. */
  pollIntervalMs?: number;
}

export interface RunningApp {
  url: string;
  service: HearthService;
  server: RunningServer;
  dataDir: string;
  /** Stops the server (it may already be closed) and the service, and removes a data folder it made. */
  close(): Promise<void>;
}

/** The real service and headless server on 127.0.0.1, serving dist/renderer. */
export async function startApp(opts: AppOptions = {}): Promise<RunningApp> {
  assert.ok(existsSync(join(rendererDir, 'index.html')) && existsSync(join(rendererDir, 'app.js')), 'dist/renderer is missing: run `node scripts/build.mjs` first');
  mkdirSync(resultsDir, { recursive: true });
  const { dataDir: given, prepare, pollIntervalMs, version = '0.0.0-test', log = () => undefined, ...serviceOptions } = opts;
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'hearth-browser-'));
  const removeDataDir = (): void => {
    if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  let service: HearthService | undefined;
  try {
    prepare?.(dataDir);
    service = await createHearthService({ ...serviceOptions, dataDir, host: 'server', version, log });
    if (pollIntervalMs !== undefined) await service.handle('settings.set', { pollIntervalMs });
    const server = await startServer({ service, staticDir: rendererDir, port: 0 });
    const started = service;
    return {
      url: server.url,
      service: started,
      server,
      dataDir,
      close: async () => {
        await server.close().catch(() => undefined);
        await started.close();
        removeDataDir();
      },
    };
  } catch (error) {
    await service?.close();
    removeDataDir();
    throw error;
  }
}

export async function launchBrowser(): Promise<Browser> {
  assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  acceptDownloads?: boolean;
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions so far; a test may add its own findings. */
  errors: string[];
}

const pageErrors = new WeakMap<Page, string[]>();

/** A new page in its own context (en-US), recording errors and CSP violations for assertNoPageErrors. */
export async function openPage(browser: Browser, opts: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    locale: 'en-US',
    ...(opts.acceptDownloads === undefined ? {} : { acceptDownloads: opts.acceptDownloads }),
  });
  // CSP violations are also logged as console errors; the event is the exact record.
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  pageErrors.set(page, errors);
  return { page, context, errors };
}

/** Fails on any CSP violation in the current document and any error the page logged since openPage. */
export async function assertNoPageErrors(page: Page): Promise<void> {
  const errors = pageErrors.get(page);
  assert.ok(errors, 'the page was not opened with openPage');
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
}

/** The whole page: the app scrolls inside <main>, so grow the window to fit it, shoot, and shrink back. */
export async function screenshotWhole(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    main?.scrollTo(0, 0);
    return Math.ceil((main?.scrollHeight ?? 0) + (main?.getBoundingClientRect().top ?? 0));
  });
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.mouse.move(0, 0);
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

const GHS_PER_UNIT: Record<string, number> = { MH: 1e-3, GH: 1, TH: 1e3, PH: 1e6, EH: 1e9 };
/** "182.8 TH/s" -> 182800 (GH/s); English number format. */
export function parseGhs(text: string): number {
  const m = /([\d.,]+)\s*(MH|GH|TH|PH|EH)\/s/.exec(text);
  assert.ok(m?.[1] && m[2], `not a hashrate: "${text}"`);
  return Number(m[1].replace(/,/g, '')) * (GHS_PER_UNIT[m[2]] ?? NaN);
}
