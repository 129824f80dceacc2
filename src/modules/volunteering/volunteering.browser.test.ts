import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

const MIN = 60_000;

describe('volunteering in the browser', () => {
  it('a resident signs up on the phone, checks in and out with the organiser’s QR codes; the organiser confirms hours; points show on /m', async () => {
    const console = await b.page();
    await signIn(console, 'secretary');
    const me = await apiCall<{ me: { territory: { id: number } } }>(console, 'GET', '/api/auth/session');
    const created = await apiCall<{ id: number; shifts: { id: number }[] }>(
      console,
      'POST',
      '/api/volunteering/activities',
      {
        kind: 'volunteer',
        title: '楼道清理志愿服务',
        territoryId: me.body.me.territory.id,
        place: '文亭巷社区1号楼',
        lng: 101.7578,
        lat: 36.6232,
        shifts: [
          {
            label: '下午',
            startsAt: new Date(Date.now() - 10 * MIN).toISOString(),
            endsAt: new Date(Date.now() + 120 * MIN).toISOString(),
            capacity: 5,
          },
        ],
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id } = created.body;
    const shiftId = created.body.shifts[0]!.id;

    // The resident signs up on the phone.
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    await phone.goto('/m/volunteering');
    await phone.getByTestId(`m-vol-signup-${shiftId}`).click();
    await expect.poll(() => phone.getByTestId(`m-vol-status-${shiftId}`).innerText()).toBe('已报名');
    await b.screenshot(phone, 'volunteering-mobile-activities');

    // The organiser's page shows the check-in QR code; its link is what the phone's camera opens.
    await console.goto(`/volunteering/activities/${id}`);
    await console.getByTestId(`vol-qr-in-${shiftId}`).click();
    const url = await console.locator('[data-testid=vol-qr-url]').inputValue();
    await b.screenshot(console, 'volunteering-qr');
    await phone.goto(new URL(url).pathname + new URL(url).search);
    await phone.getByTestId(`m-vol-check-${shiftId}`).click();
    await expect.poll(() => phone.getByTestId(`m-vol-status-${shiftId}`).innerText()).toBe('已签到');
    const out = await apiCall<{ url: string }>(
      console,
      'GET',
      `/api/volunteering/activities/${id}/qr?shiftId=${shiftId}&direction=out`,
    );
    await phone.goto(out.body.url);
    await phone.getByTestId(`m-vol-check-${shiftId}`).click();
    await expect.poll(() => phone.getByTestId(`m-vol-status-${shiftId}`).innerText()).toBe('已签退');

    // The organiser confirms two hours in the console.
    await console.keyboard.press('Escape');
    await console.reload();
    const detail = await apiCall<{ signups: { id: number; name: string }[] }>(
      console,
      'GET',
      `/api/volunteering/activities/${id}`,
    );
    const signupId = detail.body.signups[0]!.id;
    await console.getByTestId(`vol-confirm-${signupId}`).click();
    await console.locator('[data-testid=vol-minutes] input, input[data-testid=vol-minutes]').first().fill('120');
    await console.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => console.getByTestId('vol-signups').innerText()).toContain('时长已确认');
    await b.screenshot(console, 'volunteering-activity');

    // Hours and points (城西区's rule: 2 points an hour) on the phone.
    await phone.goto('/m/volunteering?tab=points');
    await expect.poll(() => phone.getByTestId('m-vol-points').innerText()).toContain('累计');
    await expect.poll(() => phone.getByTestId('m-volunteering').innerText()).toContain('+4');
    await b.screenshot(phone, 'volunteering-mobile-points');
    await phone.goto('/m/volunteering?tab=hours');
    await expect.poll(() => phone.getByTestId('m-vol-hours').innerText()).toMatch(/\d/);
    await phone.getByTestId('m-vol-certificate-link').click();
    await expect.poll(() => phone.getByTestId('m-vol-certificate').innerText()).toContain('楼道清理志愿服务');
    await b.screenshot(phone, 'volunteering-mobile-certificate');

    // The console's teams and points pages render the demo data.
    await console.goto('/volunteering/teams');
    await expect.poll(() => console.getByTestId('team-table').innerText()).toContain('党员突击队');
    await b.screenshot(console, 'volunteering-teams');
    await console.goto('/volunteering/points');
    await expect.poll(() => console.getByTestId('points-table').innerText()).toContain('待审核');
    await b.screenshot(console, 'volunteering-points');
  });
});
