import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, browserApp, signIn, type BrowserApp } from '../../test/browser.js';

/**
 * Importing a ledger 台账 in the console (decision 058): 导入 beside 导出 on the needs page; the blank template
 * downloads; a sheet with a bad row is checked and its per-row errors shown, and nothing can be confirmed; the fixed
 * sheet is checked clean, confirmed, and its need appears in the list.
 */
let b: BrowserApp;
let dir: string;
beforeAll(async () => {
  b = await browserApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'co-import-'));
}, 240_000);
afterAll(async () => {
  await b?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The downloaded template with its example row replaced by these rows (by header). */
async function fill(template: string, rows: Record<string, string>[], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(template) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  ws.spliceRows(2, 1);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}
async function choose(page: Page, file: string) {
  await page.locator('.ant-modal input[type=file]').setInputFiles(file);
}

describe('co-building ledger import in the console', () => {
  it('checks an uploaded needs sheet, shows per-row errors, and imports it once fixed', async () => {
    const page = await b.page();
    await signIn(page, 'staff');
    await page.goto('/co-building/needs');
    await page.getByTestId('need-table').waitFor();
    const some = await apiCall<{ items: { community: { name: string } }[]; total: number }>(
      page,
      'GET',
      '/api/co-building/needs?pageSize=1',
    );
    const community = some.body.items[0]!.community.name;

    await page.getByTestId('co-import-needs').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('co-import-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe('需求清单台账-导入模板.xlsx');
    const template = path.join(dir, 'template.xlsx');
    await download.saveAs(template);

    const bad = await fill(
      template,
      [
        { 社区: community, 需求名称: '单元门禁失灵', 类别: '设施维修' },
        { 社区: community, 需求名称: '类别写错了', 类别: '不知道' },
      ],
      'bad.xlsx',
    );
    await choose(page, bad);
    await page.getByTestId('co-import-check').click();
    const errors = page.getByTestId('co-import-errors');
    await errors.waitFor();
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(1);
    const row = await errors.locator('tbody tr').first().innerText();
    expect(row).toContain('3');
    expect(row).toContain('类别');
    expect(row).toContain('取值无效');
    expect(await page.getByTestId('co-import-confirm').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter').count()).toBe(0);
    await b.screenshot(page, 'co-import-needs-errors');

    const good = await fill(template, [{ 社区: community, 需求名称: '单元门禁失灵', 类别: '设施维修' }], 'good.xlsx');
    await choose(page, good);
    await page.getByTestId('co-import-check').click();
    await page.getByTestId('co-import-preview').getByText('将新建 1 条').waitFor();
    await b.screenshot(page, 'co-import-needs-preview');
    await page.getByTestId('co-import-confirm').click();
    await page.getByText('已导入 1 条').waitFor();
    await page.getByTestId('need-table').getByText('单元门禁失灵').waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    const after = await apiCall<{ total: number }>(
      page,
      'GET',
      `/api/co-building/needs?q=${encodeURIComponent('单元门禁失灵')}`,
    );
    expect(after.body.total).toBe(1);
    await b.screenshot(page, 'co-import-needs-done');

    // The other three list pages carry the button beside 导出.
    for (const [url, list] of [
      ['/co-building/resources', 'resources'],
      ['/co-building/projects', 'projects'],
      ['/co-building/agreements', 'agreements'],
    ] as const) {
      await page.goto(url);
      await page.getByTestId(`co-import-${list}`).waitFor();
      await page.getByTestId(`co-ledger-${list}`).waitFor();
    }
    await page.getByTestId('co-import-agreements').click();
    await page.getByTestId('co-import-template').waitFor();
    await expect.poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter').count()).toBe(0);
    await b.screenshot(page, 'co-import-agreements-dialog');
  }, 180_000);
});
