import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 240_000);
afterAll(() => b?.close());

describe('party-building alliances and agreements in the console', () => {
  it('opens the demo alliance, adds a part-time member, and lists agreements with deliverable states', async () => {
    const page = await b.page();
    await signIn(page, 'staff');
    await page.goto('/co-building/alliances');
    const link = page.locator('[data-testid^=alliance-link-]').first();
    await link.waitFor();
    await b.screenshot(page, 'co-building-alliances');
    await link.click();
    await page.getByTestId('alliance-members').waitFor();
    await expect.poll(() => page.getByTestId('alliance-chair').innerText()).not.toBe('—');
    await expect.poll(() => page.getByTestId('alliance-agreements').innerText()).toContain('履约');

    // Add a part-time member from a member unit.
    await page.getByTestId('alliance-add-member').click();
    await page.getByTestId('alliance-action-unit').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('alliance-member-name').fill('马晓东');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await page.getByTestId('alliance-action-day').click();
    await page.keyboard.type(today);
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('alliance-members').innerText()).toContain('马晓东');
    await b.screenshot(page, 'co-building-alliance');

    await page.goto('/co-building/agreements');
    await page.getByTestId('agreement-table').locator('.ant-table-row-expand-icon').first().waitFor();
    await page.getByTestId('agreement-table').locator('.ant-table-row-expand-icon').first().click();
    await expect.poll(() => page.getByTestId('agreement-table').innerText()).toContain('按期完成');
    await b.screenshot(page, 'co-building-agreements');
  }, 120_000);
});
