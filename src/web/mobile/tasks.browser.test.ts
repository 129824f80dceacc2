import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, DEMO_PASSWORD, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

async function signIn(page: Page, username: string) {
  await page.goto('/m/login');
  await page.getByTestId('m-login-phone').locator('input').fill(username);
  await page.getByTestId('m-login-password').locator('input').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/m/login'));
}

describe('handler tasks on the mobile pages', () => {
  it('the demo party member claims a micro-wish of their community and resolves it', async () => {
    const page = await b.page({ mobile: true });
    await signIn(page, 'party_member');
    await page.getByTestId('m-tab-tasks').click();
    await page.waitForURL(/\/m\/tasks/);
    await page.getByTestId('m-tasks-tab-wishes').click();
    const wishes = page.getByTestId('m-tasks-wishes');
    await wishes.waitFor();
    await b.screenshot(page, 'mobile-tasks-wishes');
    const first = wishes.locator('[data-testid^=m-claim-]').first();
    const id = (await first.getAttribute('data-testid'))!.replace('m-claim-', '');
    await first.click();
    await page.locator('.adm-dialog').getByRole('button', { name: '认领' }).click();
    await page.waitForURL(new RegExp(`/m/orders/${id}$`));
    await expect.poll(() => page.getByTestId('m-order-status').textContent()).toBe('已接单');
    await page.getByTestId('m-handle-start').click();
    await expect.poll(() => page.getByTestId('m-order-status').textContent()).toBe('办理中');
    // resolving needs a note
    await page.getByTestId('m-handle-resolve').click();
    await expect.poll(() => page.getByText('请填写办理说明').count()).toBeGreaterThan(0);
    await page.getByTestId('m-handle-note').locator('textarea').fill('已把老花镜送到老人家中');
    await b.screenshot(page, 'mobile-tasks-order');
    await page.getByTestId('m-handle-resolve').click();
    await expect.poll(() => page.getByTestId('m-order-status').textContent()).toBe('已办结');
    await expect.poll(() => page.getByTestId('m-timeline').getByText('已把老花镜送到老人家中').count()).toBe(1);
    expect(await page.getByTestId('m-handle').count()).toBe(0);

    // back goes to the tasks list, not home
    await page.locator('.adm-nav-bar-back').click();
    await page.waitForURL(/\/m\/tasks\?tab=doing/);
    // it is listed as done, and no longer among the open wishes
    await page.goto('/m/tasks?tab=done');
    await expect.poll(() => page.getByTestId(`m-task-${id}`).count()).toBe(1);
    await page.goto('/m/tasks?tab=wishes');
    await page.getByTestId('m-tasks').waitFor();
    await expect.poll(() => page.getByTestId(`m-claim-${id}`).count()).toBe(0);
  });

  it('a resident has no tasks tab', async () => {
    const page = await b.page({ mobile: true });
    await signIn(page, 'resident');
    await page.getByTestId('m-home').waitFor();
    expect(await page.getByTestId('m-tab-tasks').count()).toBe(0);
  });
});
