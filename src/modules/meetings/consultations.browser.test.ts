import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('democratic consultation 协商议事', () => {
  it('a resident comments and votes on the phone; the secretary reads it in the console and prints the notice', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    const list = await apiCall<{ items: { id: number; title: string; commenting: boolean }[] }>(
      phone,
      'GET',
      '/api/consultations',
    );
    // The demo compound's open consultation on adding lifts (seeded, with 赵敏's comment).
    const lift = list.body.items.find((c) => c.commenting && c.title.includes('加装电梯'))!;
    expect(lift).toBeTruthy();
    await phone.goto(`/m/consultations?focus=${lift.id}`);
    const detail = phone.getByTestId(`m-consultation-${lift.id}`);
    await detail.waitFor();
    await expect.poll(() => detail.innerText()).toContain('老人住五楼');
    await detail.locator('[data-testid=m-vote] .adm-selector-item').first().click();
    await expect.poll(() => detail.innerText()).toContain('2 票');
    await phone.locator('[data-testid=m-comment-text] textarea').fill('我家在三楼，同意加装，建议尽快召开居民议事会。');
    await phone.getByTestId('m-comment-send').click();
    await expect.poll(() => detail.innerText()).toContain('建议尽快召开居民议事会');
    await b.screenshot(phone, 'consultations-mobile');

    const page = await b.page();
    await signIn(page, 'secretary');
    await page.goto('/consultations');
    await page.getByTestId(`consultation-link-${lift.id}`).click();
    await page.getByTestId('consultation-page').waitFor();
    // Staff read the real names; the tally shows both votes.
    await expect.poll(() => page.getByTestId('comments').innerText()).toContain('陈秀兰');
    await expect.poll(() => page.getByTestId('tally').innerText()).toContain('2 票');
    await b.screenshot(page, 'consultations-detail');
    await page.goto('/consultations');
    await page.getByTestId('consultation-table').locator('.ant-table-row').first().waitFor();
    await b.screenshot(page, 'consultations-list');
    await page.goto(`/consultations/${lift.id}/notice`);
    await expect.poll(() => page.getByTestId('consultation-notice-page').innerText()).toContain('协商议事公告');
    await b.screenshot(page, 'consultations-notice');

    // The printable invitation of the demo compound's planned four-party meeting: invitees from the structure.
    const planned = await apiCall<{ items: { id: number }[] }>(page, 'GET', '/api/meetings?status=planned');
    await page.goto(`/meetings/${planned.body.items[0]!.id}`);
    await page.getByTestId('meeting-notice').click();
    await expect.poll(() => page.getByTestId('meeting-notice-page').innerText()).toContain('业主委员会');
    await b.screenshot(page, 'meetings-notice');
  });
});
