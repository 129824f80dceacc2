import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, type BrowserApp, DEMO_PASSWORD, pickOption, signIn } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

interface Figures {
  found: number;
  claimed: number;
  resolved: number;
  satisfactionRate: number | null;
  territory: { id: number; name: string };
}

const statusOf = (page: Page) =>
  page.getByTestId('order-facts').locator('[data-testid^=order-status-]').first().getAttribute('data-testid');

describe('the service loop: 居民点单 → 社区派单 → 党员接单、办结 → 群众评单', () => {
  it('a resident orders on the phone, the community dispatches to a party member, who accepts and resolves; the resident rates; the figures change', async () => {
    const resident = await b.page({ mobile: true });
    const staff = await b.page();
    const member = await b.page();
    await signIn(staff, 'staff');
    await signIn(member, 'party_member');

    // The community's figures before (the staff account is bound to 文亭巷社区).
    const before = await apiCall<Figures>(staff, 'GET', '/api/orders/figures');
    expect(before.status).toBe(200);
    expect(before.body.territory.name).toBe('文亭巷社区');

    // The in-service party member 赵敏 works elsewhere; she registers with her home community and the community
    // confirms her (双报到), so the community may send her orders.
    const me = await apiCall<{ member: { id: number } }>(member, 'GET', '/api/party-members/me');
    const reg = await apiCall<{ id: number }>(member, 'POST', '/api/party-members/me/registrations', {
      communityId: before.body.territory.id,
    });
    // A retry of this test (decision 049) finds her registered and confirmed by the first attempt: 409.
    expect([201, 409]).toContain(reg.status);
    if (reg.status === 201)
      expect((await apiCall(staff, 'POST', `/api/party-members/registrations/${reg.body.id}/confirm`, {})).status).toBe(
        200,
      );

    // 1. 居民点单: the resident reports a problem on the mobile pages.
    await resident.goto('/m/login');
    await resident.locator('[data-testid=m-login-phone] input').fill('resident');
    await resident.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await resident.getByTestId('m-login-submit').click();
    await resident.getByTestId('m-home').waitFor();
    await resident.getByTestId('m-new-problem').click();
    await resident.getByText('维修', { exact: true }).click();
    await resident.locator('[data-testid=m-order-title] input').fill('单元门禁坏了');
    await resident.locator('[data-testid=m-order-description] textarea').fill('3单元门禁刷卡没反应，老人进出不便');
    await resident.getByTestId('m-order-submit').click();
    await resident.getByTestId('m-order').waitFor();
    await resident.waitForURL(/\/m\/orders\/\d+$/);
    const id = Number(/\/m\/orders\/(\d+)$/.exec(resident.url())![1]);
    expect(await resident.getByTestId('m-order-status').textContent()).toBe('待派单');
    await b.screenshot(resident, 'orders-01-resident-ordered');

    // 2. 社区派单: the order waits in the staff's "to dispatch" inbox; the staff open it and dispatch it to 赵敏.
    await staff.goto('/orders?inbox=toDispatch');
    await staff.getByTestId(`order-link-${id}`).waitFor();
    // The tab counts load apart from the list: wait for them rather than read them at once.
    await expect
      .poll(
        async () =>
          Number(
            await staff
              .getByTestId('inbox-count-toDispatch')
              .locator('.ant-scroll-number, .ant-badge-count')
              .first()
              .getAttribute('title'),
          ),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    await b.screenshot(staff, 'orders-02-inbox');
    await staff.getByTestId(`order-link-${id}`).click();
    await staff.getByTestId('order-page').waitFor();
    expect(await statusOf(staff)).toBe('order-status-submitted');
    await staff.getByTestId('order-action-dispatch').click();
    await staff.getByTestId('dispatch-drawer').waitFor();
    // The ranked suggestions come first (the routing rule for repairs sends it to the property company) …
    await staff.getByTestId('dispatch-suggestions').locator('tr.ant-table-row').first().waitFor();
    await b.screenshot(staff, 'orders-03-dispatch-drawer');
    // … the dispatcher overrides them: to the party member, with a shorter time to resolve.
    await staff.getByTestId('dispatch-target').getByText('党员', { exact: true }).click();
    await staff.getByTestId('dispatch-member').click();
    await staff.keyboard.type('赵敏');
    await pickOption(staff, '赵敏');
    await staff
      .locator('input[data-testid=dispatch-resolve-hours], [data-testid=dispatch-resolve-hours] input')
      .first()
      .fill('24');
    // Changing the rule's time limit needs a reason (issue 10 item 5).
    await staff.getByTestId('dispatch-deadline-reason').fill('门禁坏了影响老人出入，须一天内办结');
    await staff.getByTestId('dispatch-note').fill('请赵敏同志联系物业处理');
    await staff.getByTestId('dispatch-submit').click();
    await expect.poll(() => statusOf(staff)).toBe('order-status-dispatched');
    expect(await staff.getByTestId('order-handler').textContent()).toContain('赵敏');
    expect(await staff.getByTestId('order-timeline').textContent()).toContain('请赵敏同志联系物业处理');

    // 3. 党员接单: it is in the member's inbox; she accepts, starts and resolves it on the order page.
    await member.goto('/orders?inbox=toAccept');
    await member.getByTestId(`order-link-${id}`).click();
    await member.getByTestId('order-page').waitFor();
    expect(await member.getByTestId('order-actions').textContent()).not.toContain('派单');
    await member.getByTestId('order-action-accept').click();
    await expect.poll(() => statusOf(member)).toBe('order-status-accepted');
    await member.getByTestId('order-action-start').click();
    await expect.poll(() => statusOf(member)).toBe('order-status-inProgress');
    await member.getByTestId('order-action-resolve').click();
    // A resolve needs its note.
    await member.locator('#order-note-submit').click();
    await member.getByTestId('order-note-form').locator('.ant-form-item-explain-error').waitFor();
    await member.locator('[data-testid=order-note]').fill('已联系物业更换读卡器，门禁恢复正常');
    await member.locator('#order-note-submit').click();
    await expect.poll(() => statusOf(member)).toBe('order-status-resolved');
    await b.screenshot(member, 'orders-04-member-resolved');

    // 4. 群众评单: the resident sees the result on the phone and rates it.
    await resident.goto(`/m/orders/${id}`);
    await resident.getByTestId('m-rate').waitFor();
    expect(await resident.getByTestId('m-timeline').textContent()).toContain('已联系物业更换读卡器');
    await resident.getByTestId('m-rate').getByText('满意', { exact: true }).click();
    await resident.locator('[data-testid=m-rate] textarea').fill('修得很快，谢谢！');
    await resident.getByTestId('m-rate-submit').click();
    await expect.poll(() => resident.getByTestId('m-order-status').textContent()).toBe('已评价');
    await b.screenshot(resident, 'orders-05-resident-rated');

    // The community closes it; the timeline holds every step with its actor.
    await staff.reload();
    await staff.getByTestId('order-action-close').click();
    await staff.locator('#order-note-submit').click();
    await expect.poll(() => statusOf(staff)).toBe('order-status-closed');
    const timeline = await staff.getByTestId('order-timeline').textContent();
    for (const step of ['点单', '派单', '接单', '开始办理', '办结', '评单', '关闭']) expect(timeline).toContain(step);
    expect(timeline).toContain('赵敏');
    expect(await staff.getByTestId('order-rating').textContent()).toContain('修得很快');
    await b.screenshot(staff, 'orders-06-order-closed');

    // 5. The figures of the community count it: one more found, claimed and resolved.
    const after = await apiCall<Figures>(staff, 'GET', '/api/orders/figures');
    expect(after.body.found).toBe(before.body.found + 1);
    expect(after.body.claimed).toBe(before.body.claimed + 1);
    expect(after.body.resolved).toBe(before.body.resolved + 1);
    expect(after.body.satisfactionRate).not.toBeNull();
    expect(me.body.member.id).toBeGreaterThan(0);
  }, 240_000);

  it('bulk close from the inbox reports each order: done, or why not', async () => {
    const staff = await b.page();
    await signIn(staff, 'staff');
    const made: number[] = [];
    for (const title of ['重复上报：路灯不亮', '重复上报：路灯不亮（二）']) {
      const res = await apiCall<{ id: number }>(staff, 'POST', '/api/orders', {
        kind: 'problem',
        category: 'environment',
        title,
      });
      expect(res.status).toBe(201);
      made.push(res.body.id);
    }
    // The second one is already with a handler: it cannot be closed.
    const sent = await apiCall(staff, 'POST', `/api/orders/${made[1]}/dispatch`, {
      target: 'department',
      department: '环卫所',
    });
    expect(sent.status).toBe(200);
    await staff.goto('/orders?inbox=all&q=重复上报');
    for (const id of made)
      await staff.locator(`tr[data-row-key="${id}"] td.ant-table-selection-column .ant-checkbox`).click();
    await staff.getByTestId('order-bulk-bar').waitFor();
    await staff.getByTestId('order-bulk-close').click();
    await staff.locator('.ant-modal textarea').fill('重复上报，已合并处理');
    await staff.locator('#order-bulk-submit').click();
    await staff.getByTestId('order-bulk-report').waitFor();
    await expect.poll(() => staff.locator('.ant-modal-title', { hasText: '已处理 1 条，1 条未处理' }).count()).toBe(1);
    const report = await staff.getByTestId('order-bulk-report').textContent();
    expect(report).toContain('重复上报：路灯不亮（二）');
    expect(report).toContain('工单当前状态为「已派单」，不能关闭');
    await b.screenshot(staff, 'orders-07-bulk-report');
    // Closing an order nobody has taken yet voids it 作废 (issue 10 item 7): it leaves the rates.
    expect((await apiCall<{ status: string }>(staff, 'GET', `/api/orders/${made[0]}`)).body.status).toBe('cancelled');

    // A figure's drill-down link opens the filtered list on 全部, its extra conditions shown as tags.
    const figures = await apiCall<{ drill: Record<string, Record<string, string>> }>(
      staff,
      'GET',
      '/api/orders/figures',
    );
    const drill = new URLSearchParams(figures.body.drill.resolved).toString();
    const expected = await apiCall<{ total: number }>(staff, 'GET', `/api/orders?${drill}`);
    await staff.goto(`/orders?${drill}`);
    await staff.getByTestId('order-extra-filters').waitFor();
    await expect.poll(() => staff.getByTestId('order-extra-filters').textContent()).toContain('已办结：是');
    await expect.poll(() => staff.locator('.ant-tabs-tab-active').textContent()).toContain('全部');
    await expect
      .poll(() => staff.getByTestId('orders-table').locator('.ant-pagination-total-text').textContent())
      .toContain(`共 ${expected.body.total} 条`);
    expect((await apiCall<{ status: string }>(staff, 'GET', `/api/orders/${made[1]}`)).body.status).toBe('dispatched');
  }, 120_000);
});
