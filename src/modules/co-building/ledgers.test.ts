import ExcelJS from 'exceljs';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { XLSX_MIME } from '../../kernel/ledger/ledger.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { makeChallenge } from './challenges.testing.js';
import { chinaDay } from '../../kernel/clock.js';
import { coNeeds } from './schema.js';
import { makeLoan, makeSharedItem } from './shared-items.testing.js';
import { makeAgreement, makeAlliance, makeNeed, makeProject, makeResource } from './testing.js';

/**
 * Excel ledgers 台账 of co-building over HTTP (issue 12 point 11, decision 047): each workbook holds the list's rows
 * under the list's filters, read back from the .xlsx and checked against the records; another street's rows never
 * appear; borrowers' phones are masked unless the viewer may see them; every download leaves an audit row.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number } };
let staff: Signed, secretary: Signed, streetAdmin: Signed, farStaff: Signed;
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/co-building';
const LISTS = [
  'needs',
  'resources',
  'projects',
  'agreements',
  'alliances',
  'challenges',
  'shared-items',
  'shared-loans',
] as const;
const FAR = '乙街'; // every record of street B carries it in its name
const DAY = 86_400_000;

/** A GET with the client's cookies and language, answered as bytes. */
async function download(c: Client, url: string) {
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(c.lang ? { 'accept-language': c.lang } : {}),
    },
  });
  return res;
}

/** Every sheet of a workbook as rows of cell texts (the header is row 0). */
async function book(c: Client, url: string): Promise<Map<string, string[][]>> {
  const res = await download(c, url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out = new Map<string, string[][]>();
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push(
        Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v))),
      ),
    );
    out.set(ws.name, rows);
  }
  return out;
}
/** Rows of a sheet as objects keyed by its headers. */
const records = (rows: string[][]) =>
  rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i] ?? ''])));

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  secretary = await t.as(['communitySecretary'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);

  // The same kinds of records in street A (two communities) and in street B.
  for (const [where, tag] of [
    [A1(), '甲一'],
    [A2(), '甲二'],
    [B1(), FAR],
  ] as const) {
    const resource = await makeResource(t.db, where.community, { title: `${tag}会议室`, capacity: 20 });
    await makeNeed(t.db, where.community, { title: `${tag}楼道照明`, place: where.compound });
    await makeProject(t.db, where.community, { title: `${tag}大坝通道`, status: 'done', resourceId: resource.id });
    await makeAgreement(t.db, where.community, { title: `${tag}共建协议`, status: 'fulfilling' });
    await makeAlliance(t.db, where.community, { name: `${tag}党建联盟` });
    await makeChallenge(t.db, where.community, { title: `${tag}老旧楼院治理`, status: 'taken' });
    await makeLoan(t.db, where.community, { name: `${tag}轮椅`, dueOn: '2099-01-01' });
  }
});
afterAll(() => t.close());

describe('co-building ledgers 台账', () => {
  it('exports the needs with their matches: Chinese headers, labels, China time, the records as they are', async () => {
    const resource = await makeResource(t.db, A1().community, { title: '甲一社区食堂', capacity: 50 });
    const need = await makeNeed(t.db, A1().community, {
      title: '老年人助餐',
      place: A1().compound,
      category: 'elderly',
    });
    // raised at 17:30 UTC, i.e. 01:30 the next day in China
    await t.db
      .update(coNeeds)
      .set({ createdAt: new Date('2026-03-01T17:30:00Z') })
      .where(eq(coNeeds.id, need.id));
    const accepted = await staff.post(`${P}/needs/${need.id}/accept`, {
      resourceId: resource.id,
      amount: 5,
      reason: '食堂就在小区旁',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const wb = await book(staff, `${P}/needs/export.xlsx`);
    expect([...wb.keys()]).toEqual(['需求清单', '资源对接记录']);
    const needs = wb.get('需求清单')!;
    expect(needs[0]).toEqual([
      '编号',
      '社区',
      '地点',
      '需求名称',
      '类别',
      '来源',
      '来源说明',
      '状态',
      '对接资源',
      '所属项目',
      '是否公开',
      '提出时间',
      '未满足原因',
    ]);
    const row = records(needs).find((r) => r['编号'] === String(need.id))!;
    expect(row).toEqual({
      编号: String(need.id),
      社区: A1().community.name,
      地点: A1().compound.name,
      需求名称: '老年人助餐',
      类别: '为老服务',
      来源: '居民提出',
      来源说明: '',
      状态: '已对接',
      对接资源: '甲一社区食堂 5次',
      所属项目: '',
      是否公开: '是',
      提出时间: '2026-03-02 01:30',
      未满足原因: '',
    });
    const match = records(wb.get('资源对接记录')!).find((r) => r['需求编号'] === String(need.id))!;
    expect(match).toMatchObject({
      需求名称: '老年人助餐',
      资源: '甲一社区食堂',
      对接结果: '已采纳',
      使用数量: '5',
      计量单位: '次',
      理由: '食堂就在小区旁',
    });

    // the rows are the list's rows, all pages: the community staff see their community only
    const list = await staff.get(`${P}/needs?pageSize=200`);
    expect(needs.length - 1).toBe(list.body.total);
    expect(
      records(needs)
        .map((r) => Number(r['编号']))
        .sort(),
    ).toEqual(list.body.items.map((n: { id: number }) => n.id).sort());
    expect(JSON.stringify([...wb.values()])).not.toContain('甲二');
    expect(JSON.stringify([...wb.values()])).not.toContain(FAR);
  });

  it('applies the list filters (state, community, period) and answers 404 for a place of another street', async () => {
    const open = records((await book(streetAdmin, `${P}/needs/export.xlsx?status=open`)).get('需求清单')!);
    expect(open.length).toBeGreaterThan(1);
    expect(open.every((r) => r['状态'] === '待对接')).toBe(true);
    const atA2 = records(
      (await book(streetAdmin, `${P}/needs/export.xlsx?territoryId=${A2().community.id}`)).get('需求清单')!,
    );
    expect(atA2.length).toBeGreaterThan(0);
    expect(atA2.every((r) => r['社区'] === A2().community.name)).toBe(true);
    const march = records(
      (await book(streetAdmin, `${P}/needs/export.xlsx?from=2026-03-02&to=2026-03-02`)).get('需求清单')!,
    );
    expect(march.map((r) => r['需求名称'])).toEqual(['老年人助餐']);
    // 2026-03-01 in China ended before 17:30 UTC that day
    expect(
      (await book(streetAdmin, `${P}/needs/export.xlsx?from=2026-03-01&to=2026-03-01`)).get('需求清单')!.length,
    ).toBe(1);
    for (const list of LISTS) {
      const res = await download(staff, `${P}/${list}/export.xlsx?territoryId=${B1().community.id}`);
      expect(res.statusCode, list).toBe(404);
    }
    const bad = await staff.get(`${P}/needs/export.xlsx?status=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field ?? JSON.stringify(bad.body)).toContain('status');
  });

  it('holds every list’s rows for the caller’s subtree and never another street’s', async () => {
    for (const list of LISTS) {
      const path = `${P}/${list}/export.xlsx`;
      for (const [who, mine, other] of [
        [streetAdmin, ['甲一', '甲二'], FAR],
        [farStaff, [FAR], '甲'],
      ] as const) {
        const wb = await book(who, path);
        const text = JSON.stringify([...wb.values()]);
        for (const m of mine) expect(text, `${list}: ${m}`).toContain(m);
        expect(text, `${list}: ${other}`).not.toContain(other);
        const first = [...wb.values()][0]!;
        const listed = await who.get(`${P}/${list}?pageSize=200`);
        expect(first.length - 1, list).toBe(listed.body.total);
      }
    }
  });

  it('writes the detail sheets: tasks, deliverables, part-time members and chairs, applicants', async () => {
    const projects = await book(staff, `${P}/projects/export.xlsx?status=done`);
    const p = records(projects.get('项目清单')!).find((r) => r['项目名称'] === '甲一大坝通道')!;
    expect(p).toMatchObject({ 状态: '已完成', 挂图作战: '已完成', '完成度（%）': '100', 完成日期: '2026-02-01' });
    expect(p['是否按期']).toBe('是');
    expect(records(projects.get('项目任务')!).find((r) => r['项目名称'] === '甲一大坝通道')).toMatchObject({
      任务: '施工',
      进度状态: '按期推进',
    });

    const agreements = await book(staff, `${P}/agreements/export.xlsx`);
    const a = records(agreements.get('共建协议')!).find((r) => r['协议名称'] === '甲一共建协议')!;
    expect(a).toMatchObject({ 阶段: '履约', 承诺事项数: '2', 按期完成: '0', 未到期或逾期未报: '2', 评约得分: '' });
    expect(
      records(agreements.get('履约情况')!)
        .filter((r) => r['协议名称'] === '甲一共建协议')
        .map((r) => [r['承诺事项'], r['履约情况']]),
    ).toEqual([
      ['资助困难家庭', chinaDay(t.clock.now()) > '2026-03-01' ? '已逾期' : '未到期'],
      ['开放职工食堂', '未到期'],
    ]);

    const alliances = await book(staff, `${P}/alliances/export.xlsx`);
    expect([...alliances.keys()]).toEqual(['党建联盟', '兼职委员', '轮值主席']);
    expect(records(alliances.get('党建联盟')!).find((r) => r['联盟名称'] === '甲一党建联盟')).toMatchObject({
      成员单位数: '2',
      在任兼职委员数: '1',
    });
    expect(records(alliances.get('兼职委员')!).find((r) => r['党建联盟'] === '甲一党建联盟')).toMatchObject({
      姓名: '王建国',
      所在单位: '甲一党建联盟成员单位1',
      单位职务: '党委书记',
      是否在任: '在任',
    });

    const challenges = await book(staff, `${P}/challenges/export.xlsx`);
    expect(records(challenges.get('揭榜挂帅')!).find((r) => r['榜单名称'] === '甲一老旧楼院治理')).toMatchObject({
      状态: '已揭榜',
      揭榜人: '马文军',
      发榜日期: '2026-01-10',
    });
    expect(records(challenges.get('揭榜情况')!).find((r) => r['榜单名称'] === '甲一老旧楼院治理')).toMatchObject({
      揭榜身份: '党员',
      遴选结果: '已选中',
    });
  });

  it('masks borrowers’ phones unless the viewer may reveal them, in the list and in the ledger alike', async () => {
    const item = await makeSharedItem(t.db, A1().community, { name: '甲一人字梯' });
    const due = chinaDay(new Date(t.clock.now().getTime() + 3 * DAY));
    const lent = await staff.post(`${P}/shared-items/${item.id}/lend`, {
      dueOn: due,
      borrowerName: '张秀英',
      borrowerPhone: '13812345678',
    });
    expect(lent.status, JSON.stringify(lent.body)).toBe(200);

    const masked = records((await book(staff, `${P}/shared-loans/export.xlsx`)).get('借用登记')!);
    expect(masked.find((r) => r['借用人'] === '张秀英')).toMatchObject({
      物品名称: '甲一人字梯',
      联系电话: '138****5678',
      方式: '柜台借出',
      借用状态: '借出中',
      应还日期: due,
    });
    expect(JSON.stringify(masked)).not.toContain('13812345678');
    const listed = await staff.get(`${P}/shared-loans?itemId=${item.id}`);
    expect(listed.body.items[0].borrower.phone).toBe('138****5678');

    const whole = records((await book(secretary, `${P}/shared-loans/export.xlsx`)).get('借用登记')!);
    expect(whole.find((r) => r['借用人'] === '张秀英')!['联系电话']).toBe('13812345678');

    const items = records((await book(staff, `${P}/shared-items/export.xlsx?status=lent`)).get('共享物品')!);
    expect(items.every((r) => r['状态'] === '借出中')).toBe(true);
    expect(items.find((r) => r['物品名称'] === '甲一人字梯')).toMatchObject({ 当前借用人: '张秀英', 应还日期: due });
  });

  it('speaks English to an en-US viewer and audits every download', async () => {
    staff.lang = 'en-US';
    const wb = await book(staff, `${P}/resources/export.xlsx?kind=equipment`);
    staff.lang = undefined;
    const sheet = wb.get('Resources')!;
    expect(sheet[0]!.slice(0, 4)).toEqual(['No.', 'Resource', 'Kind', 'Categories']);
    expect(records(sheet).every((r) => r['Kind'] === 'Equipment')).toBe(true);

    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'export.download'), eq(auditLog.actorId, staff.account.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(row?.after).toMatchObject({ route: `${P}/resources/export.xlsx`, filters: ['kind'] });

    // a resident (no coBuilding.read) gets nothing
    const resident = await t.as(['resident'], A1().household.id);
    expect((await download(resident, `${P}/needs/export.xlsx`)).statusCode).toBe(403);
  });
});
