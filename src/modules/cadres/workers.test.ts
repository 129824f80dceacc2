import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '../../kernel/clock.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { communityWorkers } from './schema.js';

/** The community workers' register on 三岗十八级 (decision 054): derived grade, post changes, scope, bad input. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secretary: Client;
let staff: Client;
let street: Client;
let outsider: Client;
let en: Client;

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const today = () => chinaDay(t.clock.now());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  street = await t.as(['streetAdmin'], tree.streetA.street.id);
  outsider = await t.as(['streetAdmin'], tree.streetB.street.id);
  en = await t.as(['communitySecretary'], A1().community.id);
  en.lang = 'en-US';
});
afterAll(() => t.close());

describe('community workers 社区工作者: 三岗十八级', () => {
  let id: number;
  let started: string;

  it('registers a worker; grade and pay grade are derived by the rule (hand computation), audited', async () => {
    // 7 full years of community work (2,565 days is past the 7th anniversary, leap days included) + a master's 5.
    started = addDays(today(), -(7 * 365 + 10));
    const w = await ok(
      secretary.post('/api/cadres/workers', {
        name: '韩雪',
        phone: '13912345678',
        communityId: A1().community.id,
        startedOn: started,
        degree: 'master',
        post: 'staff',
        title: '专职网格员',
      }),
      201,
    );
    id = w.id;
    // staff spans grades 1–12: 1 + floor((7 + 5) / 3) = 5; band 5; next grade at 15 counted years = 10 years of work.
    expect(w.current).toMatchObject({ post: 'staff', grade: 5, band: 5, years: 7, countedYears: 12 });
    const [y, m, d] = started.split('-').map(Number);
    expect(w.current.nextOn).toBe(new Date(Date.UTC(y! + 10, m! - 1, d!)).toISOString().slice(0, 10));
    expect(w.phone).toBe('13912345678'); // the secretary manages: unmasked
    // History: start at 1 + floor(5/3) = 2, then 3 (year 1: 6), 4 (year 4: 9), 5 (year 7: 12).
    expect(w.history.map((h: { grade: number; cause: string }) => [h.grade, h.cause])).toEqual([
      [2, 'start'],
      [3, 'years'],
      [4, 'years'],
      [5, 'years'],
    ]);
    const [row] = await t.db.select().from(communityWorkers).where(eq(communityWorkers.id, id));
    expect(row!.phone).toBe('13912345678'); // read back decrypted
    const rows = rowsOf(await t.db.execute(sql`select phone from community_workers where id = ${id}`));
    expect(String(rows[0]!.phone).startsWith('v1:')).toBe(true);
    const [a] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'cadres.worker.create'), eq(auditLog.objectId, String(id))));
    expect(JSON.stringify(a!.after)).toContain('139****5678');
  });

  it('a change of post is a dated record with its reason; the grade follows; audited before/after', async () => {
    const from = addDays(today(), -3);
    const w = await ok(
      secretary.post(`/api/cadres/workers/${id}/posts`, {
        post: 'deputy',
        title: '居委会副主任',
        fromOn: from,
        reason: '社区“两委”换届当选居委会副主任',
      }),
      201,
    );
    // deputy spans 4–15: 4 + floor(12 / 3) = 8.
    expect(w.current).toMatchObject({ post: 'deputy', grade: 8, band: 5 });
    expect(w.title).toBe('居委会副主任');
    expect(w.history.at(-1)).toMatchObject({
      on: from,
      post: 'deputy',
      grade: 8,
      cause: 'post',
      reason: '社区“两委”换届当选居委会副主任',
    });
    expect(w.posts[0]).toMatchObject({ post: 'deputy', fromOn: from, recordedBy: expect.any(String) });
    const [a] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'cadres.worker.changePost'), eq(auditLog.objectId, String(id))));
    expect(a!.before).toMatchObject({ post: 'staff' });
    expect(a!.after).toMatchObject({ post: 'deputy', reason: '社区“两委”换届当选居委会副主任' });
    const head = await ok(
      secretary.post(`/api/cadres/workers/${id}/posts`, { post: 'head', fromOn: today(), reason: '任社区党委书记' }),
      201,
    );
    expect(head.current).toMatchObject({ post: 'head', grade: 11 }); // 7 + 4
  });

  it('refuses bad input with a message per field, in the caller language', async () => {
    const bad = await secretary.post('/api/cadres/workers', {
      name: '',
      phone: '123',
      communityId: A1().community.id,
      startedOn: '2026-02-30',
      degree: 'phd',
      post: 'boss',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['degree', 'name', 'phone', 'post', 'startedOn']);
    const future = await en.post('/api/cadres/workers', {
      name: '赵磊',
      communityId: A1().community.id,
      startedOn: addDays(today(), 2),
      degree: 'none',
      post: 'staff',
    });
    expect(future.status).toBe(400);
    expect(future.body.fields).toEqual([{ field: 'startedOn', message: 'The date cannot be after today' }]);
    const street = await secretary.post('/api/cadres/workers', {
      name: '赵磊',
      communityId: A1().compound.id,
      startedOn: today(),
      degree: 'none',
      post: 'staff',
    });
    expect(street.status).toBe(400);
    expect(street.body.fields[0]).toMatchObject({ field: 'communityId', message: '请选择一个社区' });
    const before = await secretary.post(`/api/cadres/workers/${id}/posts`, {
      post: 'staff',
      fromOn: addDays(today(), -10),
      reason: '调整',
    });
    expect(before.status).toBe(400);
    expect(before.body.fields[0].field).toBe('fromOn');
    const noReason = await secretary.post(`/api/cadres/workers/${id}/posts`, { post: 'staff', fromOn: today() });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0].field).toBe('reason');
    const left = await secretary.patch(`/api/cadres/workers/${id}`, { status: 'left', reason: '调离' });
    expect(left.status).toBe(400);
    expect(left.body.fields[0].field).toBe('leftOn');
  });

  it('a community sees its own, a street its subtree; outside is 404; staff see masked phones', async () => {
    await ok(
      street.post('/api/cadres/workers', {
        name: '祁文斌',
        communityId: A2().community.id,
        startedOn: '2021-03-01',
        degree: 'bachelor',
        post: 'staff',
      }),
      201,
    );
    const b = await ok(
      outsider.post('/api/cadres/workers', {
        name: '朱晓梅',
        phone: '13700001111',
        communityId: B1().community.id,
        startedOn: '2016-04-05',
        degree: 'none',
        post: 'staff',
      }),
      201,
    );
    expect(
      (
        await secretary.post('/api/cadres/workers', {
          name: '越界',
          communityId: B1().community.id,
          startedOn: '2020-01-01',
          degree: 'none',
          post: 'staff',
        })
      ).status,
    ).toBe(404);
    const own = await ok(staff.get('/api/cadres/workers'));
    expect(own.items.map((x: { name: string }) => x.name)).toEqual(['韩雪']);
    expect(own.items[0].phone).toBe('139****5678');
    const sub = await ok(street.get('/api/cadres/workers'));
    expect(sub.total).toBe(2);
    expect((await staff.get(`/api/cadres/workers/${b.id}`)).status).toBe(404);
    expect((await secretary.patch(`/api/cadres/workers/${b.id}`, { name: 'x', reason: '更正姓名' })).status).toBe(404);
    expect(
      (await secretary.post(`/api/cadres/workers/${b.id}/posts`, { post: 'head', fromOn: today(), reason: '任职' }))
        .status,
    ).toBe(404);
    expect((await street.get(`/api/cadres/workers?territoryId=${B1().community.id}`)).status).toBe(404);
    // Staff read but do not keep the register.
    expect(
      (
        await staff.post('/api/cadres/workers', {
          name: 'x',
          communityId: A1().community.id,
          startedOn: '2020-01-01',
          degree: 'none',
          post: 'staff',
        })
      ).status,
    ).toBe(403);
  });

  it('filters by community, post and grade (derived), paginated', async () => {
    expect((await ok(street.get(`/api/cadres/workers?territoryId=${A2().community.id}`))).total).toBe(1);
    expect((await ok(street.get('/api/cadres/workers?post=head'))).items.map((x: { name: string }) => x.name)).toEqual([
      '韩雪',
    ]);
    expect((await ok(street.get('/api/cadres/workers?grade=11'))).total).toBe(1);
    expect((await ok(street.get('/api/cadres/workers?grade=5'))).total).toBe(0);
    const page = await ok(street.get('/api/cadres/workers?pageSize=1&page=2'));
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
  });

  it('a correction of the start day is audited with its reason and moves the grade; a worker who left keeps the record', async () => {
    const w = await ok(secretary.patch(`/api/cadres/workers/${id}`, { degree: 'none', reason: '学历核实为大专' }));
    expect(w.current).toMatchObject({ post: 'head', grade: 9 }); // 7 + floor(7 / 3)
    const [a] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'cadres.worker.update'), eq(auditLog.objectId, String(id))));
    expect(a!.before).toMatchObject({ degree: 'master' });
    expect(a!.after).toMatchObject({ degree: 'none', reason: '学历核实为大专' });
    const left = await ok(
      secretary.patch(`/api/cadres/workers/${id}`, { status: 'left', leftOn: today(), reason: '调离' }),
    );
    expect(left.status).toBe('left');
    expect((await ok(street.get('/api/cadres/workers?status=active'))).total).toBe(1);
  });

  it('the figure of workers in post equals its drill-down list', async () => {
    const d = await ok(street.get(`/api/dashboard?territoryId=${tree.streetA.street.id}&months=0&children=false`));
    const f = d.figures.find((x: { key: string }) => x.key === 'cadres.workers');
    expect(f.amount.value).toBe(1);
    const list = await ok(street.get(`/api${f.drill}`));
    expect(list.total).toBe(f.amount.value);
  });
});
