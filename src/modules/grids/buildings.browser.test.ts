import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, type BrowserApp, pickOption, signIn } from '../../test/browser.js';

let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

describe('楼栋 buildings page (一名党员一栋楼)', () => {
  it('a community secretary sets the building lead and the responsible party member of a building without one', async () => {
    const page = await b.page();
    await signIn(page, 'secretary');
    await page.goto('/grids/buildings');
    const table = page.getByTestId('building-table');
    await table.waitFor();
    await page.getByTestId('building-filter').getByRole('checkbox').check();
    await page.getByTestId('building-filter-submit').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const first = table.locator('tbody tr.ant-table-row').first();
    const buildingId = Number((await first.getAttribute('data-row-key')) ?? 'NaN');
    expect(buildingId).toBeGreaterThan(0);

    await page.getByTestId(`building-edit-${buildingId}`).click();
    await page.getByTestId('building-form').waitFor();
    await page.getByTestId('building-form-lead').fill('韩楼长');
    await page.getByTestId('building-form-responsible').click();
    const memberName = (await pickOption(page)).replace(/（.*$/, '');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('building-form').waitFor({ state: 'hidden' });

    // Shown in the list (without the filter) and recorded by the API.
    await page.getByTestId('building-filter').getByRole('checkbox').uncheck();
    await page.getByTestId('building-filter-submit').click();
    const row = table.locator(`tr[data-row-key="${buildingId}"]`);
    await expect.poll(() => row.textContent()).toContain('韩楼长');
    await expect.poll(() => row.textContent()).toContain(memberName);
    await b.screenshot(page, 'grids-buildings');

    const list = await apiCall<{ items: { buildingId: number; lead: unknown; responsibleMember: unknown }[] }>(
      page,
      'GET',
      '/api/grids/buildings?withoutLead=false&pageSize=200',
    );
    expect(list.body.items.find((x) => x.buildingId === buildingId)).toMatchObject({
      lead: { name: '韩楼长' },
      responsibleMember: { name: memberName },
    });
    const flags = await apiCall<{ items: { territory: { id: number } }[] }>(
      page,
      'GET',
      '/api/organizations/flags?kind=buildingWithoutLead&pageSize=200',
    );
    expect(flags.body.items.some((f) => f.territory.id === buildingId)).toBe(false);
  });
});
