import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { XLSX_MIME } from '../../kernel/ledger/ledger.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';

type Session = Awaited<ReturnType<TestApp['as']>>;
import { fakeIdNumber } from './people.seed.js';
import { residents } from './schema.js';

type Tree = Awaited<ReturnType<TestApp['factory']['tree']>>;
let t: TestApp;
let tree: Tree;
let staff: Session;
let secretary: Session;

const ID_A = fakeIdNumber('630104', '1958-03-08', 11, 'male');
const ID_B = fakeIdNumber('630104', '1990-12-01', 12, 'female');

/** A raw request (binary bodies and replies) with the client's cookies and CSRF token. */
async function raw(c: Client, method: 'GET' | 'POST', url: string, body?: Buffer) {
  if (method === 'POST' && !c.cookies.has('gz_csrf')) await c.get('/api/auth/csrf');
  const res = await t.app.inject({
    method,
    url,
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(method === 'POST' ? { 'x-csrf-token': c.cookies.get('gz_csrf') ?? '', 'content-type': XLSX_MIME } : {}),
      ...(c.lang ? { 'accept-language': c.lang } : {}),
    },
    ...(body ? { payload: body } : {}),
  });
  return res;
}

async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return out;
}

/** A workbook with the template's first sheet plus rows. */
async function fill(template: Buffer, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const addrA = () =>
  `${tree.streetA.communities[0]!.community.name}/${tree.streetA.communities[0]!.compound.name}/1号楼/101室`;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], tree.streetA.street.id);
  secretary = await t.as(['communitySecretary'], tree.streetA.street.id);
});
afterAll(() => t.close());

describe('residents: personal numbers', () => {
  let id: number;
  it('stores phone and ID numbers only encrypted, and answers them masked', async () => {
    const res = await staff.post('/api/people/residents', {
      name: '马建国',
      gender: 'male',
      birthDate: '1958-03-08',
      householdId: tree.streetA.communities[0]!.household.id,
      relation: 'householder',
      tags: ['elderlyAlone'],
      phone: '138 0013 1234',
      idNumber: ID_A,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phone: '138****1234',
      idNumber: `${ID_A.slice(0, 4)}**********${ID_A.slice(-4)}`,
      tags: ['elderlyAlone'],
      isPartyMember: false,
    });
    id = res.body.id;
    const rows = await t.database.query<Record<string, unknown>>('select * from residents where id = $1', [id]);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain('13800131234');
    expect(stored).not.toContain(ID_A);
    expect(String(rows[0]!.phone_enc)).toMatch(/^v1:[0-9a-f]{8}:/); // key id stored with the ciphertext
    expect(String(rows[0]!.phone_hash)).toMatch(/^[0-9a-f]{64}$/);
    // the audit log holds no plain number either
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'resident.create'), eq(auditLog.objectId, String(id))));
    expect(JSON.stringify(entries)).not.toContain('13800131234');
  });

  it('finds a resident by the full phone number or ID number through the keyed hash', async () => {
    const byPhone = await staff.get('/api/people/residents?phone=13800131234');
    expect(byPhone.body.items.map((r: { id: number }) => r.id)).toEqual([id]);
    expect(byPhone.body.items[0].phone).toBe('138****1234');
    const byId = await staff.get(`/api/people/residents?idNumber=${ID_A.toLowerCase()}`);
    expect(byId.body.total).toBe(1);
    expect((await staff.get('/api/people/residents?phone=13800139999')).body.total).toBe(0);
    const partial = await staff.get('/api/people/residents?phone=1234');
    expect(partial.status).toBe(400);
    expect(partial.body.fields[0].field).toBe('querystring.phone');
  });

  it('rejects a bad phone and an ID number with a wrong check character, one message per field', async () => {
    const bad = ID_B.slice(0, 17) + (ID_B[17] === '0' ? '1' : '0');
    const res = await staff.post('/api/people/residents', {
      name: '李四',
      householdId: tree.streetA.communities[0]!.household.id,
      phone: '12345678901',
      idNumber: bad,
    });
    expect(res.status).toBe(400);
    const fields = Object.fromEntries(
      res.body.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
    );
    expect(fields.phone).toBe('手机号应为 11 位，以 13–19 开头');
    expect(fields.idNumber).toBe('身份证号校验位不正确');
    const en = t.client('en-US');
    en.cookies = staff.cookies;
    const res2 = await en.post('/api/people/residents', {
      name: 'x',
      householdId: tree.streetA.communities[0]!.household.id,
      idNumber: '63010419581',
    });
    expect(res2.body.fields).toEqual([{ field: 'idNumber', message: expect.stringMatching(/18 characters/) }]);
    const dup = await staff.post('/api/people/residents', {
      name: '重复',
      householdId: tree.streetA.communities[0]!.household.id,
      idNumber: ID_A,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.fields[0].field).toBe('idNumber');
    const notHousehold = await staff.post('/api/people/residents', {
      name: '错层',
      householdId: tree.streetA.communities[0]!.building.id,
    });
    expect(notHousehold.status).toBe(400);
    expect(notHousehold.body.fields[0].field).toBe('householdId');
  });

  it('reveals the plain numbers only to holders of resident.reveal, and audits every reveal', async () => {
    expect((await staff.post(`/api/people/residents/${id}/reveal`)).status).toBe(403);
    const res = await secretary.post(`/api/people/residents/${id}/reveal`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, phone: '13800131234', idNumber: ID_A });
    // the secretary's list is masked like everyone's
    expect((await secretary.get(`/api/people/residents/${id}`)).body.phone).toBe('138****1234');
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'resident.reveal'), eq(auditLog.objectId, String(id))));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorId).toBe(secretary.account.id);
    expect(JSON.stringify(entries[0])).not.toContain('13800131234');
  });

  it('keeps residents outside the subtree out of sight (404, empty lists)', async () => {
    const outside = await secretary.post('/api/people/residents', {
      name: '外街',
      householdId: tree.streetB.communities[0]!.household.id,
    });
    expect(outside.status).toBe(404);
    const [row] = await t.db
      .insert(residents)
      .values({
        name: '乙街居民',
        householdId: tree.streetB.communities[0]!.household.id,
        scopePath: tree.streetB.communities[0]!.household.path,
      })
      .returning();
    expect((await staff.get(`/api/people/residents/${row!.id}`)).status).toBe(404);
    expect((await secretary.post(`/api/people/residents/${row!.id}/reveal`)).status).toBe(404);
    expect((await staff.get(`/api/people/residents?q=乙街`)).body.total).toBe(0);
    expect((await staff.get(`/api/people/residents?territoryId=${tree.streetB.street.id}`)).body.total).toBe(0);
  });

  it('updates and deletes with audit rows', async () => {
    const upd = await staff.patch(`/api/people/residents/${id}`, { phone: '13912345678', tags: [] });
    expect(upd.status).toBe(200);
    expect(upd.body.phone).toBe('139****5678');
    expect((await staff.get('/api/people/residents?phone=13800131234')).body.total).toBe(0);
    expect((await staff.get('/api/people/residents?phone=13912345678')).body.total).toBe(1);
    const created = await staff.post('/api/people/residents', {
      name: '临时',
      householdId: tree.streetA.communities[1]!.household.id,
    });
    expect((await staff.delete(`/api/people/residents/${created.body.id}`)).status).toBe(403); // staff may not delete
    expect((await secretary.delete(`/api/people/residents/${created.body.id}`)).status).toBe(204);
    const actions = (
      await t.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.objectType, 'resident'))
    ).map((r) => r.a);
    expect(actions).toEqual(
      expect.arrayContaining(['resident.create', 'resident.update', 'resident.delete', 'resident.reveal']),
    );
  });
});

describe('households and self-service', () => {
  it('shows a household with its members and its address from the community down', async () => {
    const hh = tree.streetA.communities[0]!.household;
    const res = await staff.get(`/api/people/households/${hh.id}`);
    expect(res.status).toBe(200);
    expect(res.body.address).toBe(addrA());
    expect(res.body.members.length).toBeGreaterThan(0);
    expect(res.body.members[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const list = await staff.get(`/api/people/households?territoryId=${tree.streetA.communities[0]!.community.id}`);
    expect(list.body.items[0]).toMatchObject({ id: hh.id, memberCount: res.body.members.length });
  });

  it('lets a resident see and export their own record, and no other household (404)', async () => {
    const hh = tree.streetA.communities[1]!.household;
    const me = await t.as(['resident'], hh.id);
    const phone = '13700001111';
    const mine = await staff.post('/api/people/residents', {
      name: '陈秀兰',
      householdId: hh.id,
      phone,
      idNumber: ID_B,
    });
    await staff.post('/api/people/residents', { name: '陈家人', householdId: hh.id, phone: '13700002222' });
    await t.db.update(residents).set({ accountId: me.account.id }).where(eq(residents.id, mine.body.id));

    const res = await me.get('/api/people/me');
    expect(res.status).toBe(200);
    expect(res.body.resident).toMatchObject({ id: mine.body.id, phone: '137****1111' });
    expect(res.body.members.map((m: { name: string; phone: string }) => [m.name, m.phone])).toEqual([
      ['陈家人', '137****2222'],
    ]);

    const json = await raw(me, 'GET', '/api/people/me/export?format=json');
    expect(json.statusCode).toBe(200);
    const body = JSON.parse(json.body);
    expect(body.resident.phone).toBe(phone); // their own data in full
    expect(body.members[0].phone).toBe('137****2222'); // others still masked
    const xlsx = await raw(me, 'GET', '/api/people/me/export');
    expect(xlsx.headers['content-type']).toBe(XLSX_MIME);
    expect(JSON.stringify(await sheetRows(xlsx.rawPayload))).toContain(phone);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'resident.selfExport'))).toHaveLength(2);

    expect((await me.get(`/api/people/households/${hh.id}`)).status).toBe(200);
    expect((await me.get(`/api/people/households/${tree.streetA.communities[0]!.household.id}`)).status).toBe(404);
    expect((await me.get(`/api/people/residents/${mine.body.id}`)).status).toBe(403);
    expect((await me.get('/api/people/residents')).status).toBe(403);
    // an account without a record has nothing to see
    const stranger = await t.as(['resident'], hh.id);
    expect((await stranger.get('/api/people/me')).status).toBe(404);
    expect((await stranger.get(`/api/people/households/${hh.id}`)).status).toBe(404);
  });
});

describe('residents ledger', () => {
  it('gives a template with headers, an example row and a notes sheet, and imports it back (example ignored)', async () => {
    const res = await raw(staff, 'GET', '/api/people/residents/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual([
      '姓名',
      '性别',
      '出生日期',
      '身份证号',
      '手机号',
      '住址（社区/小区/楼栋/单元/户）',
      '与户主关系',
      '关爱标签',
      '备注',
    ]);
    expect(rows).toHaveLength(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['居民台账', '填写说明']);

    const file = await fill(res.rawPayload, [
      [
        '王芳',
        '女',
        '1980-01-02',
        fakeIdNumber('630104', '1980-01-02', 3, 'female'),
        '13611112222',
        addrA(),
        '配偶',
        '低保户、残疾人',
        '',
      ],
    ]);
    const imp = await raw(staff, 'POST', '/api/people/residents/import?mode=all', file);
    expect(imp.statusCode).toBe(200);
    expect(JSON.parse(imp.body)).toEqual({ mode: 'all', total: 1, imported: 1, skipped: 0, errors: [] });
    const found = await staff.get('/api/people/residents?phone=13611112222');
    expect(found.body.items[0]).toMatchObject({
      name: '王芳',
      gender: 'female',
      relation: 'spouse',
      tags: ['lowIncome', 'disabled'],
      address: addrA(),
    });
  });

  const badFile = async () => {
    const tpl = (await raw(staff, 'GET', '/api/people/residents/template.xlsx')).rawPayload;
    return fill(tpl, [
      ['好人甲', '男', '1970-05-05', '', '13500000001', addrA(), '', '', ''],
      ['坏手机', '男', '', '', '1350000', addrA(), '', '', ''],
      ['坏身份证', '女', '', '630104199001010000', '', addrA(), '', '', ''],
      ['', '男', '1970-13-40', '', '', '不存在的社区/某小区/1号楼/101室', '舅舅', '', ''],
      ['好人乙', '女', '', '', '13500000002', addrA(), '子女', '', ''],
      ['重复证号', '女', '', ID_A, '', addrA(), '', '', ''],
    ]);
  };

  it('reports every bad row with its row number, column and reason, and in mode all writes nothing', async () => {
    const before = (await t.db.select().from(residents)).length;
    const auditBefore = (await t.db.select().from(auditLog)).length;
    const res = await raw(staff, 'POST', '/api/people/residents/import?mode=all', await badFile());
    const rep = JSON.parse(res.body);
    expect(rep).toMatchObject({ mode: 'all', total: 6, imported: 0, skipped: 6 });
    const errs = rep.errors.map(
      (e: { row: number; column: string; message: string }) => `${e.row}|${e.column}|${e.message}`,
    );
    expect(errs).toEqual(
      expect.arrayContaining([
        '4|手机号|手机号应为 11 位，以 13–19 开头',
        '5|身份证号|身份证号校验位不正确',
        '6|姓名|必填',
        '6|出生日期|日期格式应为 YYYY-MM-DD',
        expect.stringMatching(/^6\|与户主关系\|取值无效/),
        '8|身份证号|该身份证号已登记',
      ]),
    );
    // Row numbers are the spreadsheet's: header row 1, the template's example row 2, data from row 3.
    expect(rep.errors.every((e: { row: number }) => [4, 5, 6, 8].includes(e.row))).toBe(true);
    expect((await t.db.select().from(residents)).length).toBe(before);
    expect((await t.db.select().from(auditLog)).length).toBe(auditBefore);
  });

  it('in mode goodRows writes only the good rows, one audit row each plus a summary', async () => {
    const before = (await t.db.select().from(residents)).length;
    const res = await raw(staff, 'POST', '/api/people/residents/import?mode=goodRows', await badFile());
    const rep = JSON.parse(res.body);
    expect(rep).toMatchObject({ mode: 'goodRows', total: 6, imported: 2, skipped: 4 });
    expect((await t.db.select().from(residents)).length).toBe(before + 2);
    expect((await staff.get('/api/people/residents?phone=13500000002')).body.items[0].name).toBe('好人乙');
    const summary = await t.db.select().from(auditLog).where(eq(auditLog.action, 'resident.import'));
    expect(summary.at(-1)!.after).toMatchObject({ mode: 'goodRows', total: 6, imported: 2, badRows: 4 });
  });

  it('answers errors in the English headers for an English user, and refuses a file that is not xlsx', async () => {
    const en = t.client('en-US');
    en.cookies = staff.cookies;
    const rep = JSON.parse((await raw(en, 'POST', '/api/people/residents/import', await badFile())).body);
    expect(rep.errors.find((e: { row: number }) => e.row === 4)).toEqual({
      row: 4,
      column: 'Mobile',
      message: expect.stringMatching(/11 digits/),
    });
    const junk = await raw(staff, 'POST', '/api/people/residents/import', Buffer.from('not a spreadsheet'));
    expect(junk.statusCode).toBe(400);
  });

  it('exports the filtered list with the same scope and masking as the list', async () => {
    await t.db.insert(residents).values({
      name: '乙街导出',
      householdId: tree.streetB.communities[0]!.household.id,
      scopePath: tree.streetB.communities[0]!.household.path,
    });
    const res = await raw(staff, 'GET', '/api/people/residents/export.xlsx');
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    const list = await staff.get('/api/people/residents?pageSize=200');
    expect(rows.length - 1).toBe(list.body.total);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('乙街');
    expect(text).not.toContain('13500000002');
    expect(text).toContain('135****0002');
    const filtered = await sheetRows(
      (await raw(staff, 'GET', '/api/people/residents/export.xlsx?phone=13500000002')).rawPayload,
    );
    expect(filtered).toHaveLength(2);
  });

  it('imports and exports households', async () => {
    const tpl = (await raw(staff, 'GET', '/api/people/households/template.xlsx')).rawPayload;
    const parent = `${tree.streetA.communities[0]!.community.name}/${tree.streetA.communities[0]!.compound.name}/1号楼`;
    const file = await fill(tpl, [
      [parent, '201室'],
      [parent, '101室'], // exists already
      ['某社区/某小区/9号楼', '101室'],
    ]);
    const all = JSON.parse((await raw(staff, 'POST', '/api/people/households/import?mode=all', file)).body);
    expect(all).toMatchObject({ imported: 0, skipped: 3 });
    expect(all.errors.map((e: { row: number }) => e.row)).toEqual([4, 5]);
    const good = JSON.parse((await raw(staff, 'POST', '/api/people/households/import?mode=goodRows', file)).body);
    expect(good).toMatchObject({ imported: 1 });
    const list = await staff.get(`/api/people/households?q=201室`);
    expect(list.body.items[0].address).toBe(`${parent}/201室`);
    const rows = await sheetRows((await raw(staff, 'GET', '/api/people/households/export.xlsx')).rawPayload);
    expect(rows.map((r) => r[1])).toContain('201室');
    expect(JSON.stringify(rows)).not.toContain('乙街道');
  });
});
