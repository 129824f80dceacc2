import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { eq, gt, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { XLSX_MIME } from '../../kernel/ledger/ledger.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { coAgreements, coDeliverables, coNeeds, coProjects, coResources } from './schema.js';
import { makeAgreement, makeAlliance, makeNeed, makeProject, makeResource, makeUnit } from './testing.js';

/**
 * Importing the co-building ledgers 台账 over HTTP (issue 12 point 11, decision 058): a good sheet creates one
 * record per row through the form's create (audited as the form is); a sheet with bad rows answers per-row errors
 * (row, column header, message in the user's language) and writes nothing; a community outside the caller's area is
 * that row's error; a dry run writes nothing; a re-import (or the import of an export) creates no duplicates; zip
 * bombs and oversize files are refused with a clear message; `format=xlsx` gives the sheet back with an 错误 column.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client; // street A's admin: both of its communities
let staff: Client; // community staff of A1
let grid: Client; // grid worker of A1: reads, may not import
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/co-building';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  admin = await t.as(['streetAdmin'], tree.streetA.street.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  grid = await t.as(['gridWorker'], A1().community.id);
  await makeUnit(t.db, A1().community, '甲一供电所');
  await makeUnit(t.db, B1().community, '乙一水务所');
});
afterAll(() => t.close());

/** A raw request (binary bodies and replies) with the client's cookies, CSRF token and language. */
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
async function template(c: Client, list: string): Promise<Buffer> {
  const res = await raw(c, 'GET', `${P}/${list}/template.xlsx`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  return res.rawPayload;
}
/** The template with the example row removed and these rows (by header) added. */
async function sheet(c: Client, list: string, rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await template(c, list)) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  ws.spliceRows(2, 1);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function upload(c: Client, list: string, body: Buffer, query = '') {
  const res = await raw(c, 'POST', `${P}/${list}/import.xlsx${query}`, body);
  return { status: res.statusCode, body: res.json(), res };
}
async function rowsOf(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row) =>
    out.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return out;
}
const lastAuditId = async () =>
  (await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).at(-1)?.id ?? 0;
const auditSince = async (id: number) =>
  t.db
    .select({ action: auditLog.action, objectId: auditLog.objectId })
    .from(auditLog)
    .where(gt(auditLog.id, id))
    .orderBy(auditLog.id);
const needsTitled = (titles: string[]) => t.db.select().from(coNeeds).where(inArray(coNeeds.title, titles));

const need = (title: string, extra: Record<string, string> = {}) => ({
  社区: A1().community.name,
  需求名称: title,
  类别: '设施维修',
  ...extra,
});

describe('importing the co-building ledgers 台账', () => {
  it('serves a blank template per list with the export’s headers, an example row and notes', async () => {
    for (const list of ['needs', 'resources', 'projects', 'agreements']) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await template(staff, list)) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        { needs: '需求清单', resources: '资源清单', projects: '项目清单', agreements: '共建协议' }[list],
        '填写说明',
      ]);
      expect(wb.worksheets[0]!.rowCount).toBe(2);
    }
    const rows = await rowsOf(await template(staff, 'needs'));
    expect(rows[0]).toEqual(['社区', '地点', '需求名称', '需求描述', '类别', '来源', '来源说明', '是否公开']);
  });

  it('creates one need per row through the form’s create, each audited as the form’s create is', async () => {
    const titles = ['一号楼楼道灯坏了', '小区东门路面坑洼', '老年活动室缺桌椅'];
    const file = await sheet(staff, 'needs', [
      need(titles[0]!, { 地点: A1().compound.name }),
      need(titles[1]!, { 来源: '会议议定', 来源说明: '3月居民议事会' }),
      need(titles[2]!, { 类别: '为老服务', 是否公开: '否' }),
    ]);
    const before = await lastAuditId();
    const { status, body } = await upload(staff, 'needs', file);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      total: 3,
      created: 3,
      existing: 0,
      failed: 0,
      saved: true,
      dryRun: false,
      errors: [],
    });
    const made = await needsTitled(titles);
    expect(made).toHaveLength(3);
    const byTitle = new Map(made.map((n) => [n.title, n]));
    expect(byTitle.get(titles[0]!)).toMatchObject({ territoryId: A1().compound.id, communityId: A1().community.id });
    expect(byTitle.get(titles[1]!)).toMatchObject({
      source: 'meeting',
      sourceNote: '3月居民议事会',
      category: 'repair',
    });
    expect(byTitle.get(titles[2]!)).toMatchObject({ category: 'elderly', public: 0 });
    const audits = await auditSince(before);
    expect(
      audits
        .filter((a) => a.action === 'coNeed.create')
        .map((a) => a.objectId)
        .sort(),
    ).toEqual(made.map((n) => String(n.id)).sort());
    expect(audits.filter((a) => a.action === 'coNeed.import')).toHaveLength(1);

    // The same rows again: detected by the natural key (community + title), nothing written twice.
    const again = await upload(staff, 'needs', file);
    expect(again.body).toMatchObject({ total: 3, created: 0, existing: 3, existingRows: [2, 3, 4], errors: [] });
    expect(await needsTitled(titles)).toHaveLength(3);
  });

  it('answers per-row errors (row, column, message) and writes nothing when any row is bad', async () => {
    const file = await sheet(staff, 'needs', [
      need('好的一行：路灯不亮'),
      need('', {}),
      need('类别乱填', { 类别: '乱填' }),
      need('外街道的社区', { 社区: B1().community.name }),
      need('没有这个社区', { 社区: '火星社区' }),
      need('会议没写哪次', { 来源: '会议议定' }),
      need('好的一行：路灯不亮'),
    ]);
    const before = await lastAuditId();
    const { status, body } = await upload(staff, 'needs', file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 7, created: 0, saved: false, failed: 6 });
    const errs = body.errors as { row: number; column: string; message: string }[];
    expect(errs).toEqual(
      expect.arrayContaining([
        { row: 3, column: '需求名称', message: expect.stringMatching(/必填|不能为空/) },
        { row: 4, column: '类别', message: expect.stringContaining('取值无效') },
        { row: 5, column: '社区', message: `“${B1().community.name}”不在您的管辖范围内` },
        { row: 6, column: '社区', message: '找不到名为“火星社区”的社区' },
        { row: 7, column: '来源说明', message: expect.stringContaining('写明是哪次会议或调查') },
        { row: 8, column: '', message: '与第 2 行重复' },
      ]),
    );
    expect(await needsTitled(['好的一行：路灯不亮', '会议没写哪次'])).toHaveLength(0);
    expect(await auditSince(before)).toEqual([]);

    // The same sheet back with an 错误 column: the user fixes their own file.
    const copy = await raw(staff, 'POST', `${P}/needs/import.xlsx?format=xlsx`, file);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toBe(XLSX_MIME);
    const rows = await rowsOf(copy.rawPayload);
    const col = rows[0]!.indexOf('错误');
    expect(col).toBe(rows[0]!.length - 1);
    expect(rows[1]![col] ?? '').toBe('');
    expect(rows[4]![col]).toBe(`社区：“${B1().community.name}”不在您的管辖范围内`);
    expect(rows[7]![col]).toBe('与第 2 行重复');
    expect(await needsTitled(['好的一行：路灯不亮'])).toHaveLength(0);

    // mode=goodRows writes the good row and reports the rest.
    const some = await upload(staff, 'needs', file, '?mode=goodRows');
    expect(some.body).toMatchObject({ created: 1, saved: true, failed: 6 });
    expect(await needsTitled(['好的一行：路灯不亮'])).toHaveLength(1);
  });

  it('speaks English to an English reader', async () => {
    const en = await t.as(['communityStaff'], A1().community.id);
    en.lang = 'en-US';
    const file = await sheet(en, 'needs', [{ Community: A1().community.name, Need: '英文', Category: 'nonsense' }]);
    const { body } = await upload(en, 'needs', file);
    expect(body.errors).toEqual([{ row: 2, column: 'Category', message: expect.stringContaining('Invalid value') }]);
  });

  it('a dry run checks every row through the real create and keeps nothing', async () => {
    const file = await sheet(admin, 'needs', [
      need('试运行一'),
      need('试运行二', { 社区: A2().community.name, 地点: A2().compound.name }),
    ]);
    const before = await lastAuditId();
    const { body } = await upload(admin, 'needs', file, '?dryRun=1');
    expect(body).toMatchObject({ dryRun: true, total: 2, created: 2, saved: false, errors: [] });
    expect(await needsTitled(['试运行一', '试运行二'])).toHaveLength(0);
    expect(await auditSince(before)).toEqual([]);
    // A place of another community is that row's error, found on the dry run too.
    const wrong = await sheet(admin, 'needs', [need('地点错了', { 地点: A2().compound.name })]);
    const res = await upload(admin, 'needs', wrong, '?dryRun=1');
    expect(res.body.errors).toEqual([
      { row: 2, column: '地点', message: `“${A2().compound.name}”不在${A1().community.name}内` },
    ]);
  });

  it('imports resources, projects and agreements, names resolved within the area', async () => {
    const res = await upload(
      staff,
      'resources',
      await sheet(staff, 'resources', [
        {
          资源名称: '供电所会议室',
          资源类型: '场地',
          适用类别: '文体活动、为老服务',
          提供方类型: '驻区单位',
          提供方: '甲一供电所',
          驻区单位: '甲一供电所',
          服务区域: A1().community.name,
          总量: '40',
          计量单位: '小时',
          可用开始日期: '2026/1/1',
          可用结束日期: '2026-12-31',
        },
        {
          资源名称: '外单位的车',
          资源类型: '设备',
          提供方类型: '驻区单位',
          提供方: '乙一水务所',
          驻区单位: '乙一水务所',
          服务区域: A1().community.name,
          总量: '2',
          计量单位: '辆',
        },
        {
          资源名称: '数量写成汉字',
          资源类型: '设备',
          提供方类型: '居民',
          提供方: '张大爷',
          服务区域: A1().community.name,
          总量: '两辆',
          计量单位: '辆',
        },
      ]),
    );
    expect(res.body.errors).toEqual([
      { row: 3, column: '驻区单位', message: '在您的管辖范围内找不到单位“乙一水务所”，请先登记该单位' },
      { row: 4, column: '总量', message: '应填数字' },
    ]);
    expect(res.body).toMatchObject({ created: 0, saved: false });
    const fixed = await upload(
      staff,
      'resources',
      await sheet(staff, 'resources', [
        {
          资源名称: '供电所会议室',
          资源类型: '场地',
          适用类别: '文体活动、为老服务',
          提供方类型: '驻区单位',
          提供方: '甲一供电所',
          驻区单位: '甲一供电所',
          服务区域: A1().community.name,
          总量: '40',
          计量单位: '小时',
          可用开始日期: '2026/1/1',
          可用结束日期: '2026-12-31',
        },
      ]),
    );
    expect(fixed.body).toMatchObject({ created: 1, errors: [] });
    const [r] = await t.db.select().from(coResources).where(eq(coResources.title, '供电所会议室'));
    expect(r).toMatchObject({
      kind: 'venue',
      categories: ['culture', 'elderly'],
      offererKind: 'unit',
      capacity: 40,
      availableFrom: '2026-01-01',
      territoryId: A1().community.id,
    });

    await makeNeed(t.db, A1().community, { title: '车棚漏雨', place: A1().compound });
    await makeNeed(t.db, A1().community, { title: '车棚照明', place: A1().compound, status: 'matched' });
    const projects = await upload(
      staff,
      'projects',
      await sheet(staff, 'projects', [
        {
          社区: A1().community.name,
          项目名称: '车棚改造',
          所含需求: '车棚漏雨、车棚照明',
          负责人: '王芳',
          '预算（元）': '12000',
          开始日期: '2026-04-01',
          完成期限: '2026-03-01',
        },
      ]),
    );
    expect(projects.body.errors).toEqual([{ row: 2, column: '完成期限', message: expect.any(String) }]);
    const ok = await upload(
      staff,
      'projects',
      await sheet(staff, 'projects', [
        {
          社区: A1().community.name,
          项目名称: '车棚改造',
          所含需求: '车棚漏雨、车棚照明',
          负责人: '王芳',
          '预算（元）': '12000',
          开始日期: '2026-04-01',
          完成期限: '2026-06-30',
        },
      ]),
    );
    expect(ok.body).toMatchObject({ created: 1, errors: [] });
    const [p] = await t.db.select().from(coProjects).where(eq(coProjects.title, '车棚改造'));
    expect(p).toMatchObject({ budget: 12000, ownerName: '王芳', communityId: A1().community.id });
    expect((await needsTitled(['车棚漏雨', '车棚照明'])).map((n) => [n.status, n.projectId])).toEqual([
      ['inProject', p!.id],
      ['inProject', p!.id],
    ]);

    const agreements = await upload(
      staff,
      'agreements',
      await sheet(staff, 'agreements', [
        {
          年度: '2026',
          社区: A1().community.name,
          共建单位: '甲一供电所',
          协议名称: '2026年度供电共建协议',
          承诺事项: '楼道照明维修 2026-06-30；用电安全讲座（2026/9/1）',
        },
        { 年度: '2026', 社区: A1().community.name, 共建单位: '甲一供电所', 协议名称: '格式不对', 承诺事项: '没有日期' },
      ]),
    );
    expect(agreements.body.errors).toEqual([
      { row: 3, column: '承诺事项', message: expect.stringContaining('事项 YYYY-MM-DD') },
    ]);
    expect(agreements.body.created).toBe(0);
    const signed = await upload(
      staff,
      'agreements',
      await sheet(staff, 'agreements', [
        {
          年度: '2026',
          社区: A1().community.name,
          共建单位: '甲一供电所',
          协议名称: '2026年度供电共建协议',
          承诺事项: '楼道照明维修 2026-06-30；用电安全讲座（2026/9/1）',
        },
      ]),
    );
    expect(signed.body).toMatchObject({ created: 1, errors: [] });
    const [a] = await t.db.select().from(coAgreements).where(eq(coAgreements.title, '2026年度供电共建协议'));
    expect(a).toMatchObject({ status: 'negotiating', year: 2026 });
    const ds = await t.db.select().from(coDeliverables).where(eq(coDeliverables.agreementId, a!.id));
    expect(ds.map((d) => [d.title, d.dueOn]).sort()).toEqual([
      ['楼道照明维修', '2026-06-30'],
      ['用电安全讲座', '2026-09-01'],
    ]);
  });

  it('takes back its own export: every exported row is found as already recorded, no duplicates', async () => {
    const resource = await makeResource(t.db, A2().community, { title: '甲二会议室', capacity: 20 });
    await makeNeed(t.db, A2().community, { title: '甲二楼道照明', place: A2().compound });
    await makeProject(t.db, A2().community, { title: '甲二大坝通道', status: 'done', resourceId: resource.id });
    await makeAgreement(t.db, A2().community, { title: '甲二共建协议', status: 'fulfilling' });
    await makeAlliance(t.db, A2().community, { name: '甲二党建联盟' });
    for (const list of ['needs', 'resources', 'projects', 'agreements']) {
      const exported = await raw(admin, 'GET', `${P}/${list}/export.xlsx?territoryId=${A2().community.id}`);
      expect(exported.statusCode).toBe(200);
      const rows = (await rowsOf(exported.rawPayload)).length - 1;
      expect(rows, list).toBeGreaterThan(0);
      const { body } = await upload(admin, list, exported.rawPayload);
      expect(body, list).toMatchObject({ total: rows, created: 0, existing: rows, errors: [] });
    }
  });

  it('refuses zip bombs and oversize files with a clear message, and callers who may not import', async () => {
    const bomb = zip('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const refused = await upload(staff, 'needs', bomb);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('文件解压后超过 32 MB，请拆分后分批导入');
    const big = await upload(staff, 'needs', Buffer.alloc(11 * 1024 * 1024, 1));
    expect(big.status).toBe(413);
    expect(big.body.message).toBe('提交的内容过大');
    const notXlsx = await upload(staff, 'needs', Buffer.from('名称,类别\n路灯,维修\n'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.message).toBe('文件不是有效的 Excel（.xlsx）表格');

    const file = await sheet(staff, 'needs', [need('网格员不能导入')]);
    expect((await upload(grid, 'needs', file)).status).toBe(403);
    expect(await needsTitled(['网格员不能导入'])).toHaveLength(0);
  });
});

/** A one-entry zip (deflated) whose real and declared size is `data.length`. */
function zip(name: string, data: Buffer): Buffer {
  const comp = deflateRawSync(data);
  const n = Buffer.from(name);
  const crc = crc32(data);
  const loc = Buffer.alloc(30);
  loc.writeUInt32LE(0x04034b50, 0);
  loc.writeUInt16LE(20, 4);
  loc.writeUInt16LE(8, 8);
  loc.writeUInt32LE(crc, 14);
  loc.writeUInt32LE(comp.length, 18);
  loc.writeUInt32LE(data.length, 22);
  loc.writeUInt16LE(n.length, 26);
  const c = Buffer.alloc(46);
  c.writeUInt32LE(0x02014b50, 0);
  c.writeUInt16LE(20, 4);
  c.writeUInt16LE(20, 6);
  c.writeUInt16LE(8, 10);
  c.writeUInt32LE(crc, 16);
  c.writeUInt32LE(comp.length, 20);
  c.writeUInt32LE(data.length, 24);
  c.writeUInt16LE(n.length, 28);
  const cd = Buffer.concat([c, n]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(30 + n.length + comp.length, 16);
  return Buffer.concat([loc, n, comp, cd, end]);
}
