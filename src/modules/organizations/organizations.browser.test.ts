import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, pickOption, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('organisation structure in the console', () => {
  it('a secretary follows a flag to the compound, sets up its branch, and the flag is gone', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    await page.goto('/org-flags');
    const card = page.getByTestId('flags-compoundWithoutBranch');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.getByText('尚未建立小区党支部').count()).toBeGreaterThan(0);
    await b.screenshot(page, 'organizations-flags');
    await card.getByTestId('flag-fix').first().click();
    await page.waitForURL(/\/compounds\?id=/);
    await expect.poll(() => page.getByTestId('party-compoundBranch').getByText('缺失').count()).toBe(1);
    await page.getByTestId('add-branch').click();
    await page.getByTestId('org-form').waitFor();
    // the form comes prefilled: a branch, at this compound, under the community committee
    await expect.poll(() => page.getByTestId('org-form').getByText('中共文亭巷社区委员会').count()).toBe(1);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('party-compoundBranch').getByText('缺失').count()).toBe(0);
    await b.screenshot(page, 'organizations-compound');
    await page.goto('/org-flags');
    await page.getByTestId('flags-page').waitFor();
    await expect.poll(() => page.getByTestId('flags-buildingWithoutLead').count()).toBe(1);
    expect(await page.getByTestId('flags-compoundWithoutBranch').count()).toBe(0);

    // the community branch past 100 members: open it from its flag and upgrade it to a general branch
    const large = page.getByTestId('flags-branchTooLarge');
    await expect.poll(() => large.count()).toBe(1);
    await large.getByTestId('flag-fix').first().click();
    await page.waitForURL(/\/party-orgs\?id=/);
    await page.getByTestId('org-edit').click();
    await page.getByTestId('org-form').waitFor();
    await page.getByTestId('org-form-kind').click();
    await pickOption(page, '党总支');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('org-detail').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: /党总支/ }).count()).toBeGreaterThan(0);
    await page.goto('/org-flags');
    await page.getByTestId('flags-page').waitFor();
    await expect.poll(() => page.getByTestId('flags-buildingWithoutLead').count()).toBe(1);
    expect(await page.getByTestId('flags-branchTooLarge').count()).toBe(0);
  });

  it('a district admin sees the leadership figures drawn and the party organisation tree', async () => {
    const page = await b.page();
    await signIn(page, 'district_admin');
    await page.goto('/leadership');
    await page.getByTestId('leadership-figures').waitFor();
    await expect.poll(() => page.locator('[data-testid=chart-education] canvas').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=chart-age] canvas').count()).toBe(1);
    await expect.poll(() => page.getByTestId('leadership-figures').getByText('100%').count()).toBeGreaterThan(0);
    await b.screenshot(page, 'organizations-leadership');
    await page.goto('/party-orgs');
    await page.getByTestId('org-tree').waitFor();
    await expect.poll(() => page.getByTestId('org-tree').getByText('中共文汇路街道工作委员会').count()).toBe(1);
    await expect.poll(() => page.getByTestId('org-detail').count()).toBe(1);
    await b.screenshot(page, 'organizations-tree');
  });
});
