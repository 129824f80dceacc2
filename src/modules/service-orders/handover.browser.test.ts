import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, type BrowserApp, DEMO_PASSWORD, pickOption, signIn } from '../../test/browser.js';

/** Issue 10 items 1–3 in the pages: 单位下单 (console and mobile), 改派, 上报上级. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

interface Listed {
  id: number;
  status: string;
  handler: { kind: string; unit: { id: number; name: string } | null } | null;
}

/** Orders the demo community has sent to the unit of the demo unit contact, not yet accepted. */
async function sentToMyUnit(contact: Page): Promise<Listed[]> {
  const res = await apiCall<{ items: Listed[] }>(contact, 'GET', '/api/orders?inbox=toAccept&pageSize=50');
  expect(res.status).toBe(200);
  return res.body.items.filter((o) => o.status === 'dispatched' && o.handler?.kind === 'unit');
}

describe('单位下单 and 改派 on the order pages', () => {
  it('the unit contact hands an order to one of the unit’s people on the console; the timeline shows it', async () => {
    const contact = await b.page();
    await signIn(contact, 'unit_contact');
    const [order] = await sentToMyUnit(contact);
    expect(order, 'the demo sends orders to the contact’s unit').toBeTruthy();
    await contact.goto(`/orders/${order!.id}`);
    await contact.getByTestId('order-action-handOver').click();
    await contact.getByTestId('hand-over-who').click();
    await pickOption(contact);
    await contact.getByTestId('hand-over-note').fill('请明天上午到现场');
    await b.screenshot(contact, 'order-hand-over');
    await contact.locator('#hand-over-submit').click();
    await contact.getByTestId('event-handOver').waitFor();
    await expect.poll(() => contact.getByTestId('event-handOver').textContent()).toContain('单位下单');
    await expect.poll(() => contact.getByTestId('order-handler').textContent()).toContain(order!.handler!.unit!.name);
    // The person accepts it now; until then the unit may still name someone else.
    await expect.poll(() => contact.getByTestId('event-handOver').count()).toBe(1);
    await b.screenshot(contact, 'order-handed-over');
  });

  it('the community reassigns a dispatched order with a reason (改派), no 回退 counted', async () => {
    const staff = await b.page();
    const contact = await b.page();
    await signIn(staff, 'staff');
    await signIn(contact, 'unit_contact');
    const [order] = await sentToMyUnit(contact);
    expect(order).toBeTruthy();
    await staff.goto(`/orders/${order!.id}`);
    await staff.getByTestId('order-action-reassign').click();
    const form = staff.getByTestId('reassign-form');
    await form.waitFor();
    await form.getByText('部门', { exact: true }).click();
    await staff.getByTestId('dispatch-department').fill('社区综治办');
    await staff.getByTestId('reassign-reason').fill('属于综治事项，改派综治办');
    await b.screenshot(staff, 'order-reassign');
    await staff.getByTestId('reassign-submit').click();
    await staff.getByTestId('event-reassign').waitFor();
    await expect.poll(() => staff.getByTestId('order-handler').textContent()).toContain('社区综治办');
    expect(await staff.getByTestId('order-facts').textContent()).toContain('回退 0 次');
    await b.screenshot(staff, 'order-reassigned');
  });

  it('on the phone, the unit contact hands an order to a person, or sends it up with a reason', async () => {
    const page = await b.page({ mobile: true });
    await page.goto('/m/login');
    await page.locator('[data-testid=m-login-phone] input').fill('unit_contact');
    await page.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await page.getByTestId('m-login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    // The community sends two new orders to the contact's unit.
    const staff = await b.page();
    await signIn(staff, 'staff');
    const mine = await apiCall<{ items: Listed[] }>(page, 'GET', '/api/orders?pageSize=50');
    const unitId = mine.body.items.find((o) => o.handler?.kind === 'unit')!.handler!.unit!.id;
    const waiting = await apiCall<{ items: Listed[] }>(staff, 'GET', '/api/orders?inbox=toDispatch&kind=problem');
    const [first, second] = waiting.body.items;
    expect(second, 'two orders to work with').toBeTruthy();
    for (const o of [first!, second!])
      expect((await apiCall(staff, 'POST', `/api/orders/${o.id}/dispatch`, { target: 'unit', unitId })).status).toBe(
        200,
      );
    await page.goto(`/m/orders/${first!.id}`);
    await page.getByTestId('m-hand-over').waitFor();
    await page.getByTestId('m-hand-over-who').locator('.adm-selector-item').first().click();
    await b.screenshot(page, 'mobile-hand-over');
    await page.getByTestId('m-handle-handOver').click();
    await expect.poll(() => page.getByTestId('m-timeline').textContent()).toContain('单位下单');

    await page.goto(`/m/orders/${second!.id}`);
    await page.getByTestId('m-handle-escalate').click();
    await expect.poll(() => page.getByText('请填写上报理由').count()).toBeGreaterThan(0);
    await page.getByTestId('m-handle-note').locator('textarea').fill('涉及燃气管道，需社区协调');
    await page.getByTestId('m-handle-escalate').click();
    await expect.poll(() => page.getByText('已提交').count()).toBeGreaterThan(0);
    await b.screenshot(page, 'mobile-escalated');
    // It left the unit (not a 回退): the community decides for it now, with the reason on its timeline.
    const seen = await apiCall<{
      status: string;
      returnCount: number;
      escalationLevel: string;
      timeline: { note: string | null }[];
    }>(staff, 'GET', `/api/orders/${second!.id}`);
    expect(seen.body).toMatchObject({ status: 'submitted', returnCount: 0 });
    expect(seen.body.timeline.at(-1)!.note).toBe('涉及燃气管道，需社区协调');
  });

  it('the community cancels an invalid report with the reason (作废/无效): it says so on the order', async () => {
    const staff = await b.page();
    await signIn(staff, 'staff');
    const waiting = await apiCall<{ items: Listed[] }>(staff, 'GET', '/api/orders?inbox=toDispatch&kind=problem');
    const order = waiting.body.items[0]!;
    await staff.goto(`/orders/${order.id}`);
    await staff.getByTestId('order-action-cancel').click();
    await staff.getByTestId('order-cancel-kind').getByText('无效（经核实不属实）').click();
    await staff.getByTestId('order-note').fill('网格员现场核实，没有此事');
    await b.screenshot(staff, 'order-cancel');
    await staff.locator('#order-note-submit').click();
    await staff.getByTestId('order-cancelled').waitFor();
    expect(await staff.getByTestId('order-cancelled').textContent()).toContain('网格员现场核实，没有此事');
    await expect.poll(() => staff.getByTestId('order-facts').textContent()).toContain('已作废');
    await b.screenshot(staff, 'order-cancelled');
  });
});
