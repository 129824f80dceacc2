import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';
import { gradeOf, totalScore } from './grading.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

interface Item {
  id: number;
  weight: number;
  maxScore: number;
}

describe('assessment in the console and on the phone', () => {
  it('the street reviews a community organisation in the console and the grade follows the rule', async () => {
    const page = await b.page();
    await signIn(page, 'street_admin');
    const waiting = await apiCall<{ items: { id: number }[] }>(
      page,
      'GET',
      '/api/assessment/assessments?stage=superiorReview',
    );
    const id = waiting.body.items[0]!.id;
    await page.goto('/assessment/standardisation');
    await page.getByTestId('as-table').locator('.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('as-rule').innerText()).toContain('为先进');
    await b.screenshot(page, 'assessment-standardisation');

    await page.goto(`/assessment/assessments/${id}`);
    await page.getByTestId('as-submit').waitFor();
    const detail = await apiCall<{ items: Item[] }>(page, 'GET', `/api/assessment/assessments/${id}`);
    const given = detail.body.items.map((i, k) => ({ ...i, score: Math.max(0, i.maxScore - (k % 3)) }));
    for (const i of given) {
      await page.getByTestId(`as-score-${i.id}`).locator('xpath=descendant-or-self::input').fill(String(i.score));
    }
    await page.getByTestId('as-submit').click();
    await expect.poll(() => page.getByTestId('as-stage').innerText()).toContain('已定级');
    const total = totalScore(given);
    await expect.poll(() => page.getByTestId('as-score').innerText()).toBe(String(total));
    const grade = { advanced: '先进', pass: '达标', lagging: '后进' }[gradeOf(total, { advancedMin: 90, passMin: 70 })];
    await expect.poll(() => page.getByTestId('as-grade').innerText()).toContain(grade);
    await b.screenshot(page, 'assessment-review');

    await page.goto('/assessment/rating');
    await page.getByTestId('as-rating-chart').locator('canvas').waitFor();
    await expect.poll(() => page.getByTestId('as-top').innerText()).toContain('文汇路街道便民服务大厅');
    await b.screenshot(page, 'assessment-rating');
    await page.goto('/assessment/workload');
    await page.getByTestId('as-by-department').locator('.ant-table-row').first().waitFor();
    await b.screenshot(page, 'assessment-workload');
  });

  it('a resident rates a unit on /m once; a second rating in the period is refused', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    const r = await apiCall<{
      periods: { id: number }[];
      units: { id: number; mine: { periodId: number; stars: number | null }[] }[];
    }>(phone, 'GET', '/api/assessment/rateable');
    const periodId = r.body.periods[0]!.id;
    const unit = r.body.units.find((u) => u.mine.find((m) => m.periodId === periodId)?.stars === null)!;
    await phone.goto('/m/rating');
    await phone.getByTestId(`m-unit-${unit.id}`).waitFor();
    await phone.getByTestId(`m-star-${unit.id}-4`).click();
    await phone.locator(`[data-testid=m-comment-${unit.id}] textarea`).fill('窗口排队时间短，工作人员耐心');
    await phone.getByTestId(`m-rate-${unit.id}`).click();
    await phone.getByTestId(`m-rated-${unit.id}`).waitFor();
    await expect.poll(() => phone.getByTestId(`m-rated-${unit.id}`).innerText()).toContain('窗口排队时间短');
    await b.screenshot(phone, 'assessment-mobile-rating');
    const again = await apiCall(phone, 'POST', '/api/assessment/ratings', {
      periodId,
      serviceUnitId: unit.id,
      stars: 1,
    });
    expect(again.status).toBe(409);
    const after = await apiCall<{ units: { id: number; mine: { periodId: number; stars: number | null }[] }[] }>(
      phone,
      'GET',
      '/api/assessment/rateable',
    );
    expect(after.body.units.find((u) => u.id === unit.id)!.mine.find((m) => m.periodId === periodId)!.stars).toBe(4);
  });
});
