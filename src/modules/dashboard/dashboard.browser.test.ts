import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
// The demo data is seeded first: on a busy machine that takes longer than the default hook time.
beforeAll(async () => {
  b = await browserApp();
}, 240_000);
afterAll(() => b?.close());

const number = (s: string) => Number(s.replace(/[^\d.]/g, ''));

describe('the dashboard in the console', () => {
  it(
    'shows the figures with their formula, and a figure opens exactly the records it counts',
    { timeout: 120_000 },
    async () => {
      const page = await b.page();
      await signIn(page, 'street_admin');
      await page.goto('/dashboard');
      const card = page.getByTestId('figure-orders.found');
      await card.waitFor();
      await page.getByTestId('dashboard-children').waitFor();
      await page.getByTestId('dashboard-trend').locator('canvas').first().waitFor();
      const shown = number(await card.locator('.ant-statistic-content').innerText());
      expect(shown).toBeGreaterThan(0);
      // The formula on hover.
      await card.hover();
      await expect.poll(() => page.locator('.ant-tooltip').last().innerText()).toContain('工单');
      await b.screenshot(page, 'dashboard');
      // Click through: the order list with the figure's filters; its total is the figure.
      await card.click();
      await page.waitForURL(/\/orders\?/);
      await page.getByTestId('orders-page').waitFor();
      const query = new URL(page.url()).search;
      const list = await apiCall<{ total: number }>(page, 'GET', `/api/orders${query}&pageSize=1`);
      expect(list.body.total).toBe(shown);
      await expect.poll(() => page.getByTestId('order-extra-filters').innerText()).toContain('仅计入统计的工单');
    },
  );

  it('draws the map of live work with the hotspots', { timeout: 120_000 }, async () => {
    const page = await b.page();
    await signIn(page, 'staff');
    await page.goto('/dashboard/map');
    await page.getByTestId('live-map').locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    await b.screenshot(page, 'dashboard-map');
  });
});

describe('the big screen 大屏', () => {
  it('fills 1920×1080 with no scrollbars', { timeout: 120_000 }, async () => {
    const ctx = await b.browser.newContext({
      baseURL: b.url,
      locale: 'zh-CN',
      viewport: { width: 1920, height: 1080 },
    });
    const page = await ctx.newPage();
    await signIn(page, 'street_admin');
    await page.goto('/screen?refresh=60');
    await page.getByTestId('screen-figure-orders.found').waitFor();
    await page.getByTestId('screen-map').locator('canvas').first().waitFor();
    await page.getByTestId('screen-trend').locator('canvas').first().waitFor();
    // Evaluated in the page (a string: this file is compiled without the DOM's types).
    const size = await page.evaluate<{ sw: number; sh: number; w: number; h: number }>(
      `({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight,
          w: window.innerWidth, h: window.innerHeight })`,
    );
    expect(size.sw).toBeLessThanOrEqual(size.w);
    expect(size.sh).toBeLessThanOrEqual(size.h);
    await page.waitForTimeout(800);
    await page.screenshot({ path: 'test-results/dashboard-screen.png' });
    await ctx.close();
  });

  it('refreshes itself at an accelerated rate without its memory growing', { timeout: 240_000 }, async () => {
    const ctx = await b.browser.newContext({
      baseURL: b.url,
      locale: 'zh-CN',
      viewport: { width: 1920, height: 1080 },
    });
    const page = await ctx.newPage();
    await signIn(page, 'street_admin');
    let refreshes = 0;
    page.on('response', (r) => {
      if (/\/api\/dashboard\?/.test(r.url())) refreshes++;
    });
    await page.goto('/screen?refresh=1');
    await page.getByTestId('screen-map').locator('canvas').first().waitFor();

    // Memory at an accelerated refresh (every second): the heap after many refreshes stays near the heap after a
    // few (a generous bound: a leak of the map or the charts grows it by megabytes per refresh).
    const cdp = await ctx.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await expect.poll(() => refreshes, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const before = await heap();
    const start = refreshes;
    await expect.poll(() => refreshes - start, { timeout: 150_000, interval: 1000 }).toBeGreaterThanOrEqual(15);
    const after = await heap();
    expect(after, `heap ${before} → ${after} over ${refreshes - start} refreshes`).toBeLessThan(
      before * 1.5 + 4_000_000,
    );
    await ctx.close();
  });
});
