import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';

/**
 * 揭榜挂帅 end to end (issue 12 points 7 and 9, decision 041): staff of 文亭巷社区 post a challenge, a party member
 * applies to take it, staff pick with a reason for the one not picked, report progress and close it solved; the
 * demo resident 陈秀兰 sees it on /m/co-building and rates it, once.
 */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 120_000);
afterAll(() => b?.close());

describe('揭榜挂帅 pages', () => {
  it('post → apply → pick → report → close solved; the resident sees it on the timeline and rates it', async () => {
    const desk = await b.page();
    await signIn(desk, 'staff');
    // The list with the demo challenges, then the 发榜 of a new one (its place: the staff's community).
    await desk.goto('/co-building/challenges');
    await desk.getByTestId('challenge-table').getByText('背街小巷停车难').waitFor();
    await b.screenshot(desk, 'challenges-list');
    const { body: demo } = await apiCall<{ items: { territory: { id: number } }[] }>(
      desk,
      'GET',
      '/api/co-building/challenges?q=背街小巷',
    );
    const posted = await apiCall<{ id: number }>(desk, 'POST', '/api/co-building/challenges', {
      territoryId: demo.items[0]!.territory.id,
      title: '文亭巷路灯维修揭榜',
      description: '文亭巷5号院至7号院路灯损坏，夜间出行不便',
      category: 'repair',
      deadline: '2099-06-30',
      reward: '社区通报表扬',
    });
    expect(posted.status).toBe(201);
    const id = posted.body.id;
    // A second applicant, so that one is picked and the other needs a reason.
    await apiCall(desk, 'POST', `/api/co-building/challenges/${id}/applicants`, {
      kind: 'cadre',
      name: '李红',
      plan: '联系供电所排期维修',
    });

    await desk.goto(`/co-building/challenges/${id}`);
    await desk.getByTestId('challenge-steps').waitFor();
    // Apply (揭榜) as a party member through the form.
    await desk.getByTestId('challenge-apply').click();
    await desk.getByTestId('challenge-apply-name').fill('赵敏');
    await desk.getByTestId('challenge-apply-plan').fill('组织党员志愿者配合电工逐盏排查更换');
    await desk.getByTestId('challenge-action-ok').click();
    await desk.getByTestId('challenge-applicants').getByText('赵敏').waitFor();
    const { body: d1 } = await apiCall<{ applicants: { id: number; name: string }[] }>(
      desk,
      'GET',
      `/api/co-building/challenges/${id}`,
    );
    const zhao = d1.applicants.find((a) => a.name === '赵敏')!;
    const li = d1.applicants.find((a) => a.name === '李红')!;
    // Pick 赵敏; 李红 not picked, with a reason.
    await desk.getByTestId('challenge-pick').click();
    const box = (aid: number) => desk.getByTestId(`challenge-pick-${aid}`).locator('input[type=checkbox]');
    const toggle = (aid: number) => desk.getByTestId(`challenge-pick-${aid}`).locator('.ant-checkbox-wrapper').click();
    if (!(await box(zhao.id).isChecked())) await toggle(zhao.id);
    if (await box(li.id).isChecked()) await toggle(li.id);
    await desk.getByTestId(`challenge-pick-reason-${li.id}`).fill('供电所已排入年度计划，由党员队伍配合即可');
    await b.screenshot(desk, 'challenge-pick');
    await desk.getByTestId('challenge-action-ok').click();
    await expect.poll(() => desk.getByTestId(`challenge-decision-${li.id}`).innerText()).toContain('未选中');
    // Report progress, then close solved with the outcome and the poster's rating.
    await desk.getByTestId('challenge-report').click();
    await desk.getByTestId('challenge-report-text').fill('已更换路灯8盏，剩余3盏待供电所接线');
    await desk.getByTestId('challenge-action-ok').click();
    await desk
      .getByTestId('challenge-reports')
      .getByText('已更换路灯8盏', { exact: false })
      .waitFor({ timeout: 90_000 });
    await desk.getByTestId('challenge-close').click();
    await desk.getByTestId('challenge-close-outcome').fill('11盏路灯全部恢复照明');
    await desk.getByTestId('challenge-action-ok').click();
    await expect.poll(() => desk.getByTestId('challenge-status').first().innerText()).toBe('已攻克');
    await b.screenshot(desk, 'challenge-solved');
    const { body: done } = await apiCall<{ status: string; takers: string[]; posterStars: number }>(
      desk,
      'GET',
      `/api/co-building/challenges/${id}`,
    );
    expect(done).toMatchObject({ status: 'solved', takers: ['赵敏'], posterStars: 5 });

    // The resident: the challenge on the community timeline, then rated 4 stars, once.
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    await phone.goto('/m/co-building');
    await phone.getByTestId(`m-co-entry-challenge-${id}`).waitFor();
    await b.screenshot(phone, 'co-timeline');
    await phone.getByTestId(`m-co-step-challenge-${id}-outcome`).click();
    await phone.waitForURL(new RegExp(`/m/co-building/challenges/${id}$`));
    await phone.getByTestId('m-co-outcome').waitFor();
    await phone.getByTestId('m-co-star-4').click();
    await phone.getByTestId('m-co-rate-submit').click();
    await phone.getByTestId('m-co-rated').waitFor();
    await b.screenshot(phone, 'co-challenge-rated');
    const again = await apiCall(phone, 'POST', `/api/co-building/challenges/${id}/ratings`, { stars: 1 });
    expect(again.status).toBe(409);
    const { body: rated } = await apiCall<{ ratingCount: number; ratingAverage: number }>(
      desk,
      'GET',
      `/api/co-building/challenges/${id}`,
    );
    expect(rated).toMatchObject({ ratingCount: 1, ratingAverage: 4 });
  }, 360_000);
});
