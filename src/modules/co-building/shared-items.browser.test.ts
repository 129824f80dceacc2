import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';

/** 便民共享服务柜 on /m (decision 042): the demo resident 陈秀兰 borrows an item of 文亭巷社区 and returns it. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 120_000);
afterAll(() => b?.close());

describe('shared items on /m', () => {
  it('a resident borrows an item and returns it; staff check it in', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    await phone.goto('/m/shared');
    const borrow = phone.locator('[data-testid^=m-borrow-]').filter({ hasText: '借用' }).first();
    await borrow.waitFor();
    await b.screenshot(phone, 'shared-items-cabinet');
    const itemId = Number((await borrow.getAttribute('data-testid'))!.replace('m-borrow-', ''));
    await borrow.click();
    await phone.getByTestId('m-borrow-dialog').waitFor();
    await phone.locator('.adm-dialog-button', { hasText: '借用' }).click();
    await phone.waitForURL(/\/m\/shared\/loans/);
    const { body: mine } = await apiCall<{ items: { id: number; item: { id: number }; status: string }[] }>(
      phone,
      'GET',
      '/api/co-building/my-loans?state=open',
    );
    const loan = mine.items.find((l) => l.item.id === itemId)!;
    expect(loan.status).toBe('out');
    await phone.getByTestId(`m-return-${loan.id}`).click();
    await phone.getByTestId('m-return-good').click();
    await phone.getByTestId(`m-loan-status-${loan.id}`).waitFor();
    await expect.poll(() => phone.getByTestId(`m-loan-status-${loan.id}`).innerText()).toBe('待验收');
    await b.screenshot(phone, 'shared-items-my-loans');

    // Staff of 文亭巷社区 take it back in good condition: the loan is returned, the item available again.
    const desk = await b.page();
    await signIn(desk, 'staff');
    const back = await apiCall(desk, 'POST', `/api/co-building/shared-loans/${loan.id}/return`, { condition: 'good' });
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('available');
    await phone.reload();
    await expect.poll(() => phone.getByTestId(`m-loan-status-${loan.id}`).innerText()).toBe('已归还');
  });
});
