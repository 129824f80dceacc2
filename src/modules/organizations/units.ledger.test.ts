import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, territories } from '../../kernel/db/schema.js';
import { XLSX_MIME } from '../../kernel/ledger/ledger.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { UNIT_KINDS } from './constants.js';
import { units } from './schema.js';
import { creditCodeProblem, UNIT_KIND_LABELS } from './units.ledger.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client; // community staff bound to street A: unit.manage and unit.revealContact
let grid: Client; // grid worker of street A: unit.read only, phones masked
const P = '/api/organizations/units';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], tree.streetA.street.id);
  grid = await t.as(['gridWorker'], tree.streetA.street.id);
});
afterAll(() => t.close());

const a0 = () => tree.streetA.communities[0]!;
const a1 = () => tree.streetA.communities[1]!;
const b0 = () => tree.streetB.communities[0]!;

/** A raw request (binary bodies and replies) with the client's cookies and CSRF token. */
async function raw(c: Client, method: 'GET' | 'POST', url: string, body?: Buffer) {
  if (method === 'POST' && !c.cookies.has('gz_csrf')) await c.get('/api/auth/csrf');
  return t.app.inject({
    method,
    url,
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(method === 'POST' ? { 'x-csrf-token': c.cookies.get('gz_csrf') ?? '', 'content-type': XLSX_MIME } : {}),
      ...(c.lang ? { 'accept-language': c.lang } : {}),
    },
    ...(body ? { payload: body } : {}),
  });
}

async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    out.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return out;
}

async function fill(template: Buffer, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A unified social credit code with the right check character (GB 32100-2015). */
function credit(base17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...base17].reduce((s, c, i) => s + chars.indexOf(c) * w[i]!, 0);
  return base17 + chars[(31 - (sum % 31)) % 31];
}

const template = async () => {
  const res = await raw(staff, 'GET', `${P}/template.xlsx`);
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
};
const countUnits = async () => (await t.db.select({ id: units.id }).from(units)).length;
const lastAuditId = async () =>
  (await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).at(-1)?.id ?? 0;

describe('units ledger 驻区单位台账', () => {
  it('reads the unit kinds with the labels the console shows', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const ui = JSON.parse(readFileSync(new URL(`./ui/locales/${locale}.json`, import.meta.url), 'utf8')) as {
        organizations: { unitKind: Record<string, string> };
      };
      for (const k of UNIT_KINDS) expect(UNIT_KIND_LABELS[k][locale]).toBe(ui.organizations.unitKind[k]);
    }
    expect(creditCodeProblem(credit('91630104MA7G2K4L5'))).toBeNull();
    expect(creditCodeProblem('91630104MA7G2K4L5X')).toBe('checksum');
    expect(creditCodeProblem('91630104MA7G2K4L5')).toBe('format');
    expect(creditCodeProblem('91ABCDEFMA7G2K4L5J')).toBe('format');
  });

  it('gives a template with headers, an example row and a notes sheet, and imports it back (example ignored), audited', async () => {
    const tpl = await template();
    const rows = await sheetRows(tpl);
    expect(rows[0]).toEqual([
      '单位名称',
      '单位类别',
      '所在区域（街道/社区）',
      '统一社会信用代码',
      '联系人',
      '联系电话',
      '地址',
      '两新组织',
    ]);
    expect(rows).toHaveLength(2);
    expect(creditCodeProblem(rows[1]![3]!)).toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['驻区单位台账', '填写说明']);

    const since = await lastAuditId();
    const path = `${tree.streetA.street.name}/${a0().community.name}`;
    const code = credit('52630104MJ8A6B3C1');
    const file = await fill(tpl, [
      ['夕阳红志愿者协会', '社会组织', path, code.toLowerCase(), '赵敏', '0971-8123456', '文亭巷 1 号', ''],
    ]);
    const imp = await raw(staff, 'POST', `${P}/import?mode=all`, file);
    expect(imp.statusCode).toBe(200);
    expect(JSON.parse(imp.body)).toEqual({ mode: 'all', total: 1, imported: 1, skipped: 0, errors: [] });
    const found = (await staff.get(`${P}?q=${encodeURIComponent('夕阳红志愿者协会')}`)).body.items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'socialOrganization',
      territory: { id: a0().community.id, level: 'community' },
      creditCode: code,
      contactName: '赵敏',
      contactPhone: '0971-8123456',
      address: '文亭巷 1 号',
      isNewOrganization: true, // empty cell: the create rule's default for a social organisation
    });
    const audits = await t.db.select().from(auditLog).where(gt(auditLog.id, since)).orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(['unit.create', 'unit.import']);
    expect(audits[0]).toMatchObject({
      objectType: 'unit',
      objectId: String(found[0].id),
      scopePath: a0().community.path,
    });
    expect(audits[0]!.after).toMatchObject({ name: '夕阳红志愿者协会', importedFromRow: 3 });
    expect(audits[1]!.after).toEqual({ mode: 'all', total: 1, imported: 1, badRows: 0 });
  });

  let file: Buffer;
  const goodCode = credit('91630104MA7G2K4L5');
  it('reports every bad row with its row number, column and reason, and in mode all writes nothing', async () => {
    await t.db.update(territories).set({ divisionCode: '630104099002' }).where(eq(territories.id, a1().community.id));
    await t.factory.territory(a0().community.id, 'compound', '同名小区');
    await t.factory.territory(a1().community.id, 'compound', '同名小区');
    const badCode = goodCode.slice(0, 17) + (goodCode.endsWith('0') ? '1' : '0');
    file = await fill(await template(), [
      /* 3 */ [
        '好单位甲',
        '非公企业',
        `${tree.streetA.street.name}/${a0().community.name}`,
        goodCode,
        '王五',
        '139 0000 1111',
        '',
        '否',
      ],
      /* 4 */ ['坏电话', '机关', tree.streetA.street.name, '', '', '12345', '', ''],
      /* 5 */ ['坏代码', '事业单位', a0().community.name, badCode, '', '', '', ''],
      /* 6 */ ['', '外企', a0().community.name, '', '', '', '', '也许'],
      /* 7 */ ['外街单位', '机关', `${tree.streetB.street.name}/${b0().community.name}`, '', '', '', '', ''],
      /* 8 */ ['按代码', 'stateOwned', '630104099002', '', '', '13800002222', '', ''],
      /* 9 */ ['重复代码', '非公企业', a0().community.name, goodCode, '', '', '', ''],
      /* 10 */ ['某单位', '机关', `${tree.streetA.street.name}/不存在的社区`, '', '', '', '', ''],
      /* 11 */ ['同名处', '机关', '同名小区', '', '', '', '', ''],
      /* 12 */ ['小区单位', '物业企业', `${a1().community.name}/同名小区`, '', '', '0971-6123456-8001', '', ''],
      /* 13 */ [
        '户里单位',
        '机关',
        `${a0().community.name}/${a0().compound.name}/${a0().building.name}/${a0().household.name}`,
        '',
        '',
        '',
        '',
        '',
      ],
      /* 14 */ ['好单位甲', '机关', `${tree.streetA.street.name}/${a0().community.name}`, '', '', '', '', ''],
      /* 15 */ ['夕阳红志愿者协会', '社会组织', a0().community.name, '', '', '', '', ''],
    ]);
    const before = await countUnits();
    const since = await lastAuditId();
    const res = await raw(staff, 'POST', `${P}/import?mode=all`, file);
    expect(res.statusCode).toBe(200);
    const rep = JSON.parse(res.body) as {
      mode: string;
      total: number;
      imported: number;
      skipped: number;
      errors: { row: number; column: string; message: string }[];
    };
    expect(rep).toMatchObject({ mode: 'all', total: 13, imported: 0, skipped: 13 });
    const errs = rep.errors.map((e) => `${e.row}|${e.column}|${e.message}`);
    expect(errs).toEqual([
      '4|联系电话|联系电话应为 11 位手机号，或带区号的固定电话（如 0971-8123456）',
      '5|统一社会信用代码|统一社会信用代码校验位不正确',
      '6|单位名称|必填',
      expect.stringMatching(/^6\|单位类别\|取值无效，可选：机关、事业单位/),
      '6|两新组织|取值无效，可选：是、否',
      '7|所在区域（街道/社区）|找不到该街道或社区，或不在本账号管辖范围内',
      '9|统一社会信用代码|与第 3 行的统一社会信用代码重复',
      '10|所在区域（街道/社区）|找不到该街道或社区，或不在本账号管辖范围内',
      '11|所在区域（街道/社区）|有 2 处同名，请从街道起写明，如 某街道/某社区',
      '13|所在区域（街道/社区）|所在区域只能是：区县、街道/乡镇、社区/村、小区/院落、楼栋',
      '14|单位名称|与第 3 行重复（同一区域的同名单位）',
      '15|单位名称|该处已登记同名单位',
    ]);
    expect(await countUnits()).toBe(before);
    expect(await lastAuditId()).toBe(since);
  });

  it('in mode goodRows writes only the good rows, one audit row each plus a summary', async () => {
    const before = await countUnits();
    const since = await lastAuditId();
    const rep = JSON.parse((await raw(staff, 'POST', `${P}/import?mode=goodRows`, file)).body);
    expect(rep).toMatchObject({ mode: 'goodRows', total: 13, imported: 3, skipped: 10 });
    expect(await countUnits()).toBe(before + 3);
    const list = (await staff.get(`${P}?pageSize=200`)).body.items as {
      name: string;
      kind: string;
      territory: { id: number };
      contactPhone: string | null;
      isNewOrganization: boolean;
    }[];
    expect(list.find((u) => u.name === '好单位甲')).toMatchObject({
      kind: 'privateFirm',
      territory: { id: a0().community.id },
      contactPhone: '13900001111',
      isNewOrganization: false,
    });
    expect(list.find((u) => u.name === '按代码')).toMatchObject({
      kind: 'stateOwned',
      territory: { id: a1().community.id },
      isNewOrganization: false,
    });
    expect(list.find((u) => u.name === '小区单位')).toMatchObject({
      kind: 'propertyCompany',
      contactPhone: '0971-6123456-8001',
    });
    expect(list.map((u) => u.name)).not.toContain('外街单位');
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, since)))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(['unit.create', 'unit.create', 'unit.create', 'unit.import']);
    expect(audits.slice(0, 3).map((a) => (a.after as { importedFromRow: number }).importedFromRow)).toEqual([3, 8, 12]);
    expect(audits[3]!.after).toEqual({ mode: 'goodRows', total: 13, imported: 3, badRows: 10 });
    // the outside row was never written anywhere
    expect(await t.db.select().from(units).where(eq(units.name, '外街单位'))).toHaveLength(0);
  });

  it('answers in English for an English user, refuses a file that is not xlsx, and needs unit.manage to import', async () => {
    const en = t.client('en-US');
    en.cookies = staff.cookies;
    const rep = JSON.parse((await raw(en, 'POST', `${P}/import`, file)).body);
    expect(rep.errors.find((e: { row: number }) => e.row === 4)).toEqual({
      row: 4,
      column: 'Contact phone',
      message: expect.stringMatching(/11-digit mobile/),
    });
    expect(rep.errors.find((e: { row: number }) => e.row === 7)).toEqual({
      row: 7,
      column: 'Place (street/community)',
      message: 'No such street or community in your area',
    });
    const enTpl = await sheetRows((await raw(en, 'GET', `${P}/template.xlsx`)).rawPayload);
    expect(enTpl[0]![1]).toBe('Kind');
    expect((await raw(staff, 'POST', `${P}/import`, Buffer.from('not a spreadsheet'))).statusCode).toBe(400);
    expect((await raw(grid, 'POST', `${P}/import`, file)).statusCode).toBe(403);
  });

  it('exports the filtered list with the same scope and masking as the list, and the export reads back as places', async () => {
    await t.db.insert(units).values({
      kind: 'agency',
      name: '乙街机关',
      territoryId: b0().community.id,
      scopePath: b0().community.path,
      contactPhone: '13700003333',
    });
    const full = await sheetRows((await raw(staff, 'GET', `${P}/export.xlsx`)).rawPayload);
    const list = await staff.get(`${P}?pageSize=200`);
    expect(full.length - 1).toBe(list.body.total);
    expect(full[0]).toEqual([
      '单位名称',
      '单位类别',
      '所在区域（街道/社区）',
      '统一社会信用代码',
      '联系人',
      '联系电话',
      '地址',
      '两新组织',
    ]);
    const text = JSON.stringify(full);
    expect(text).not.toContain('乙街');
    const firm = full.find((r) => r[0] === '好单位甲')!;
    expect(firm).toEqual([
      '好单位甲',
      '非公企业',
      `${tree.streetA.street.name}/${a0().community.name}`,
      goodCode,
      '王五',
      '13900001111',
      '',
      '否',
    ]);
    expect(full.find((r) => r[0] === '小区单位')![2]).toBe(
      `${tree.streetA.street.name}/${a1().community.name}/同名小区`,
    );

    // a viewer without unit.revealContact gets the masked numbers, as in the list
    const masked = await sheetRows((await raw(grid, 'GET', `${P}/export.xlsx`)).rawPayload);
    expect(masked.find((r) => r[0] === '好单位甲')![5]).toBe('139****1111');
    expect(JSON.stringify(masked)).not.toContain('13900001111');
    expect((await grid.get(`${P}?q=${encodeURIComponent('好单位甲')}`)).body.items[0].contactPhone).toBe('139****1111');

    // the list filters apply; another street's place is 404 as in the list
    const firms = await sheetRows((await raw(staff, 'GET', `${P}/export.xlsx?kind=privateFirm`)).rawPayload);
    expect(firms.slice(1).every((r) => r[1] === '非公企业')).toBe(true);
    expect(firms.length).toBeGreaterThan(1);
    const atA1 = await sheetRows(
      (await raw(staff, 'GET', `${P}/export.xlsx?territoryId=${a1().community.id}`)).rawPayload,
    );
    expect(
      atA1
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['小区单位', '按代码'].sort());
    expect((await raw(staff, 'GET', `${P}/export.xlsx?territoryId=${b0().community.id}`)).statusCode).toBe(404);

    // an account of street B exports its own unit only
    const bStaff = await t.as(['communityStaff'], tree.streetB.street.id);
    const bRows = await sheetRows((await raw(bStaff, 'GET', `${P}/export.xlsx`)).rawPayload);
    expect(bRows.slice(1).map((r) => r[0])).toEqual(['乙街机关']);

    // the exported places resolve on import: re-importing the export reports the units as already registered
    const again = JSON.parse(
      (await raw(staff, 'POST', `${P}/import?mode=all`, await fill(await template(), full.slice(1)))).body,
    );
    expect(again.imported).toBe(0);
    expect(again.errors.filter((e: { column: string }) => e.column === '所在区域（街道/社区）')).toEqual([]);
    expect(again.errors.some((e: { message: string }) => e.message === '该处已登记同名单位')).toBe(true);
  });
});
