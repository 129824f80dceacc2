import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

interface Session {
  id: number;
  branch: { id: number };
  attendance: { member: { id: number; name: string } }[];
}

describe('a session of organisational life in the console', () => {
  it('is recorded on the form, approved, and corrected with a reason afterwards; the points follow on the page', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    // The demo compound branch (its year of sessions is seeded): a theme day recorded on the console's form.
    const seeded = await apiCall<{ items: Session[] }>(page, 'GET', '/api/org-life/sessions?pageSize=1');
    const branchId = seeded.body.items[0]!.branch.id;
    await page.goto(`/org-life?branchId=${branchId}&year=${new Date().getFullYear()}`);
    await page.getByTestId('new-session').click();
    await page.getByTestId('new-session-title').fill('主题党日：走访慰问困难党员');
    await b.screenshot(page, 'org-life-new-session');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/org-life\/sessions\/\d+$/);
    await page.getByTestId('org-life-session-page').waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const created = await apiCall<Session>(page, 'GET', `/api/org-life/sessions/${id}`);
    expect(created.body.branch.id).toBe(branchId);
    const { attendance } = created.body;
    expect(attendance.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = attendance.map((r) => r.member.id);
    await expect.poll(() => page.getByTestId('session-status').innerText()).toBe('已召开');
    const counts = () => page.getByTestId('session-counts').innerText();
    await page.getByTestId(`attendance-${first}`).getByText('出席', { exact: true }).click();
    await expect.poll(counts).toContain('实到 1');
    await page.getByTestId(`attendance-${second}`).getByText('出席', { exact: true }).click();
    await expect.poll(counts).toContain('实到 2');
    await page.getByTestId('session-minutes').fill('走访慰问困难党员 3 户，讨论下月志愿服务安排。');
    await page.getByTestId('session-minutes-save').click();
    await page.getByText('已保存').waitFor();
    await b.screenshot(page, 'org-life-session-held');

    // Approved: locked, the members present earn points by the district's rule.
    await page.getByTestId('session-approve').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('session-status').innerText()).toBe('已审定');
    const points = (m: number) => page.getByTestId(`points-${m}`).innerText();
    await expect.poll(async () => Number(await points(first!))).toBeGreaterThan(0);
    const earned = Number(await points(first!));
    expect(await points(third!)).toBe('0');
    await expect.poll(() => page.getByTestId('session-corrections').innerText()).toContain('暂无更正');

    // The first was marked present by mistake: corrected to absent with the reason; the points are reversed.
    await page.getByTestId(`correct-${first}`).click();
    await page.getByTestId('correction-status').getByText('缺席', { exact: true }).click();
    await page.getByTestId('correction-reason').fill('签到表核对：实际未到会');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => points(first!)).toBe('0');
    await expect.poll(() => page.getByTestId(`status-${first}`).innerText()).toBe('缺席');
    const corrections = page.getByTestId('session-corrections');
    await expect.poll(() => corrections.innerText()).toContain('签到表核对：实际未到会');
    expect(await corrections.innerText()).toContain('出席 → 缺席');
    expect(await corrections.innerText()).toContain(`-${earned}`);
    expect(await counts()).toContain('实到 1');

    // The third, absent, came after all: corrected to present and credited.
    await page.getByTestId(`correct-${third}`).click();
    await page.getByTestId('correction-status').getByText('出席', { exact: true }).click();
    await page.getByTestId('correction-reason').fill('会后补签，实际到会');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => points(third!)).toBe(String(earned));
    await expect.poll(() => corrections.innerText()).toContain(`+${earned}`);
    await b.screenshot(page, 'org-life-session-corrected');

    // A correction that changes nothing is refused on the field, in Chinese; nothing is recorded.
    await page.getByTestId(`correct-${first}`).click();
    await page.getByTestId('correction-reason').fill('再次核对');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal').getByText('与原记录相同，无需更正').waitFor();
    await b.screenshot(page, 'org-life-session-refused');
    await page.locator('.ant-modal-footer .ant-btn').first().click();
    const after = await apiCall<{ corrections: unknown[] }>(page, 'GET', `/api/org-life/sessions/${id}`);
    expect(after.body.corrections).toHaveLength(2);
  });
});
