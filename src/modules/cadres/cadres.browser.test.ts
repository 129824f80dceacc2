import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, pickOption, signIn, type BrowserApp } from '../../test/browser.js';

/** The community workers' register (decision 054): the demo story, a registration, a change of post, the history. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

/** Waits until the open drawer has finished sliding in (its left edge stays put), for the screenshot. */
async function settled(page: Page) {
  const wrapper = page.locator('.ant-drawer-content-wrapper');
  await wrapper.waitFor();
  let last = -1;
  await expect
    .poll(
      async () => {
        const x = (await wrapper.boundingBox())?.x ?? -2;
        const same = x === last;
        last = x;
        return same;
      },
      { interval: 250 },
    )
    .toBe(true);
}

interface Worker {
  id: number;
  name: string;
  current: { post: string; grade: number; band: number; years: number; countedYears: number } | null;
}

describe('cadres pages', () => {
  it('the secretary registers a worker, the grade is derived, a change of post shows in the history', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');

    // The demo register of 文亭巷社区: 马秀兰 rose from staff to head 一肩挑.
    await page.goto('/cadres/workers');
    const table = page.getByTestId('worker-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(() => table.getByText('马秀兰').count()).toBe(1);
    await page.getByTestId('worker-filter-post').click();
    await pickOption(page, '社区正职');
    await page.getByTestId('worker-filter-submit').click();
    await page.waitForURL(/post=head/);
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await b.screenshot(page, 'cadres-workers-filtered');
    await page.goto('/cadres/workers');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await b.screenshot(page, 'cadres-workers');

    // 登记社区工作者: started 2015-09-01 with a bachelor's, staff.
    await page.getByTestId('worker-add').click();
    const form = page.getByTestId('worker-form');
    await form.waitFor();
    await form.getByTestId('worker-form-name').fill('测试社工');
    await form.getByTestId('worker-form-community').click();
    await pickOption(page, '文亭巷社区');
    const started = form.getByTestId('worker-form-started');
    await started.click();
    await page.keyboard.type('2015-09-01');
    await page.keyboard.press('Enter');
    await form.getByTestId('worker-form-degree').click();
    await pickOption(page, '学士');
    await form.getByTestId('worker-form-phone').fill('13912345678');
    await b.screenshot(page, 'cadres-worker-form');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await form.waitFor({ state: 'detached' });

    const list = await apiCall<{ items: Worker[] }>(page, 'GET', '/api/cadres/workers?q=测试社工');
    const w = list.body.items[0]!;
    expect(w.current).toMatchObject({ post: 'staff', countedYears: w.current!.years + 3 });
    // staff: 1 + floor((years + 3) / 3).
    expect(w.current!.grade).toBe(1 + Math.floor((w.current!.years + 3) / 3));

    // The worker's file: grade as the rule gives it, then a change of post with its reason.
    await page.getByTestId(`worker-${w.id}`).click();
    await page.waitForURL(new RegExp(`/cadres/workers/${w.id}$`));
    await expect.poll(() => page.getByTestId('worker-grade').textContent()).toContain(`${w.current!.grade} 级`);
    await page.getByTestId('worker-change-post').click();
    const post = page.getByTestId('post-form');
    await post.waitFor();
    await post.getByTestId('post-form-post').click();
    await pickOption(page, '社区副职');
    await post.getByTestId('post-form-reason').fill('社区“两委”换届当选居委会副主任');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await post.waitFor({ state: 'detached' });
    const deputy = 4 + Math.floor((w.current!.years + 3) / 3);
    await expect.poll(() => page.getByTestId('worker-grade').textContent()).toContain(`${deputy} 级`);
    await expect
      .poll(() => page.getByTestId('worker-history').textContent())
      .toContain('社区“两委”换届当选居委会副主任');
    await b.screenshot(page, 'cadres-worker');

    // The demo story's worker file and the other two pages, for the eye.
    const ma = (await apiCall<{ items: Worker[] }>(page, 'GET', '/api/cadres/workers?q=马秀兰')).body.items[0]!;
    await page.goto(`/cadres/workers/${ma.id}`);
    await expect.poll(() => page.getByTestId('worker-history').textContent()).toContain('一肩挑');
    await b.screenshot(page, 'cadres-worker-story');
    await page.goto('/cadres/assignments');
    const at = page.getByTestId('assignment-table');
    await at.locator('tbody tr.ant-table-row').first().waitFor();
    await at.getByText('王永胜').click();
    await expect
      .poll(() => page.getByTestId('assignment-work').locator('tbody tr.ant-table-row').count())
      .toBeGreaterThan(0);
    await settled(page);
    await b.screenshot(page, 'cadres-assignment');
    await page.goto('/cadres/talents');
    await page.getByTestId('talent-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('talent-table').getByText('马晓东').click();
    await page.getByTestId('talent-record-training').waitFor();
    await settled(page);
    await b.screenshot(page, 'cadres-talents');
  }, 300_000);
});
