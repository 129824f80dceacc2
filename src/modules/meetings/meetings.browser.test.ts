import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, pickOption, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

const DAY = 86_400_000;
const ymd = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('meetings in the console', () => {
  it('a four-party meeting takes up a hotspot of real orders, decides, and tracks an action item to done', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    // The demo four-party body's compound: residents report the same problem there three times.
    const seeded = await apiCall<{ items: { id: number; territory: { id: number; name: string } }[] }>(
      page,
      'GET',
      '/api/meetings?typeKey=fourParty',
    );
    const compound = seeded.body.items[0]!.territory;
    const resident = await b.page();
    await signIn(resident, 'resident');
    for (const title of ['小区东门乱停车堵住消防通道', '电动车占用消防通道', '夜间外来车辆乱停'])
      expect(
        (
          await apiCall(resident, 'POST', '/api/orders', {
            kind: 'problem',
            category: 'parking',
            title,
            territoryId: compound.id,
          })
        ).status,
      ).toBe(201);

    const created = await apiCall<{ id: number }>(page, 'POST', '/api/meetings', {
      typeKey: 'fourParty',
      territoryId: compound.id,
      title: '四方联动专题会：停车治理',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      place: '小区党群服务站',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    await page.goto('/meetings');
    await page.getByTestId(`meeting-link-${id}`).click();
    await page.getByTestId('meeting-page').waitFor();
    await page.getByTestId('sign-in-code').waitFor();
    await expect.poll(() => page.getByTestId('invitees').innerText()).toContain('业主委员会');
    // The hotspot proposal of the three parking reports.
    const proposals = page.getByTestId('proposals');
    const row = proposals.locator('.ant-list-item', { hasText: '停车' }).first();
    await row.waitFor();
    await b.screenshot(page, 'meetings-meeting-proposals');
    await row.getByRole('button').click();
    // The body's undone items of the seeded meeting open the agenda; the hotspot comes after them.
    const card = page.locator('[data-testid^=agenda-]').filter({ hasText: '热点问题' });
    await card.waitFor();
    await expect.poll(() => page.locator('[data-testid^=agenda-]').first().innerText()).toContain('上次未办结');

    await page.getByTestId('meeting-hold').click();
    await expect.poll(() => page.getByTestId('meeting-status').innerText()).toBe('已召开');
    await card
      .locator('[data-testid^=minutes-]')
      .first()
      .fill('物业公司提出划定临时停车位，业委会同意，网格员负责劝导。');
    await card.locator('[data-testid^=minutes-save-]').click();
    await card.locator('[data-testid^=decision-input-]').fill('物业公司两周内划定临时停车位并清理消防通道');
    await card.locator('[data-testid^=decision-add-]').click();
    const decision = card.locator('[data-testid^=decision-]').filter({ hasText: '两周内' }).first();
    await decision.waitFor();
    await decision.getByRole('button', { name: /添加督办事项/ }).click();
    await decision.locator('[data-testid^=act-title-]').fill('划定临时停车位');
    await decision.locator('[data-testid^=act-owner-]').click();
    await pickOption(page, '单位');
    await decision
      .locator('[data-testid^=act-due-]')
      .locator('xpath=descendant-or-self::input')
      .fill(ymd(new Date(Date.now() + 14 * DAY)));
    await decision.locator('[data-testid^=act-due-]').locator('xpath=descendant-or-self::input').press('Enter');
    // Enter both picks the date and submits the inline form; submit by the button if it is still open.
    const add = decision.locator('[data-testid^=act-add-]');
    await expect
      .poll(
        async () =>
          (await decision.innerText()).includes('划定临时停车位') ||
          (await add.click({ timeout: 1000 }).then(
            () => false,
            () => false,
          )),
      )
      .toBe(true);
    await expect.poll(() => decision.getByTestId('action-items').innerText()).toContain('划定临时停车位');

    // The action item creates a service order whose status shows live, then is done with evidence.
    await decision.locator('[data-testid^=act-order-]').first().click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => decision.getByTestId('action-items').innerText()).toContain('待派单');
    await decision.locator('[data-testid^=act-done-]').first().click();
    await page.getByTestId('act-evidence').fill('临时停车位 24 个已划线，消防通道已清理（照片存档）');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => decision.getByTestId('action-items').innerText()).toContain('已办结');

    await page.getByTestId('meeting-approve').click();
    await expect.poll(() => page.getByTestId('meeting-status').innerText()).toBe('纪要已审定');
    await b.screenshot(page, 'meetings-meeting');

    await page.getByTestId('meeting-print').click();
    await page.getByTestId('meeting-print-page').waitFor();
    await expect.poll(() => page.locator('.minutes-sheet').innerText()).toContain('划定临时停车位');
    await b.screenshot(page, 'meetings-print');

    await page.goto('/meetings');
    await page.getByTestId('meeting-table').locator('tbody tr.ant-table-row').first().waitFor();
    await b.screenshot(page, 'meetings-list');
    await page.goto('/meetings/action-items');
    await page.getByRole('tab', { name: '已超期' }).click();
    await expect.poll(() => page.getByTestId('action-items').innerText()).toContain('充电桩选址报批');
    await b.screenshot(page, 'meetings-action-items');
    await page.goto('/org-life');
    await page.getByTestId('org-life-branches').locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('org-life-branches').innerText()).toContain('党小组会');
    await page.getByTestId('org-life-branches').locator('[data-testid^=drill-]').first().click();
    await page.getByTestId('org-life-sessions').locator('tbody tr.ant-table-row').first().waitFor();
    await b.screenshot(page, 'meetings-org-life');
  });

  it('an invited grid worker signs in on the phone with the meeting code and reads the minutes of the meeting attended', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('grid_worker');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    await phone.goto('/m/meetings');
    const card = phone.locator('[data-testid^=m-meeting-]').filter({ hasText: '（本月）' });
    await card.waitFor();
    await card.locator('[data-testid^=m-code-]').locator('xpath=descendant-or-self::input').fill('246802');
    await card.locator('[data-testid^=m-sign-in-]').click();
    await expect.poll(() => card.innerText()).toContain('已签到');
    // Last month's meeting, attended and approved: its minutes are shown.
    await expect.poll(() => phone.getByTestId('m-meetings').innerText()).toContain('每日清运两次');
    await b.screenshot(phone, 'meetings-mobile');
  });
});
