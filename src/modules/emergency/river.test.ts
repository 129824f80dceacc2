import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../kernel/ledger/ledger.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { notifications } from '../notifications/schema.js';
import { INGEST_LIMITS } from './constants.js';
import type { Alert, Patrol, River } from './contract.js';
import { riverAlerts, riverReadings } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let streetAdmin: Signed, staff: Signed, member: Signed, farStaff: Signed, duty: Signed;
const A1 = () => tree.streetA.communities[0]!;
const P = '/api/river';

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
/** A gateway: no cookie, no CSRF token, the station key as a bearer token. */
const gateway = (key: string | null, body: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `${P}/ingest`,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    payload: body as object,
  });
const alertsOf = async (stationId: number) =>
  (await t.db.select({ n: count() }).from(riverAlerts).where(eq(riverAlerts.stationId, stationId)))[0]!.n;

let river: River;
let station: { stationId: number; code: string; key: string };

beforeAll(async () => {
  t = await testApp({ RATE_LIMITS: 'true' });
  tree = await t.factory.tree();
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  member = await t.as(['partyMember'], A1().household.id);
  duty = await t.as(['communityStaff'], A1().community.id);
  farStaff = await t.as(['communityStaff'], tree.streetB.communities[0]!.community.id);
  river = (await ok(
    streetAdmin.post(`${P}/rivers`, {
      name: '桃花江',
      territoryId: tree.streetA.street.id,
      chief: '街道河长 张三',
      course: [
        [110.25, 25.26],
        [110.27, 25.28],
      ],
    }),
    201,
  )) as River;
  river = (await ok(
    streetAdmin.post(`${P}/rivers/${river.id}/routes`, {
      name: '桃花江一社区段',
      territoryId: A1().community.id,
      line: [
        [110.25, 25.26],
        [110.26, 25.27],
      ],
    }),
    201,
  )) as River;
  station = await ok(
    streetAdmin.post(`${P}/rivers/${river.id}/stations`, {
      code: 'THJ-01',
      name: '桃花江一号监测站',
      territoryId: A1().community.id,
      location: { lng: 110.26, lat: 25.27 },
      responsibleAccountIds: [duty.account.id],
      thresholds: [
        { metric: 'ph', min: 6, max: 9 },
        { metric: 'waterLevel', max: 3.5 },
      ],
    }),
    201,
  );
});
afterAll(() => t.close());

describe('river patrols 党建+河长制', () => {
  it('keeps rivers and routes as lines; a patrol with problems files one order per problem', async () => {
    expect(river.routes[0]!.lengthM).toBeGreaterThan(1000);
    // A party member living in the community sees the river and patrols its route.
    const rivers = (await ok(member.get(`${P}/rivers`))) as River[];
    expect(rivers.map((r) => r.name)).toEqual(['桃花江']);
    const now = t.clock.now().getTime();
    const patrol = (await ok(
      member.post(`${P}/patrols`, {
        routeId: river.routes[0]!.id,
        startedAt: new Date(now - 3_600_000).toISOString(),
        endedAt: new Date(now - 600_000).toISOString(),
        walked: [
          [110.25, 25.26],
          [110.255, 25.265],
        ],
        problems: [{ description: '岸边有人倾倒垃圾' }, { description: '排污口有异味' }],
      }),
      201,
    )) as Patrol;
    expect(patrol.problems.every((p) => p.orderId! > 0)).toBe(true);
    const order = await ok(staff.get(`/api/orders/${patrol.problems[0]!.orderId}`));
    expect(order).toMatchObject({ kind: 'problem', title: '岸边有人倾倒垃圾' });
    const backwards = await member.post(`${P}/patrols`, {
      routeId: river.routes[0]!.id,
      startedAt: new Date(now).toISOString(),
      endedAt: new Date(now - 60_000).toISOString(),
    });
    expect(backwards.status).toBe(400);
    expect(
      (
        await farStaff.post(`${P}/patrols`, {
          routeId: river.routes[0]!.id,
          startedAt: new Date(now - 60_000),
          endedAt: new Date(now),
        })
      ).status,
    ).toBe(404);
    expect((await ok(staff.get(`${P}/patrols`))).total).toBe(1);
    expect((await ok(farStaff.get(`${P}/patrols`))).total).toBe(0);
  });

  it('readings over a threshold raise one alert each; replay, bad key and unknown station are refused without harm', async () => {
    const at = t.clock.now().toISOString();
    const reading = (id: string, metric: string, value: number) => ({
      station: 'THJ-01',
      readingId: id,
      metric,
      value,
      measuredAt: at,
    });
    const normal = await gateway(station.key, reading('g-1', 'ph', 7.1));
    expect(normal.statusCode).toBe(201);
    expect(normal.json()).toEqual({ accepted: true, alert: false });
    const high = await gateway(station.key, reading('g-2', 'ph', 9.6));
    expect(high.json()).toEqual({ accepted: true, alert: true });
    const flood = await gateway(station.key, reading('g-3', 'waterLevel', 3.9));
    expect(flood.json()).toEqual({ accepted: true, alert: true });
    expect(await alertsOf(station.stationId)).toBe(2);

    // Replayed id: 409, still one reading and one alert.
    const replay = await gateway(station.key, reading('g-2', 'ph', 9.6));
    expect(replay.statusCode).toBe(409);
    expect(await alertsOf(station.stationId)).toBe(2);
    // Bad key, no key, unknown station: the same 401; nothing stored.
    const before = (await t.db.select({ n: count() }).from(riverReadings))[0]!.n;
    expect((await gateway('gzk_not-the-key-at-all', reading('g-9', 'ph', 12))).statusCode).toBe(401);
    expect((await gateway(null, reading('g-9', 'ph', 12))).statusCode).toBe(401);
    const unknown = await gateway(station.key, { ...reading('g-9', 'ph', 12), station: 'NOPE-1' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe((await gateway('gzk_wrong-key-0000', reading('g-9', 'ph', 12))).json().message);
    expect((await t.db.select({ n: count() }).from(riverReadings))[0]!.n).toBe(before);
    // Bad input is 400 per field, never 500.
    const bad = await gateway(station.key, { station: 'THJ-01', readingId: '', metric: 'salt', value: 'x' });
    expect(bad.statusCode).toBe(400);

    // The responsible account heard about each alert once; the list shows them to staff, not to another street.
    const heard = await t.db.select().from(notifications).where(eq(notifications.accountId, duty.account.id));
    expect(heard.filter((n) => n.kind === 'river.alert')).toHaveLength(2);
    const alerts = (await ok(staff.get(`${P}/alerts?status=open`))).items as Alert[];
    expect(alerts.map((a) => [a.metric, a.value, a.bound, a.direction]).sort()).toEqual([
      ['ph', 9.6, 9, 'above'],
      ['waterLevel', 3.9, 3.5, 'above'],
    ]);
    expect((await ok(farStaff.get(`${P}/alerts`))).total).toBe(0);
    const closed = await ok(staff.post(`${P}/alerts/${alerts[0]!.id}/close`, { note: '已通知环保部门核查' }));
    expect(closed.status).toBe('closed');
    expect((await staff.post(`${P}/alerts/${alerts[0]!.id}/close`, { note: '再次' })).status).toBe(409);

    // A new key: the old one stops working.
    const fresh = await ok(streetAdmin.post(`${P}/stations/${station.stationId}/key`));
    expect((await gateway(station.key, reading('g-10', 'ph', 7))).statusCode).toBe(401);
    expect((await gateway(fresh.key, reading('g-10', 'ph', 7))).statusCode).toBe(201);
    station = { ...station, key: fresh.key };
  });

  it('imports readings from Excel: replayed ids are row errors, alerts as for the gateway', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('readings');
    ws.addRow(['监测站编号', '数据编号', '指标', '数值', '监测时间']);
    ws.addRow(['THJ-01', 'x-1', 'pH值', '5.2', '2026-07-01 08:00']);
    ws.addRow(['THJ-01', 'x-2', '溶解氧', '6.5', '2026-07-01 08:00']);
    ws.addRow(['THJ-01', 'g-1', 'pH值', '7.0', '2026-07-01 08:00']);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = (mode: string) =>
      t.app.inject({
        method: 'POST',
        url: `${P}/readings/import?mode=${mode}`,
        headers: {
          'content-type': XLSX_MIME,
          cookie: [...streetAdmin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': streetAdmin.cookies.get('gz_csrf') ?? '',
        },
        payload: body,
      });
    const all = (await upload('all')).json();
    expect(all).toMatchObject({ imported: 0, total: 3 });
    expect(all.errors).toHaveLength(1);
    expect(all.errors[0].row).toBe(4);
    const before = await alertsOf(station.stationId);
    const good = (await upload('goodRows')).json();
    expect(good).toMatchObject({ imported: 2, total: 3 });
    expect(await alertsOf(station.stationId)).toBe(before + 1); // pH 5.2 is below 6
  });

  it('the gateway endpoint is limited per station', async () => {
    let last = 0;
    for (let i = 0; i <= INGEST_LIMITS.perStation; i++)
      last = (
        await gateway('gzk_wrong-key-0000', {
          station: 'THJ-LIMIT',
          readingId: `l${i}`,
          metric: 'ph',
          value: 7,
          measuredAt: new Date().toISOString(),
        })
      ).statusCode;
    expect(last).toBe(429);
  });
});
