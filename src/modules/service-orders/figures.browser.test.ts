import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, pickOption, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('service-order figures in the console', () => {
  it('a district admin sees the figures drawn, and a figure or a ranking row drills to the orders list', async () => {
    const page = await b.page();
    await signIn(page, 'district_admin');
    const figureCalls: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/orders/figures')) figureCalls.push(u.pathname);
    });
    await page.goto('/orders/figures');
    await page.getByTestId('figures-cards').waitFor();
    await expect.poll(() => page.locator('[data-testid=chart-ranking] canvas').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=chart-trend] canvas').count()).toBe(1);
    await expect.poll(() => page.getByTestId('figures-caption').textContent()).toContain('城西区');
    // the district's streets are ranked
    await expect.poll(() => page.getByTestId('figures-ranking').getByText('文汇路街道').count()).toBe(1);
    await b.screenshot(page, 'order-figures');
    // One request for the figures and one for the 12-month trend.
    expect(figureCalls.sort()).toEqual(['/api/orders/figures', '/api/orders/figures/trend']);

    await page.getByTestId('figure-found').click();
    await page.waitForURL((u) => u.pathname === '/orders');
    const found = new URL(page.url()).searchParams;
    expect(found.get('territoryId')).toMatch(/^\d+$/);
    expect(found.get('from')).not.toBeNull();
    expect(found.get('to')).not.toBeNull();

    await page.goBack();
    await page.getByTestId('figures-cards').waitFor();
    await page.getByTestId('figure-overdue').click();
    await page.waitForURL((u) => u.pathname === '/orders' && u.searchParams.get('overdue') === 'true');

    await page.goBack();
    await page.getByTestId('figures-ranking').waitFor();
    const row = page.getByTestId('figures-ranking').locator('tr', { hasText: '文汇路街道' });
    await row.click();
    await page.waitForURL(
      (u) => u.pathname === '/orders' && u.searchParams.get('territoryId') !== found.get('territoryId'),
    );
  });

  it('a community secretary manages the service menu', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    await page.goto('/orders/menu');
    await page.getByTestId('menu-table').waitFor();
    await expect
      .poll(() => page.getByTestId('menu-table').locator('tbody tr.ant-table-row').count())
      .toBeGreaterThan(0);
    await page.getByTestId('menu-add').click();
    await page.getByTestId('menu-form').waitFor();
    await page.getByTestId('menu-form-name').fill('代缴水电费');
    await page.getByTestId('menu-form-category').click();
    await pickOption(page, '为老服务');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('menu-table').getByText('代缴水电费').count()).toBe(1);
    await b.screenshot(page, 'order-menu');
  });

  it('a community secretary routes a category to a unit; the unit field appears when the handler kind asks for it', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    await page.goto('/orders/rules');
    await page.getByTestId('rules-table').waitFor();
    await page.getByTestId('rule-add').click();
    await page.getByTestId('rule-form').waitFor();
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    // Opens a select, picks an option (by text, or the first), and waits until its list has closed again (the
    // lists are animated: the next select's list must not be confused with this one's on its way out).
    const pick = async (testId: string, text?: string) => {
      await expect.poll(() => open.count()).toBe(0);
      await page.getByTestId(testId).click();
      const options = open.locator('.ant-select-item-option');
      await (text ? options.filter({ hasText: text }) : options).first().click();
      await expect.poll(() => open.count()).toBe(0);
    };
    await pick('rule-form-category', '为老服务');
    expect(await page.getByTestId('rule-form-unit').count()).toBe(0);
    await pick('rule-form-kind', '驻区单位');
    await page.getByTestId('rule-form-unit').waitFor();
    // Saving without a unit: the form says so under the field.
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect
      .poll(() => page.getByTestId('rule-form').locator('.ant-form-item-explain-error').count())
      .toBeGreaterThan(0);
    await pick('rule-form-unit');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('rule-form').waitFor({ state: 'detached' });
    await expect
      .poll(() =>
        page.getByTestId('rules-table').locator('tr', { hasText: '驻区单位' }).filter({ hasText: '为老服务' }).count(),
      )
      .toBe(1);
    await b.screenshot(page, 'order-rules');
  });
});
