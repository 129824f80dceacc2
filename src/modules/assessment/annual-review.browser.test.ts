import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, signIn, type BrowserApp } from '../../test/browser.js';
import { reviewScore } from './grading.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

interface Review {
  id: number;
  org: { name: string };
  score: number | null;
  groups: { kind: 'member' | 'resident' | 'superior'; weight: number; n: number; mean: number | null }[];
  may: { rate: boolean; rateAs: string | null };
  myRating: { score: number } | null;
}

describe('residents rate a 述职 on /m (decision 045)', () => {
  it('a resident scores the secretary’s report once; the console’s score and its drill-down follow', async () => {
    const phone = await b.page({ mobile: true });
    await phone.goto('/m/login');
    await phone.locator('[data-testid=m-login-phone] input').fill('resident');
    await phone.locator('[data-testid=m-login-password] input').fill(DEMO_PASSWORD);
    await phone.getByTestId('m-login-submit').click();
    await phone.waitForURL((u) => !u.pathname.startsWith('/m/login'));
    const listed = await apiCall<Review[]>(phone, 'GET', '/api/assessment/annual-reviews');
    const open = listed.body.find((r) => r.may.rate)!;
    expect(open.may.rateAs).toBe('resident');

    await phone.goto('/m/rating');
    await phone.getByTestId('m-reviews-link').click();
    await phone.waitForURL(/\/m\/annual-reviews$/);
    const card = phone.getByTestId(`m-review-${open.id}`);
    await card.waitFor();
    await expect.poll(() => card.innerText()).toContain(open.org.name);
    await phone.getByTestId(`m-review-grade-${open.id}-70`).click();
    await expect.poll(() => phone.getByTestId(`m-review-score-${open.id}`).innerText()).toBe('70 分');
    await phone.locator(`[data-testid=m-review-comment-${open.id}] textarea`).fill('小区停车还是难，希望明年解决');
    await b.screenshot(phone, 'assessment-mobile-review-form');
    await phone.getByTestId(`m-review-submit-${open.id}`).click();
    await phone.getByTestId(`m-review-mine-${open.id}`).waitFor();
    await expect.poll(() => phone.getByTestId(`m-review-mine-${open.id}`).innerText()).toContain('70');
    await b.screenshot(phone, 'assessment-mobile-review-rated');
    // Once per resident: the form is gone and the API refuses a second score.
    expect(await phone.getByTestId(`m-review-submit-${open.id}`).count()).toBe(0);
    const again = await apiCall(phone, 'POST', `/api/assessment/annual-reviews/${open.id}/ratings`, { score: 100 });
    expect(again.status).toBe(409);

    // The console: the score is computed from the ratings by the stated formula, and opens the ratings behind it.
    const page = await b.page();
    await signIn(page, 'street_admin');
    const seen = (await apiCall<Review>(page, 'GET', `/api/assessment/annual-reviews/${open.id}`)).body;
    expect(seen.groups.find((g) => g.kind === 'resident')).toMatchObject({ n: 1, mean: 70 });
    const expected = reviewScore(seen.groups.map((g) => ({ weight: g.weight, n: g.n, sum: (g.mean ?? 0) * g.n })));
    expect(seen.score).toBe(expected);
    await page.goto('/assessment/tasks?tab=reviews');
    await expect.poll(() => page.getByTestId(`as-review-score-${open.id}`).innerText()).toContain(String(expected));
    await page.getByTestId(`as-review-drill-${open.id}`).click();
    const drill = page.getByTestId('as-review-ratings');
    await drill.locator('.ant-table-row', { hasText: '小区停车还是难' }).waitFor();
    await expect.poll(() => drill.innerText()).toContain('群众代表');
    expect(await drill.innerText()).not.toContain('resident');
    await page.waitForTimeout(500); // the dialog's opening animation, for the screenshot
    await b.screenshot(page, 'assessment-review-drill');
  });
});
