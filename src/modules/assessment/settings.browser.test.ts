import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('assessment settings 考评设置 (decision 037)', () => {
  it('the street creates a checklist with an item and a rating period through the forms', async () => {
    const page = await b.page();
    await signIn(page, 'street_admin');
    await page.goto('/assessment/settings');
    await page.getByTestId('as-checklists').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('as-new-checklist').click();
    const form = page.getByTestId('as-checklist-form');
    await form.getByTestId('as-checklist-title').fill('阵地建设规范化清单（测试）');
    await form.getByTestId('as-item-title-0').fill('党群服务中心面积不少于500平方米');
    await b.screenshot(page, 'assessment-settings-checklist-form');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await expect
      .poll(async () => {
        const r = await apiCall<{ items: { id: number; title: string }[] }>(
          page,
          'GET',
          '/api/assessment/checklists?q=阵地建设规范化清单（测试）',
        );
        return r.body.items.length;
      })
      .toBe(1);
    const created = await apiCall<{ items: { id: number }[] }>(
      page,
      'GET',
      '/api/assessment/checklists?q=阵地建设规范化清单（测试）',
    );
    const one = await apiCall<{ items: { title: string; weight: number; evidenceRequired: boolean }[] }>(
      page,
      'GET',
      `/api/assessment/checklists/${created.body.items[0]!.id}`,
    );
    expect(one.body.items).toEqual([
      expect.objectContaining({ title: '党群服务中心面积不少于500平方米', weight: 10, evidenceRequired: true }),
    ]);
    await b.screenshot(page, 'assessment-settings-checklists');

    await page.getByTestId('as-settings-periods').click();
    await page.getByTestId('as-new-period').click();
    await page.getByTestId('as-period-name').fill('2026年第四季度西宁评议（测试）');
    await page.getByTestId('as-period-starts').fill('2026-10-01');
    await page.getByTestId('as-period-ends').fill('2026-12-31');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await page.getByTestId('as-periods').getByText('2026年第四季度西宁评议（测试）').waitFor();
    const periods = await apiCall<{ name: string; supervisorWeight: number }[]>(
      page,
      'GET',
      '/api/assessment/rating-periods',
    );
    expect(periods.body).toContainEqual(
      expect.objectContaining({ name: '2026年第四季度西宁评议（测试）', supervisorWeight: 30 }),
    );
    await b.screenshot(page, 'assessment-settings-periods');
  });

  it('the street edits a checklist (with a field error on the way) and a rating period; the changes are saved', async () => {
    const page = await b.page();
    await signIn(page, 'street_admin');
    const made = await apiCall<{ id: number; items: { id: number }[] }>(page, 'POST', '/api/assessment/checklists', {
      domain: 'services',
      title: '服务群众规范化清单（编辑测试）',
      year: 2026,
      items: [
        { title: '为民办事清单公开', weight: 60, maxScore: 10, evidenceRequired: true },
        { title: '居民满意度测评', weight: 40, maxScore: 10 },
      ],
    });
    expect(made.status).toBe(201);
    const period = await apiCall<{ id: number }>(page, 'POST', '/api/assessment/rating-periods', {
      name: '2027年上半年西宁评议（编辑测试）',
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
    });
    expect(period.status).toBe(201);

    await page.goto('/assessment/settings?tab=checklists');
    await page.getByTestId('as-checklists').locator('.ant-table-row').first().waitFor();
    // A checklist kept by the district is read-only for the street: no 编辑 on it.
    const district = await apiCall<{ items: { id: number; mayEdit: boolean }[] }>(
      page,
      'GET',
      '/api/assessment/checklists?pageSize=100',
    );
    const readOnly = district.body.items.find((c) => !c.mayEdit);
    if (readOnly) expect(await page.getByTestId(`as-edit-checklist-${readOnly.id}`).count()).toBe(0);

    await page.getByTestId(`as-edit-checklist-${made.body.id}`).click();
    const form = page.getByTestId('as-checklist-form');
    await form.getByTestId('as-checklist-title').waitFor();
    expect(await form.getByTestId('as-checklist-title').inputValue()).toBe('服务群众规范化清单（编辑测试）');
    await form.getByTestId('as-checklist-title').fill('服务群众规范化清单（已修订）');
    await form.getByTestId('as-item-weight-1').fill('20');
    await form.getByTestId('as-item-add').click();
    await form.getByTestId('as-item-title-2').fill('党员志愿服务常态化');
    // The pass line above the advanced line: the API's message lands under the field.
    await form.getByTestId('as-checklist-pass').fill('95');
    const save = () =>
      page
        .getByRole('button', { name: '保 存' })
        .or(page.getByRole('button', { name: '保存' }))
        .click();
    await save();
    await form.getByText('“先进”分数线须高于“达标”分数线').waitFor();
    await b.screenshot(page, 'assessment-settings-checklist-edit-error');
    await form.getByTestId('as-checklist-pass').fill('75');
    await save();
    await expect
      .poll(async () => {
        const r = await apiCall<{ title: string }>(page, 'GET', `/api/assessment/checklists/${made.body.id}`);
        return r.body.title;
      })
      .toBe('服务群众规范化清单（已修订）');
    const one = await apiCall<{
      passMin: number;
      items: { id: number; title: string; weight: number }[];
    }>(page, 'GET', `/api/assessment/checklists/${made.body.id}`);
    expect(one.body.passMin).toBe(75);
    expect(one.body.items.map((i) => [i.title, i.weight])).toEqual([
      ['为民办事清单公开', 60],
      ['居民满意度测评', 20],
      ['党员志愿服务常态化', 10],
    ]);
    // The kept items are the same records (their ids stay), the new one is added.
    expect(one.body.items.slice(0, 2).map((i) => i.id)).toEqual(made.body.items.map((i) => i.id));
    await page.getByTestId('as-checklists').getByText('服务群众规范化清单（已修订）').waitFor();
    await b.screenshot(page, 'assessment-settings-checklist-edited');

    await page.getByTestId('as-settings-periods').click();
    await page.getByTestId(`as-edit-period-${period.body.id}`).click();
    await page.getByTestId('as-period-weight').fill('45');
    await page.getByTestId('as-period-ends').fill('2027-07-31');
    await b.screenshot(page, 'assessment-settings-period-edit');
    await save();
    await page.getByTestId('as-periods').getByText('45%').waitFor();
    const periods = await apiCall<{ id: number; supervisorWeight: number; endsOn: string }[]>(
      page,
      'GET',
      '/api/assessment/rating-periods',
    );
    expect(periods.body.find((p) => p.id === period.body.id)).toMatchObject({
      supervisorWeight: 45,
      endsOn: '2027-07-31',
    });
    await b.screenshot(page, 'assessment-settings-periods-edited');
  });
});
