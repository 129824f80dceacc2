import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../kernel/db/rows.js';
import type { App } from '../../kernel/http/types.js';
import { secondInstance, testApp, type TestApp } from '../../test/app.js';
import { Client } from '../../test/http.js';
import { ROLLUP_SLOTS, rollupSelectSql } from './rollups.js';

/**
 * No hot rows (decision 031): concurrent creates in one community on one day, from two app instances on one
 * database (on PostgreSQL each with its own pool, as two processes), spread over the rollup's slots, and the
 * figures stay exact: the summed slots equal a recount from the orders, and the figures' found equals the orders.
 */
let t: TestApp;
let other: App;
let second: Awaited<ReturnType<typeof secondInstance>>;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await testApp({ RATE_LIMITS: 'false' });
  tree = await t.factory.tree();
  second = await secondInstance(t);
  other = second.app;
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const SUMMED = `select grain, period::text as period, node_path, handler_unit_id, sum(found)::int as found,
  sum(claimed)::int as claimed, sum(resolved)::int as resolved, sum(responded_on_time)::int as responded_on_time,
  sum(rated)::int as rated, sum(satisfied)::int as satisfied, sum(reopened)::int as reopened,
  sum(resolve_ms)::bigint::text as resolve_ms
  from service_order_rollups group by 1, 2, 3, 4`;
const RECOUNT = `select grain, period::text as period, node_path, handler_unit_id, found, claimed, resolved,
  responded_on_time, rated, satisfied, reopened, resolve_ms::text as resolve_ms
  from (${(['d', 'm', 'y'] as const).map((g) => rollupSelectSql(g)).join(' union all ')}) r`;
const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('the rollup under concurrent creates', () => {
  it('spreads one community-day over its slots and stays exact', async () => {
    const c = tree.streetA.communities[0]!;
    const residents: Client[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await t.as(['resident'], c.household.id);
      const twin = new Client(i % 2 ? other : t.app);
      twin.cookies = r.cookies;
      residents.push(twin);
    }
    const PER = 4;
    const results = await Promise.all(
      residents.flatMap((r, i) =>
        Array.from({ length: PER }, (_, k) =>
          r.post('/api/orders', {
            kind: 'problem',
            category: 'repair',
            title: `并发诉求${i}-${k}`,
            territoryId: c.household.id,
          }),
        ),
      ),
    );
    for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(201);
    const n = residents.length * PER;

    expect(sorted(await t.database.query(SUMMED))).toEqual(sorted(await t.database.query(RECOUNT)));
    const slots = rowsOf(
      await t.db.execute(sql`select count(distinct slot)::int as n from service_order_rollups where grain = 'd'`),
    );
    expect(Number(slots[0]!.n)).toBe(Math.min(ROLLUP_SLOTS, n));

    const staff = await t.as(['communityStaff'], c.community.id);
    const figures = await staff.get(`/api/orders/figures?territoryId=${c.community.id}`);
    expect(figures.status).toBe(200);
    expect(figures.body.found).toBe(n);
    // A period with partial edge days (the day's rollup row less the rest of the day: figures.ts planPeriod).
    const today = await staff.get(
      `/api/orders/figures?territoryId=${c.community.id}&from=${new Date(t.clock.now().getTime() - 3_600_000).toISOString()}&to=${new Date(t.clock.now().getTime() + 1).toISOString()}`,
    );
    expect(today.body.found).toBe(n);
  });
});
