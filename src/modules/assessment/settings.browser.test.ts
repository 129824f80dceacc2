import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('assessment settings 考评设置 (decision 037)', () => {
  it('the street creates a checklist with an item and a rating period through the forms', async () => {
    const page = await b.page();
    await signIn(page, 'street_admin');
    await page.goto('/assessment/settings');
    await page.getByTestId('as-checklists').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('as-new-checklist').click();
    const form = page.getByTestId('as-checklist-form');
    await form.getByTestId('as-checklist-title').fill('阵地建设规范化清单（测试）');
    await form.getByTestId('as-item-title-0').fill('党群服务中心面积不少于500平方米');
    await b.screenshot(page, 'assessment-settings-checklist-form');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await expect
      .poll(async () => {
        const r = await apiCall<{ items: { id: number; title: string }[] }>(
          page,
          'GET',
          '/api/assessment/checklists?q=阵地建设规范化清单（测试）',
        );
        return r.body.items.length;
      })
      .toBe(1);
    const created = await apiCall<{ items: { id: number }[] }>(
      page,
      'GET',
      '/api/assessment/checklists?q=阵地建设规范化清单（测试）',
    );
    const one = await apiCall<{ items: { title: string; weight: number; evidenceRequired: boolean }[] }>(
      page,
      'GET',
      `/api/assessment/checklists/${created.body.items[0]!.id}`,
    );
    expect(one.body.items).toEqual([
      expect.objectContaining({ title: '党群服务中心面积不少于500平方米', weight: 10, evidenceRequired: true }),
    ]);
    await b.screenshot(page, 'assessment-settings-checklists');

    await page.getByTestId('as-settings-periods').click();
    await page.getByTestId('as-new-period').click();
    await page.getByTestId('as-period-name').fill('2026年第四季度西宁评议（测试）');
    await page.getByTestId('as-period-starts').fill('2026-10-01');
    await page.getByTestId('as-period-ends').fill('2026-12-31');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await page.getByTestId('as-periods').getByText('2026年第四季度西宁评议（测试）').waitFor();
    const periods = await apiCall<{ name: string; supervisorWeight: number }[]>(
      page,
      'GET',
      '/api/assessment/rating-periods',
    );
    expect(periods.body).toContainEqual(
      expect.objectContaining({ name: '2026年第四季度西宁评议（测试）', supervisorWeight: 30 }),
    );
    await b.screenshot(page, 'assessment-settings-periods');
  });
});
