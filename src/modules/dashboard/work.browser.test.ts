import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

/** 我的工作 on the home page (issue 10 item 19): counts per role, each a link to exactly those records. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 480_000);
afterAll(() => b?.close());

const number = (s: string) => Number(s.replace(/[^\d.]/g, ''));

describe('the home page work card', () => {
  it(
    'shows a community worker their counts; 待派单 lands on the list of exactly those orders',
    { timeout: 120_000 },
    async () => {
      const page = await b.page();
      await signIn(page, 'staff');
      await page.goto('/');
      const card = page.getByTestId('work-card');
      await card.waitFor();
      for (const k of ['toDispatch', 'toAccept', 'overdue', 'escalated', 'flags', 'responseRate', 'resolutionRate'])
        await page.getByTestId(`work-${k}`).waitFor();
      await b.screenshot(page, 'home-work-staff');
      const shown = number(await page.getByTestId('work-toDispatch').locator('.ant-statistic-content').innerText());
      await page.getByTestId('work-toDispatch').click();
      await page.waitForURL(/\/orders\?inbox=toDispatch/);
      await page.getByTestId('orders-page').waitFor();
      // The tab 待派单 is the open one, and its list holds as many orders as the card said.
      await expect.poll(() => page.locator('.ant-tabs-tab-active').innerText()).toContain('待派单');
      const list = await apiCall<{ total: number }>(page, 'GET', '/api/orders?inbox=toDispatch&pageSize=1');
      expect(list.body.total).toBe(shown);
      await b.screenshot(page, 'home-work-orders');
    },
  );

  it('shows a unit contact only what waits for their unit', { timeout: 120_000 }, async () => {
    const page = await b.page();
    await signIn(page, 'unit_contact');
    await page.goto('/');
    await page.getByTestId('work-toAccept').waitFor();
    expect(await page.getByTestId('work-toDispatch').count()).toBe(0);
    expect(await page.getByTestId('work-responseRate').count()).toBe(0);
    await b.screenshot(page, 'home-work-unit');
  });
});
