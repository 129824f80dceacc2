import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserApp, DEMO_PASSWORD, type BrowserApp, pickOption, signIn } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('mediation in the resident pages and the console', () => {
  it('a resident asks for mediation on the phone; the community sends it to a team, records a session, the agreement and the outcome', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.getByTestId('m-new-mediation').click();
    await phone.locator('[data-testid=m-order-title] input').fill('楼上漏水，维修费用谈不拢');
    await phone.locator('[data-testid=m-order-other-party] input').fill('楼上住户王某');
    await phone.getByTestId('m-order-submit').click();
    await phone.waitForURL(/\/m\/orders\/\d+/);
    const id = Number(/\/m\/orders\/(\d+)/.exec(phone.url())![1]);
    await b.screenshot(phone, 'mediation-mobile-asked');

    const page = await b.page();
    await signIn(page, 'staff');
    await page.goto('/mediation/cases');
    await page.getByTestId(`case-link-${id}`).click();
    await page.getByTestId('mediation-case-page').waitFor();
    await expect.poll(() => page.getByTestId('case-parties').innerText()).toContain('楼上住户王某');
    await page.getByTestId('case-assign').click();
    await page.getByTestId('assign-team').click();
    await pickOption(page);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('case-accept').click();
    await page.getByTestId('session-place').fill('社区说事室');
    await page.getByTestId('session-notes').fill('召集双方拉家常、说事理');
    await page.getByTestId('session-submit').click();
    await page.getByTestId('case-sessions').getByText('召集双方拉家常、说事理').waitFor();
    await page.getByTestId('agreement-text').fill('楼上住户承担维修费用');
    await page.getByTestId('agreement-submit').click();
    await expect.poll(() => page.getByTestId('case-agreement').innerText()).not.toContain('尚未记录调解协议');
    await page.getByTestId('outcome-select').click();
    await pickOption(page);
    await page.getByTestId('outcome-note').fill('双方签订协议，邻里和好');
    await page.getByTestId('outcome-submit').click();
    await page.getByTestId('followup-form').waitFor();
    await expect.poll(() => page.getByTestId('case-outcome').innerText()).toContain('调解成功');
    await expect.poll(() => page.getByTestId('case-timeline').innerText()).toContain('办结');
    await b.screenshot(page, 'mediation-case');

    // The resident sees the case resolved on the phone.
    await phone.reload();
    await expect.poll(() => phone.locator('body').innerText()).toContain('办结');
  });
});
