import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

interface Proposal {
  compound: { id: number };
  category: string;
  orderIds: number[];
  existingNeedId: number | null;
}

describe('co-building in the console', () => {
  it('turns recurring orders into a need, matches a resource, runs the project and shows the residents’ rating', async () => {
    // A resident reports the same kind of problem three times at home.
    const phone = await b.page();
    await signIn(phone, 'resident');
    const ids: number[] = [];
    for (const title of ['花坛杂草丛生', '绿化带树木枯死', '草坪被踩秃']) {
      const res = await apiCall<{ id: number }>(phone, 'POST', '/api/orders', {
        kind: 'problem',
        category: 'greening',
        title,
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }

    const page = await b.page();
    await signIn(page, 'staff');
    const proposals = await apiCall<Proposal[]>(page, 'GET', '/api/co-building/need-proposals?minOrders=3&days=30');
    const mine = proposals.body.find((p) => p.category === 'greening' && ids.every((i) => p.orderIds.includes(i)));
    expect(mine).toBeDefined();
    await page.goto('/co-building/needs');
    await page.getByTestId('need-proposals').waitFor();
    await b.screenshot(page, 'co-building-needs');
    await page.getByTestId(`proposal-${mine!.compound.id}-greening`).click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/co-building\/needs\/\d+/);
    const needId = Number(/\/co-building\/needs\/(\d+)/.exec(page.url())![1]);

    // Suggestions with their reasons; accept the first.
    const first = page.locator('[data-testid^=accept-]').first();
    await first.waitFor();
    await expect.poll(() => page.getByTestId('suggestion-table').innerText()).toContain('类别');
    await b.screenshot(page, 'co-building-need-suggestions');
    await first.click();
    await page.getByTestId('decide-reason').fill('就近、对口');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('match-table').innerText()).toContain('已采纳');

    // Start the project from the need.
    await page.getByTestId('need-to-project').click();
    await page.getByTestId('project-owner').fill('社区党委');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/co-building\/projects\/\d+/);
    const projectId = Number(/\/co-building\/projects\/(\d+)/.exec(page.url())![1]);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const task = await apiCall<{ tasks: { id: number }[] }>(
      page,
      'POST',
      `/api/co-building/projects/${projectId}/tasks`,
      {
        title: '补种花草、清理杂草',
        milestone: '整治',
        dueOn: today,
      },
    );
    expect(task.status).toBe(201);
    await page.reload();
    await page.getByTestId(`task-done-${task.body.tasks[0]!.id}`).click();
    await expect.poll(() => page.getByTestId('task-table').innerText()).toContain('已完成');
    await page.getByTestId('project-complete').click();
    await page.getByTestId('project-outcome').fill('花坛整治完成，居民满意');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('co-project-page').innerText()).toContain('花坛整治完成');

    // The resident rates the outcome; the staff see it on the project and the board.
    const rated = await apiCall(phone, 'POST', `/api/co-building/projects/${projectId}/ratings`, { stars: 5 });
    expect(rated.status).toBe(201);
    await page.reload();
    await expect.poll(() => page.getByTestId('project-rating').innerText()).toContain('5 星');
    await b.screenshot(page, 'co-building-project');
    const need = await apiCall<{ status: string }>(page, 'GET', `/api/co-building/needs/${needId}`);
    expect(need.body.status).toBe('met');

    await page.goto('/co-building/projects');
    await page.getByTestId(`project-card-${projectId}`).waitFor();
    await b.screenshot(page, 'co-building-board');
    await page.goto('/co-building/figures');
    await page.getByTestId('figure-projectsOnTime').click();
    await page.waitForURL(/onTime=true/);
    await page.getByTestId(`project-card-${projectId}`).waitFor();
    await page.goto('/co-building/figures');
    await page.getByTestId('co-figures').waitFor();
    await b.screenshot(page, 'co-building-figures');
    await page.goto('/co-building/resources');
    await page.getByTestId('resource-table').locator('.ant-table-row').first().waitFor();
    await b.screenshot(page, 'co-building-resources');
  });
});
