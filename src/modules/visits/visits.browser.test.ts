import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, DEMO_PASSWORD, pickOption, signIn, type BrowserApp } from '../../test/browser.js';

/** Visits 走访 pages (issue 10 item 13): record with a finding → order, the order tagged 排摸发现, coverage counts it. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
});
afterAll(() => b?.close());

interface Row {
  worker: { id: number };
  assigned: number;
  visited: number;
  visits: number;
  findings: number;
}

async function mobileSignIn(page: Page, username: string) {
  await page.goto('/m/login');
  await page.getByTestId('m-login-phone').locator('input').fill(username);
  await page.getByTestId('m-login-password').locator('input').fill(DEMO_PASSWORD);
  await page.getByTestId('m-login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/m/login'));
}

describe('visits pages', () => {
  it('the grid worker records a visit whose finding becomes an order; orders and coverage show it', async () => {
    const page = await b.page();
    await signIn(page, 'grid_worker');
    const me = (await apiCall<{ me: { id: number } }>(page, 'GET', '/api/auth/session')).body.me;
    const workers = await apiCall<{ items: { id: number; accountId: number | null }[] }>(
      page,
      'GET',
      '/api/grids/workers?pageSize=200',
    );
    const worker = workers.body.items.find((w) => w.accountId === me.id)!;
    expect(worker).toBeTruthy();
    const before = (
      await apiCall<{ month: string; from: string; to: string; items: Row[] }>(page, 'GET', '/api/visits/coverage')
    ).body;
    const rowBefore = before.items.find((r) => r.worker.id === worker.id)!;
    // A liaison household not yet visited this month, so coverage goes up by one.
    const visited = await apiCall<{ items: { territory: { id: number } }[] }>(
      page,
      'GET',
      `/api/visits?workerId=${worker.id}&from=${before.from}&to=${before.to}&assigned=true&pageSize=200`,
    );
    const seen = new Set(visited.body.items.map((v) => v.territory.id));
    const liaisons = await apiCall<{ items: { householdId: number; label: string }[] }>(
      page,
      'GET',
      `/api/grids/workers/${worker.id}/households`,
    );
    const household = liaisons.body.items.find((h) => !seen.has(h.householdId))!;
    expect(household).toBeTruthy();

    // 记录走访 on the console, the finding turned into an order in the same step.
    await page.goto('/visits');
    await page.getByTestId('visit-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('visit-add').click();
    const form = page.getByTestId('visit-form');
    await form.waitFor();
    await form.getByTestId('visit-form-household').click();
    await page.keyboard.type(household.label);
    await pickOption(page, household.label);
    await form.getByTestId('visit-form-note').fill('入户走访，了解老人近况');
    await form.getByTestId('visit-form-finding').fill('楼道堆放杂物，影响消防通道');
    await form.getByTestId('visit-form-to-order').click();
    await form.getByTestId('visit-form-category').click();
    await pickOption(page, '安全');
    await b.screenshot(page, 'visits-form');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await form.waitFor({ state: 'detached' });

    const mine = await apiCall<{ items: { id: number; finding: string | null; order: { id: number } | null }[] }>(
      page,
      'GET',
      `/api/visits?workerId=${worker.id}&territoryId=${household.householdId}&hasOrder=true`,
    );
    const visit = mine.body.items.find((v) => v.finding === '楼道堆放杂物，影响消防通道')!;
    expect(visit.order).toBeTruthy();
    const orderId = visit.order!.id;
    await expect.poll(() => page.getByTestId(`visit-order-${visit.id}`).count()).toBe(1);
    await b.screenshot(page, 'visits-list');

    // The orders list tags it 排摸发现; the link from the visit opens the order.
    await page.goto('/orders?origin=patrol&inbox=all');
    await expect.poll(() => page.getByTestId(`order-origin-patrol-${orderId}`).count()).toBe(1);
    expect(await page.getByTestId(`order-origin-patrol-${orderId}`).textContent()).toBe('排摸发现');
    await page.goto('/visits');
    await page.getByTestId(`visit-order-${visit.id}`).click();
    await page.waitForURL(new RegExp(`/orders/${orderId}$`));

    // Coverage: one more household visited, one more visit and finding; the row drills to the list.
    await page.goto('/visits/coverage');
    const table = page.getByTestId('coverage-table');
    const row = table.locator(`tr[data-row-key="${worker.id}"]`);
    await row.waitFor();
    const after = (await apiCall<{ items: Row[] }>(page, 'GET', '/api/visits/coverage')).body;
    const rowAfter = after.items.find((r) => r.worker.id === worker.id)!;
    expect(rowAfter.visited).toBe(rowBefore.visited + 1);
    expect(rowAfter.visits).toBe(rowBefore.visits + 1);
    expect(rowAfter.findings).toBe(rowBefore.findings + 1);
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe(String(rowAfter.visited));
    await page.getByTestId('coverage-chart').waitFor();
    await b.screenshot(page, 'visits-coverage');
    await page.getByTestId(`coverage-drill-${worker.id}`).click();
    await page.waitForURL(/\/visits\?workerId=/);
    const url = new URL(page.url());
    expect(url.searchParams.get('assigned')).toBe('true');
    expect(url.searchParams.get('from')).toBe(before.from);
    // The drill-down lists as many distinct households as the row counts visited.
    const drilled = await apiCall<{ items: { territory: { id: number } }[] }>(
      page,
      'GET',
      `/api/visits${url.search}&pageSize=200`,
    );
    expect(new Set(drilled.body.items.map((v) => v.territory.id)).size).toBe(rowAfter.visited);

    // The phone: this month's coverage and the record form.
    const phone = await b.page({ mobile: true });
    await mobileSignIn(phone, 'grid_worker');
    await phone.goto('/m/visits');
    const card = phone.getByTestId('m-visits-coverage');
    await expect.poll(() => card.textContent()).toContain(`已走访 ${rowAfter.visited} / ${rowAfter.assigned} 户`);
    await expect.poll(() => phone.getByTestId('m-visits-recent').getByText(`#${orderId}`).count()).toBe(1);
    await b.screenshot(phone, 'visits-mobile');
  }, 300_000);
});
