import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('the annual cycle in the console and the one window on the phone (decision 032)', () => {
  it('the street accepts a handed-in key task, reads the reminders, visits and reviews', async () => {
    const page = await b.page();
    await signIn(page, 'street_admin');
    await page.goto('/assessment/tasks');
    await page.getByTestId('as-tasks').locator('.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('as-completion-formula').innerText()).toContain('已验收');
    const handedIn = await apiCall<{ items: { id: number; title: string }[] }>(
      page,
      'GET',
      '/api/assessment/key-tasks?status=submitted',
    );
    expect(handedIn.body.items.length).toBeGreaterThan(0);
    const row = page.getByTestId('as-tasks').locator('.ant-table-row', { hasText: '待验收' }).first();
    await row.getByRole('button', { name: '验收通过' }).click();
    await expect
      .poll(async () => (await apiCall(page, 'GET', '/api/assessment/key-tasks?status=submitted')).body.total)
      .toBe(handedIn.body.items.length - 1);
    await b.screenshot(page, 'assessment-tasks');
    await page.goto('/assessment/tasks?tab=reminders');
    await page.getByTestId('as-reminders').locator('.ant-table-row').first().waitFor();
    await b.screenshot(page, 'assessment-reminders');
    await page.goto('/assessment/tasks?tab=visits');
    await page.getByTestId('as-visits').locator('.ant-table-row').first().waitFor();
    await b.screenshot(page, 'assessment-visits');
    await page.goto('/assessment/tasks?tab=reviews');
    await page.getByTestId('as-reviews').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('as-reviews').locator('.ant-table-row-expand-icon').first().click();
    await b.screenshot(page, 'assessment-reviews');
  });

  it('a resident starts a one-window item as a service order on /m', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    await phone.goto('/m/one-window');
    const first = phone.locator('[data-testid^=m-start-]').first();
    await first.waitFor();
    await b.screenshot(phone, 'assessment-one-window');
    await first.click();
    await phone.locator('.adm-dialog-button', { hasText: '在线办理' }).click();
    await phone.waitForURL(/\/m\/orders\/\d+/);
    await expect.poll(() => phone.locator('body').innerText()).toContain('一窗受理');
    // It shows as its own kind, not as 报事报修 (decision 045): on the order, in my orders, in the console list.
    const orderId = Number(new URL(phone.url()).pathname.split('/').pop());
    const facts = phone.getByTestId('m-order').locator('.gzm-muted').first();
    await expect.poll(() => facts.innerText()).toMatch(/^一窗受理 ·/);
    expect(await phone.getByTestId('m-order').innerText()).not.toContain('报事报修');
    await b.screenshot(phone, 'assessment-one-window-order');
    await phone.goto('/m');
    const mine = phone.getByTestId('m-orders').locator('.adm-list-item', { hasText: '一窗受理：' }).first();
    await expect.poll(() => mine.innerText()).toContain('一窗受理 ·');
    await b.screenshot(phone, 'assessment-one-window-my-orders');

    const console_ = await b.page();
    await signIn(console_, 'staff');
    await console_.goto('/orders?origin=oneWindow');
    const row = console_.locator('.ant-table-row', { has: console_.getByTestId(`order-link-${orderId}`) });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('order-kind-oneWindow').innerText()).toBe('一窗受理');
    expect(await row.getByTestId('order-kind-problem').count()).toBe(0);
    await b.screenshot(console_, 'assessment-one-window-console-orders');
  });
});
