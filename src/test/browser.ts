import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { expect } from 'vitest';
import { createApp } from '../app.js';
import { prepareDatabase } from '../bootstrap.js';
import { systemClock } from '../kernel/clock.js';
import { fromRoot } from '../kernel/paths.js';
import { demoConfig, demoDatabase } from './db.js';

export const DEMO_PASSWORD = 'Gongzhi@2026';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS_DIR = fromRoot('test-results');

/**
 * The real app with the demo data on a random localhost port, serving the built console (dist/web), and a
 * headless Debian Chromium driven by playwright-core. One per browser test file.
 */
export async function browserApp(env: Record<string, string> = {}) {
  const webDir = fromRoot('dist/web');
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    throw new Error('dist/web is missing: build the console first (npm run build:web; npm test does it)');
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`);
  // Its own copy of the demo data, seeded once per worker (src/test/db.ts).
  const { database, release } = await demoDatabase();
  const config = demoConfig({ WEB_DIR: webDir, ...env });
  await prepareDatabase(database, config, pino({ level: 'silent' })); // finds the demo there: migrations only
  const app = await createApp({ config, database, clock: systemClock }, false);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  return {
    url: address,
    app,
    database,
    browser,
    /** A fresh browser profile (own cookies) with a page, in Chinese unless told otherwise. */
    async page(opts: { locale?: string; mobile?: boolean } = {}): Promise<Page> {
      const ctx = await browser.newContext({
        baseURL: address,
        locale: opts.locale ?? 'zh-CN',
        viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1440, height: 900 },
        ...(opts.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
      return page;
    },
    screenshot: (page: Page, name: string) =>
      page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true }),
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await release();
    },
  };
}
export type BrowserApp = Awaited<ReturnType<typeof browserApp>>;

/** Signs a console page in as a demo account (the login form, as a person would) and waits to leave /login. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Picks an option in the antd Select list that is open (its field was just clicked), by text or the first, waits
 * until the list has closed. The list fades out: a click on a button under it meanwhile lands on the list instead, which
 * failed a test on a busy CI machine. Single selects only (a multiple select keeps its list open).
 */
export async function pickOption(page: Page, text?: string | RegExp): Promise<string> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const options = open.locator('.ant-select-item-option');
  const option = (text === undefined ? options : options.filter({ hasText: text })).first();
  let label = '';
  // A click that lands while the list re-renders (a search list refreshing its options) selects nothing and leaves
  // the list open: seen once per full CI run on a busy machine. The same option is then clicked again, up to twice.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt === 0) {
      label = (await option.textContent()) ?? '';
      await option.click();
    } else {
      // The list may be fading out meanwhile: a second click that finds no option is not an error.
      if ((await open.count()) === 0) return label;
      await option.click({ timeout: 3_000 }).catch(() => undefined);
    }
    try {
      await expect.poll(() => open.count(), { timeout: 4_000 }).toBe(0);
      return label;
    } catch {
      // still open: pick again
    }
  }
  await expect.poll(() => open.count()).toBe(0);
  return label;
}

/** A call to the API with a signed-in browser profile's cookies and CSRF token, as the pages make them. */
export async function apiCall<T = any>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  let token = (await page.context().cookies()).find((c) => c.name === 'gz_csrf')?.value;
  if (!token && method !== 'GET')
    token = ((await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
  const res = await page.request.fetch(path, {
    method,
    headers: { accept: 'application/json', ...(token ? { 'x-csrf-token': decodeURIComponent(token) } : {}) },
    ...(body === undefined ? {} : { data: body as object }),
  });
  return { status: res.status(), body: (await res.json().catch(() => null)) as T };
}
