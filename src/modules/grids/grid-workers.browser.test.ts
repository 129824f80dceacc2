import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, type BrowserApp, pickOption, signIn } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('grid workers 网格员管理', () => {
  it('a community secretary adds a grid worker, assigns liaison households from the community tree, and removes the worker', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    await page.goto('/grids/workers');
    await page.getByTestId('worker-table').waitFor();
    await expect
      .poll(() => page.getByTestId('worker-table').locator('tbody tr.ant-table-row').count())
      .toBeGreaterThan(0);

    await page.getByTestId('worker-add').click();
    await page.getByTestId('worker-form').waitFor();
    await page.getByTestId('worker-form-grid').click();
    await pickOption(page);
    await page.getByTestId('worker-form-name').fill('马晓燕');
    await page.getByTestId('worker-form-phone').fill('13897001234');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.getByTestId('worker-table').locator('tr', { hasText: '马晓燕' });
    await expect.poll(() => row.count()).toBe(1);
    // The secretary manages grid workers: she sees the number in full.
    await expect.poll(() => row.textContent()).toContain('13897001234');

    // Liaison households: open the drawer from the count, expand compound → building → unit, tick two households.
    await row.getByRole('button', { name: /0 户/ }).click();
    const drawer = page.getByTestId('liaison-drawer');
    await drawer.waitFor();
    await drawer.getByTestId('liaison-picker').click();
    const tree = page.locator('.ant-select-tree');
    // Households other workers follow are shown with their name and cannot be ticked: open the community's last
    // compound, building and unit (the demo hands out households from the first on) until two are free.
    const free = tree.locator('.ant-select-tree-checkbox:not(.ant-select-tree-checkbox-disabled)');
    for (let i = 0; i < 12 && (await free.count()) < 2; i++) {
      const closed = tree.locator('.ant-select-tree-switcher_close');
      if (!(await closed.count())) break;
      const before = await tree.locator('.ant-select-tree-treenode').count();
      await closed.last().click();
      await expect.poll(() => tree.locator('.ant-select-tree-treenode').count()).toBeGreaterThan(before);
    }
    await expect.poll(() => free.count()).toBeGreaterThan(1);
    await free.nth(0).click();
    await free.nth(1).click();
    await b.screenshot(page, 'grid-workers-picker');
    await page.keyboard.press('Escape');
    await drawer.getByTestId('liaison-add').click();
    await expect.poll(() => drawer.getByTestId('liaison-list').locator('.ant-list-item').count()).toBe(2);
    await expect.poll(() => drawer.textContent()).toContain('2 户（少于 30）');
    await b.screenshot(page, 'grid-workers-liaisons');
    await drawer.locator('.ant-drawer-close').click();
    await expect.poll(() => row.textContent()).toContain('2 户');
    await b.screenshot(page, 'grid-workers');

    // Recorded through the API, audited; then removed with its liaisons.
    const list = await apiCall(page, 'GET', '/api/grids/workers?pageSize=200');
    const mine = (list.body as { items: { id: number; name: string; liaisonCount: number }[] }).items.find(
      (w) => w.name === '马晓燕',
    );
    expect(mine?.liaisonCount).toBe(2);
    await row.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => row.count()).toBe(0);
  });
});
