import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, DEMO_PASSWORD, type BrowserApp, signIn, apiCall } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('duplicate reports 重复诉求', () => {
  it('the resident is told someone reported it nearby; the dispatcher merges it; the other reporter follows the target', async () => {
    const resident = await b.page({ mobile: true });
    const staff = await b.page();
    const member = await b.page();
    await signIn(staff, 'staff');
    await signIn(member, 'party_member');

    await resident.goto('/m/login');
    await resident.locator('[data-testid=m-login-phone] input').fill('resident');
    await resident.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await resident.getByTestId('m-login-submit').click();
    await resident.getByTestId('m-home').waitFor();

    // An earlier report from the same home, then the same problem again on the phone.
    const first = await apiCall<{ id: number; territory: { id: number } }>(resident, 'POST', '/api/orders', {
      kind: 'problem',
      category: 'greening',
      title: '楼前大树枝杈压到电线',
    });
    expect(first.status).toBe(201);
    await resident.getByTestId('m-new-problem').click();
    await resident.getByText('绿化', { exact: true }).click();
    await resident.locator('[data-testid=m-order-title] input').fill('树枝碰到电线了');
    await resident.getByTestId('m-order-submit').click();
    await resident.getByTestId('m-duplicate-notice').waitFor();
    expect(await resident.getByTestId('m-duplicate-notice').textContent()).toContain('附近已有居民反映过同类问题');
    await b.screenshot(resident, 'duplicates-mobile-notice');
    await resident.waitForURL(/\/m\/orders\/\d+$/);
    const second = Number(/\/m\/orders\/(\d+)$/.exec(resident.url())![1]);

    // A party member reports it for the same household.
    const third = await apiCall<{ id: number; possibleDuplicates: { id: number }[] }>(member, 'POST', '/api/orders', {
      kind: 'problem',
      category: 'greening',
      title: '大树挨着电线很危险',
      territoryId: first.body.territory.id,
    });
    expect(third.status).toBe(201);
    expect(third.body.possibleDuplicates.map((d) => d.id)).toEqual(expect.arrayContaining([first.body.id, second]));

    // The dispatcher sees the candidates on the order page and merges the member's report into the first one.
    await staff.goto(`/orders/${third.body.id}`);
    const panel = staff.getByTestId('order-duplicates');
    await panel.getByText(`#${first.body.id} 楼前大树枝杈压到电线`).waitFor();
    await b.screenshot(staff, 'duplicates-console-panel');
    const row = staff.getByTestId('duplicate-candidates').locator('tr', { hasText: `#${first.body.id} ` });
    await row.getByTestId('duplicate-merge-into').click();
    await staff
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await staff.waitForURL(new RegExp(`/orders/${first.body.id}$`));
    await staff.getByTestId('order-co-reporters').waitFor();
    expect(await staff.getByTestId('order-co-reporters').textContent()).toContain(`#${third.body.id}`);
    await staff.getByTestId('event-merge').first().waitFor();
    await b.screenshot(staff, 'duplicates-console-target');

    // The member now follows the first order; their own report says where it went.
    expect((await apiCall(member, 'GET', `/api/orders/${first.body.id}`)).status).toBe(200);
    const merged = await apiCall<{ status: string; mergedIntoId: number }>(
      member,
      'GET',
      `/api/orders/${third.body.id}`,
    );
    expect(merged.body).toMatchObject({ status: 'merged', mergedIntoId: first.body.id });
  });
});
