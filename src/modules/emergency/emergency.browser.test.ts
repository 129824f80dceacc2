import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('emergency mode and river patrols in the browser', () => {
  it('the street opens the flood drill board: coverage per building, posts and tasks', async () => {
    const page = await b.page();
    await signIn(page, 'street_admin');
    await page.goto('/emergency');
    await page.getByTestId('em-events').getByText('2026年主汛期防汛应急演练').click();
    await page.getByTestId('em-coverage-chart').waitFor();
    await expect.poll(() => page.getByTestId('em-totals').innerText()).toContain('%');
    await expect.poll(() => page.getByTestId('em-posts').innerText()).toContain('党员责任区');
    await b.screenshot(page, 'emergency-board');
  });

  it('the river page draws the river and routes and lists the station with its alerts', async () => {
    const page = await b.page();
    await signIn(page, 'staff');
    await page.goto('/river');
    await page.getByTestId('river-map').waitFor();
    await expect.poll(() => page.getByTestId('river-stations').innerText()).toContain('湟水河文亭巷监测站');
    await b.screenshot(page, 'river-map');
    await page.goto('/river/alerts');
    await expect.poll(() => page.getByTestId('river-alerts').innerText()).toContain('水位');
    await b.screenshot(page, 'river-alerts');
  });

  it('a party member checks in to an emergency task on the phone', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('party_member');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    const tasks = await apiCall<{ id: number; title: string }[]>(phone, 'GET', '/api/emergency/my-tasks');
    const task = tasks.body.find((x) => x.title === '转移低洼院落独居老人')!;
    await phone.goto('/m/emergency');
    await phone.getByTestId(`m-check-in-${task.id}`).click();
    await phone.locator('.adm-dialog-footer button').last().click();
    await expect.poll(() => phone.getByTestId(`m-task-${task.id}`).innerText()).toContain('已打卡');
    await b.screenshot(phone, 'emergency-mobile-tasks');
  });
});
