import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, type BrowserApp, pickOption, signIn } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('dual registration 双报到 in the console', () => {
  it('the member registers with their community, the community staff confirm, and the member is on the roster', async () => {
    // Two browser profiles: the in-service member and the community worker.
    const member = await b.page();
    const staff = await b.page();
    await signIn(member, 'party_member');
    await signIn(staff, 'staff');

    // the roster does not hold the member yet (their home branch is at their workplace, elsewhere)
    await staff.goto('/party-members');
    await staff.getByTestId('member-filter-q').fill('赵敏');
    await staff.getByTestId('member-filter-submit').click();
    await staff.getByTestId('members-table').locator('.ant-empty-description').waitFor();
    expect(await staff.getByTestId('members-table').locator('tbody tr.ant-table-row').count()).toBe(0);

    await member.goto('/party-members/my-registration');
    await member.getByTestId('registration-form').waitFor();
    await member.getByTestId('registration-community').click();
    await member.keyboard.type('文亭巷');
    await pickOption(member, '文亭巷社区');
    await member.getByPlaceholder('说明（如：居住在某小区某楼）').fill('住在文亭巷小区');
    await member.getByTestId('registration-submit').click();
    await expect.poll(() => member.getByTestId('my-registrations').getByTestId('status-pending').count()).toBe(1);
    await b.screenshot(member, 'party-members-my-registration-pending');

    await staff.goto('/party-members/registrations');
    const row = staff.getByTestId('registrations-table').locator('tbody tr', { hasText: '赵敏' });
    await row.waitFor();
    await b.screenshot(staff, 'party-members-registrations-pending');
    await row.locator('[data-testid^=confirm-]').click();
    await expect
      .poll(() => staff.getByTestId('registrations-table').locator('tbody tr', { hasText: '赵敏' }).count())
      .toBe(0);
    // the member's own note stays on the confirmed registration (issue 10 point 15)
    await staff.getByRole('tab', { name: '已确认' }).click();
    const done = staff.getByTestId('registrations-table').locator('tbody tr', { hasText: '赵敏' });
    await done.waitFor();
    expect(await done.getByTestId('reg-note').textContent()).toBe('住在文亭巷小区');
    await b.screenshot(staff, 'party-members-registrations-confirmed');

    await staff.goto('/party-members');
    await staff.getByTestId('member-filter-q').fill('赵敏');
    await staff.getByTestId('member-filter-submit').click();
    const onRoster = staff.getByTestId('members-table').locator('tbody tr.ant-table-row', { hasText: '赵敏' });
    await expect.poll(() => onRoster.count()).toBe(1);
    expect(await onRoster.getByTestId('via-registration').count()).toBe(1);
    expect(await onRoster.innerText()).toContain('文亭巷社区');
    await b.screenshot(staff, 'party-members-roster');

    await member.reload();
    await expect.poll(() => member.getByTestId('my-registrations').getByTestId('status-confirmed').count()).toBe(1);
  });
});
