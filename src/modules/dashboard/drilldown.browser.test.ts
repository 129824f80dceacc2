import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

/**
 * The dashboard's drill-down into the structure pages (issue 16 item 1): the flags page reads `territoryId` and
 * `kind` from the URL as removable tags; the party-organisation page keeps its place filter in the URL.
 */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 240_000);
afterAll(() => b?.close());

const number = (s: string) => Number(s.replace(/[^\d.]/g, ''));

describe('drill-down from the dashboard into the structure pages', () => {
  it(
    'opens the flags filtered by the node, as removable tags, with the figure as total',
    { timeout: 120_000 },
    async () => {
      const page = await b.page();
      await signIn(page, 'street_admin');
      await page.goto('/dashboard');
      const card = page.getByTestId('figure-organizations.flags');
      await card.waitFor();
      const shown = number(await card.locator('.ant-statistic-content').innerText());
      await card.click();
      await page.waitForURL(/\/org-flags\?territoryId=\d+/);
      const territoryId = Number(new URL(page.url()).searchParams.get('territoryId'));
      const node = await apiCall<{ name: string }>(page, 'GET', `/api/territories/${territoryId}`);
      await expect.poll(() => page.getByTestId('flags-filter-territory').innerText()).toContain(node.body.name);
      await expect
        .poll(async () =>
          number(
            // The page's total (the first tag, in its title) is the figure clicked.
            await page.getByTestId('flags-page').locator('.ant-tag').first().innerText(),
          ),
        )
        .toBe(shown);
      await b.screenshot(page, 'drill-flags-node');

      // One kind of flag, from the URL: only its card, a second tag; closing it keeps the node.
      const counts = await apiCall<{ counts: Record<string, number> }>(
        page,
        'GET',
        `/api/organizations/flags?pageSize=1&territoryId=${territoryId}`,
      );
      const kind = Object.entries(counts.body.counts).find(([, n]) => n > 0)?.[0] ?? 'compoundWithoutBranch';
      await page.goto(`/org-flags?territoryId=${territoryId}&kind=${kind}`);
      await page.getByTestId('flags-filter-kind').waitFor();
      await expect.poll(() => page.locator('[data-testid^=flags-table-]').count()).toBe(1);
      await page.getByTestId(`flags-table-${kind}`).waitFor();
      await b.screenshot(page, 'drill-flags-kind');
      await page.getByTestId('flags-filter-kind').locator('.ant-tag-close-icon').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBeNull();
      expect(new URL(page.url()).searchParams.get('territoryId')).toBe(String(territoryId));
      await page.getByTestId('flags-filter-territory').locator('.ant-tag-close-icon').click();
      await expect.poll(() => new URL(page.url()).search).toBe('');
      await expect.poll(() => page.getByTestId('flags-filters').count()).toBe(0);
    },
  );

  it('opens the party organisations on the node and keeps the place in the URL', { timeout: 120_000 }, async () => {
    const page = await b.page();
    await signIn(page, 'street_admin');
    await page.goto('/dashboard');
    const card = page.getByTestId('figure-organizations.partyOrgs');
    await card.waitFor();
    await card.click();
    await page.waitForURL(/\/party-orgs\?territoryId=\d+/);
    const territoryId = Number(new URL(page.url()).searchParams.get('territoryId'));
    const node = await apiCall<{ name: string }>(page, 'GET', `/api/territories/${territoryId}`);
    const tree = page.getByTestId('org-tree');
    await tree.waitFor();
    await expect.poll(() => page.getByTestId('party-orgs-page').innerText()).toContain(node.body.name);
    // Selecting an organisation keeps the place; a reload opens the same filtered tree and selection.
    await tree.locator('.ant-tree-node-content-wrapper').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('id')).not.toBeNull();
    expect(new URL(page.url()).searchParams.get('territoryId')).toBe(String(territoryId));
    const selected = new URL(page.url()).searchParams.get('id');
    await page.reload();
    await page.getByTestId('org-detail').waitFor();
    expect(new URL(page.url()).searchParams.get('territoryId')).toBe(String(territoryId));
    expect(new URL(page.url()).searchParams.get('id')).toBe(selected);
    await expect.poll(() => page.getByTestId('party-orgs-page').innerText()).toContain(node.body.name);
    await b.screenshot(page, 'drill-party-orgs');
  });
});
