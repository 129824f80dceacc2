import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

/** Excel ledgers 台账 in the console (decision 047): each co-building list page's 导出 button downloads its ledger. */
let b: BrowserApp;
beforeAll(async () => {
  b = await browserApp();
}, 240_000);
afterAll(() => b?.close());

/** Clicks the page's ledger button and reads the downloaded workbook: sheet names and data rows of the first. */
async function exportFrom(page: Page, list: string) {
  const button = page.getByTestId(`co-ledger-${list}`);
  await button.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  return {
    name: download.suggestedFilename(),
    sheets: wb.worksheets.map((w) => w.name),
    rows: wb.worksheets[0]!.rowCount - 1,
    header: (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String),
  };
}

describe('co-building ledgers in the console', () => {
  it('downloads each list’s ledger under the list’s filters, with as many rows as the list', async () => {
    const page = await b.page();
    await signIn(page, 'staff');

    await page.goto('/co-building/needs?status=open');
    await page.getByTestId('need-table').waitFor();
    const needs = await exportFrom(page, 'needs');
    const openNeeds = await apiCall<{ total: number }>(page, 'GET', '/api/co-building/needs?status=open');
    expect(needs.name).toMatch(/^需求清单台账-\d{8}\.xlsx$/);
    expect(needs.sheets).toEqual(['需求清单', '资源对接记录']);
    expect(needs.header.slice(0, 4)).toEqual(['编号', '社区', '地点', '需求名称']);
    expect(needs.rows).toBe(openNeeds.body.total);
    await b.screenshot(page, 'co-ledger-needs');

    const pages: [string, string, string][] = [
      ['/co-building/resources', 'resources', '资源清单'],
      ['/co-building/projects', 'projects', '项目清单'],
      ['/co-building/agreements', 'agreements', '共建协议'],
      ['/co-building/alliances', 'alliances', '党建联盟'],
      ['/co-building/challenges', 'challenges', '揭榜挂帅'],
      ['/co-building/shared-items', 'shared-items', '共享物品'],
      ['/co-building/shared-loans', 'shared-loans', '借用登记'],
    ];
    for (const [path, list, sheet] of pages) {
      await page.goto(path);
      const got = await exportFrom(page, list);
      const listed = await apiCall<{ total: number }>(page, 'GET', `/api/co-building/${list}?pageSize=1`);
      expect(got.sheets[0], list).toBe(sheet);
      expect(got.rows, list).toBe(listed.body.total);
      await b.screenshot(page, `co-ledger-${list}`);
    }
  }, 180_000);
});
