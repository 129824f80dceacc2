import { and, eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../kernel/context.js';
import { queryNamedIn } from '../../kernel/db/client.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { auditLog } from '../../kernel/db/schema.js';
import { grantedTo, type Role } from '../../kernel/rbac/rbac.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { CreateOrder } from './contract.js';
import type { OrderOrigin } from './constants.js';
import { INTAKE_ROLLUP_SQL, INTAKE_SQL, ORDER_COLUMNS, sqlName } from './intake.sql.js';
import { orderEvents, orderMenuItems, orderRoutingRules, serviceOrderRollups, serviceOrders } from './schema.js';
import { createOrder, createOrderViaDrizzle } from './service-orders.service.js';

/**
 * Decision 056: the one-statement create (intake.sql.ts) writes the same rows as the drizzle path it replaced — the
 * order, its timeline entry, its audit row, its rollup delta (and the notifications around it) — for every kind of
 * order; and its SQL names only columns the drizzle schema and the database have.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
const A1 = () => tree.streetA.communities[0]!;
const box = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ] as [number, number][],
  ],
});

async function ctxOf(roles: Role[], territory: { id: number; path: string }): Promise<Ctx> {
  const acc = await t.factory.account({ roles, territoryId: territory.id });
  return {
    db: t.db,
    actor: {
      accountId: acc.id,
      username: acc.username,
      displayName: acc.displayName,
      roles,
      permissions: grantedTo(roles),
      territoryId: territory.id,
      scopePath: territory.path,
      sessionId: '',
    },
    clock: t.clock,
    requestId: 'req-intake',
    ip: '127.0.0.1',
    locale: 'zh-CN',
  };
}

let staff: Ctx, resident: Ctx;
let menuItemId: number;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  const c = A1().community;
  staff = await ctxOf(['communityStaff'], c);
  resident = await ctxOf(['resident'], A1().household);
  // A second staff account, so the 'order.placed' notice has someone to go to.
  await t.factory.account({ roles: ['communityStaff'], territoryId: c.id });
  const staffClient = await t.as(['communityStaff'], c.id);
  const grid = await staffClient.post('/api/grids', {
    communityId: c.id,
    kind: 'basic',
    name: '第一网格',
    geometry: box(101.7, 36.6, 101.71, 36.61),
  });
  expect(grid.status, JSON.stringify(grid.body)).toBe(201);
  const [item] = await t.db
    .insert(orderMenuItems)
    .values({ communityId: c.id, scopePath: c.path, name: '上门理发', category: 'elderCare' })
    .returning();
  menuItemId = item!.id;
  await t.db.insert(orderRoutingRules).values({
    communityId: c.id,
    scopePath: c.path,
    category: 'repair',
    handlerKind: 'department',
    department: '物业办',
    respondHours: 3,
    resolveHours: 30,
  });
});
afterAll(() => t.close());

/** The rollup summed over the slots, per key (a create's slot follows its id, so the two paths draw different ones). */
async function rollupSums(): Promise<Map<string, number[]>> {
  const rows = rowsOf(
    await t.db.execute(sql`select grain, period::text as period, node_path, handler_unit_id,
      sum(found)::int f, sum(claimed)::int c, sum(resolved)::int r, sum(responded_on_time)::int o, sum(rated)::int ra,
      sum(satisfied)::int s, sum(reopened)::int re, sum(resolve_ms)::bigint ms
      from ${serviceOrderRollups} group by 1, 2, 3, 4`),
  );
  return new Map(
    rows.map((r) => [
      `${String(r.grain)}|${String(r.period)}|${String(r.node_path)}|${String(r.handler_unit_id)}`,
      [r.f, r.c, r.r, r.o, r.ra, r.s, r.re, r.ms].map(Number),
    ]),
  );
}
function delta(a: Map<string, number[]>, b: Map<string, number[]>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? [0, 0, 0, 0, 0, 0, 0, 0];
    const y = b.get(k) ?? [0, 0, 0, 0, 0, 0, 0, 0];
    const d = y.map((v, i) => v - x[i]!);
    if (d.some((v) => v !== 0)) out[k] = d;
  }
  return out;
}

/** Every row one create wrote, less the ids. */
async function written(id: number) {
  const [order] = await t.db.select().from(serviceOrders).where(eq(serviceOrders.id, id));
  const events = await t.db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
  const audits = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, 'serviceOrder'), eq(auditLog.objectId, String(id))));
  const notices = rowsOf(
    await t.db.execute(
      sql`select account_id, kind, params, link, held from notifications where order_id = ${id} order by account_id`,
    ),
  );
  const { id: _o, ...orderRest } = order!;
  return {
    order: orderRest,
    events: events.map(({ id: _e, orderId: _x, ...e }) => e),
    audits: audits.map(({ id: _a, objectId: _x, after, prevHash, hash, chainSeq, ...a }) => {
      expect({ prevHash, hash, chainSeq }).toEqual({ prevHash: null, hash: null, chainSeq: null });
      const { id: afterId, ...afterRest } = after as Record<string, unknown>;
      expect(afterId).toBe(id);
      return { ...a, after: afterRest };
    }),
    notices: notices.map((n) => ({ ...n, link: String(n.link).replace(String(id), ':id') })),
  };
}

const KINDS: [string, () => Ctx, CreateOrder, OrderOrigin][] = [
  [
    'a problem report at the household (routing rule applies)',
    () => resident,
    { kind: 'problem', category: 'repair', title: '楼道灯不亮', description: '3 号楼' },
    'report',
  ],
  [
    'a problem report with a point in a grid',
    () => resident,
    {
      kind: 'problem',
      category: 'environment',
      title: '垃圾堆放',
      location: { lng: 101.705, lat: 36.605, address: '西关大街 1 号' },
    },
    'report',
  ],
  [
    'a problem report at the household with a point in a grid (as the bench sends it)',
    () => resident,
    {
      kind: 'problem',
      category: 'repair',
      title: '路灯坏了',
      territoryId: -1,
      location: { lng: 101.702, lat: 36.603 },
    },
    'report',
  ],
  [
    'a menu service 点单',
    () => resident,
    { kind: 'menuService', category: 'other', title: '上门理发', menuItemId: 0 },
    'report',
  ],
  [
    'a micro-wish 微心愿',
    () => resident,
    { kind: 'microWish', category: 'other', title: '想要一套儿童读物' },
    'report',
  ],
  [
    'a walk-in with a phone, outside the grids on the staff’s confirmation',
    () => staff,
    {
      kind: 'problem',
      category: 'repair',
      title: '水管漏水',
      location: { lng: 101.73, lat: 36.62 },
      walkIn: { name: '王秀英', phone: '13912345678' },
      confirmOutside: true,
    },
    'report',
  ],
  [
    'a walk-in without a phone at a place',
    () => staff,
    { kind: 'problem', category: 'repair', title: '门禁坏了', walkIn: { name: '李大爷' }, territoryId: -1 },
    'report',
  ],
  [
    'a one-window order 一窗受理',
    () => staff,
    { kind: 'problem', category: 'policy', title: '办理：低保' },
    'oneWindow',
  ],
  ['a patrol finding 排摸发现', () => staff, { kind: 'problem', category: 'safety', title: '消防通道堵塞' }, 'patrol'],
  ['a mediation case', () => staff, { kind: 'mediation', category: 'neighbour', title: '邻里噪音纠纷' }, 'report'],
];

describe('the one-statement create writes what the drizzle path wrote', () => {
  for (const [label, who, template, origin] of KINDS) {
    it(label, async () => {
      const input: CreateOrder = {
        ...template,
        ...(template.menuItemId === 0 ? { menuItemId } : {}),
        ...(template.territoryId === -1 ? { territoryId: A1().household.id } : {}),
      };
      const ctx = who();
      const r0 = await rollupSums();
      const old = await createOrderViaDrizzle(ctx, input, undefined, origin);
      const r1 = await rollupSums();
      const now = await createOrder(ctx, input, undefined, origin);
      const r2 = await rollupSums();

      const before = await written(old.id);
      const after = await written(now.id);
      expect(after).toEqual(before);
      expect(after.events).toHaveLength(1);
      expect(after.audits).toHaveLength(1);
      expect(delta(r1, r2)).toEqual(delta(r0, r1));
      expect(Object.keys(delta(r0, r1))).toHaveLength(3);
      // The cases are what their labels say.
      if (label.includes('routing rule')) expect(after.order.respondHours).toBe(3);
      if (label.includes('in a grid')) expect(after.order.gridId).not.toBeNull();
      if (label.includes('outside')) expect(after.events[0]!.data).toMatchObject({ outsideConfirmed: true });
      if (label.includes('walk-in')) expect(after.order.reporterAccountId).toBeNull();
      if (label.includes('menu')) expect(after.order).toMatchObject({ menuItemId, category: 'elderCare' });
      expect(after.order.origin).toBe(origin);
      // The answer too (less ids and the duplicates, where the second create finds the first).
      const strip = (d: typeof old) => {
        const { id: _i, possibleDuplicates: _p, timeline, ...rest } = d;
        return { ...rest, timeline: timeline.map(({ id: _e, ...e }) => e) };
      };
      expect(strip(now)).toEqual(strip(old));
    });
  }

  it('refuses what the drizzle path refuses, with the same error', async () => {
    const other = tree.streetA.communities[1]!.community;
    const [otherItem] = await t.db
      .insert(orderMenuItems)
      .values({ communityId: other.id, scopePath: other.path, name: '别处的服务', category: 'other' })
      .returning();
    const bad: [Ctx, CreateOrder][] = [
      [resident, { kind: 'menuService', category: 'other', title: '缺服务项' }],
      [resident, { kind: 'menuService', category: 'other', title: '别处的服务项', menuItemId: otherItem!.id }],
      [staff, { kind: 'problem', category: 'repair', title: '街道层级', territoryId: tree.streetA.street.id }],
      [staff, { kind: 'problem', category: 'repair', title: '别的社区', territoryId: other.id }],
      [resident, { kind: 'problem', category: 'repair', title: '不存在', territoryId: 99_999_999 }],
      [resident, { kind: 'problem', category: 'repair', title: '代登记', walkIn: { name: '张三' } }],
    ];
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'created',
        (e: unknown) => JSON.stringify(e, ['name', 'code', 'reason', 'params', 'fields', 'field', 'message']),
      );
    for (const [ctx, input] of bad) {
      const old = await failure(createOrderViaDrizzle(ctx, input));
      expect(old, input.title).not.toBe('created');
      expect(await failure(createOrder(ctx, input)), input.title).toBe(old);
    }
  });

  it('stores the walk-in’s phone encrypted and hashed, as before', async () => {
    const rows = rowsOf(
      await t.db.execute(
        sql`select reporter_phone as p, reporter_phone_hash as h from service_orders where reporter_name = '王秀英'`,
      ),
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(String(r.p).startsWith('v1:')).toBe(true);
    expect(rows[0]!.h).toBe(rows[1]!.h);
    expect(rows[0]!.h).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rolls back with the surrounding transaction', async () => {
    const count = async () => rowsOf(await t.db.execute(sql`select count(*)::int n from service_orders`))[0]!.n;
    const n = await count();
    await expect(
      t.db.transaction(async (tx) => {
        await createOrder({ ...resident, db: tx as never }, { kind: 'microWish', category: 'other', title: '回滚' });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await count()).toBe(n);
  });
});

describe('queryNamedIn', () => {
  it('runs on the transaction’s connection, as a named prepared statement on PostgreSQL', async () => {
    await t.db.transaction(async (tx) => {
      const [r] = await queryNamedIn<{ x: number }>(tx, 'gz_probe', 'select $1::int as x', [7]);
      expect(r!.x).toBe(7);
      if (t.database.engine === 'postgres') {
        const named = rowsOf(await tx.execute(sql`select name from pg_prepared_statements where name = 'gz_probe'`));
        expect(named).toHaveLength(1);
      }
    });
  });
});

describe('the statement’s columns', () => {
  /** `insert into <table> (<columns>)` of each CTE step and of the rollup statement, as written in the SQL. */
  const inserts = [...(INTAKE_SQL + INTAKE_ROLLUP_SQL).matchAll(/insert into (\w+) \(([^)]*)\)/g)].map((m) => ({
    table: m[1]!,
    columns: m[2]!.split(',').map((c) => c.trim().replace(/"/g, '')),
  }));

  it('names only columns of the drizzle schema', () => {
    expect(inserts.map((i) => i.table)).toEqual([
      getTableName(serviceOrders),
      getTableName(orderEvents),
      getTableName(auditLog),
      getTableName(serviceOrderRollups),
    ]);
    const tables = [serviceOrders, orderEvents, auditLog, serviceOrderRollups];
    inserts.forEach((ins, i) => {
      const names = Object.values(getTableColumns(tables[i]!)).map(sqlName);
      for (const c of ins.columns) expect(names, `${ins.table}.${c}`).toContain(c);
    });
  });

  it('writes every order column that has no default, and the database has them all', async () => {
    const written = new Set(ORDER_COLUMNS.map(([k]) => sqlName(getTableColumns(serviceOrders)[k])));
    for (const c of Object.values(getTableColumns(serviceOrders))) {
      if (sqlName(c) === 'id') continue;
      if (c.notNull && !c.hasDefault) expect(written, sqlName(c)).toContain(sqlName(c));
    }
    for (const ins of inserts) {
      const cols = rowsOf(
        await t.db.execute(
          sql`select column_name from information_schema.columns where table_name = ${ins.table} and table_schema = current_schema()`,
        ),
      ).map((r) => r.column_name);
      for (const c of ins.columns) expect(cols, `${ins.table}.${c}`).toContain(c);
    }
  });
});
