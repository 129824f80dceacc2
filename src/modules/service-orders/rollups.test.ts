import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../kernel/random.js';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import type { Client } from '../../test/http.js';
import { grainRanges, planPeriod, splitPeriod } from './figures.js';
import { foldRollupSlots, rollupSelectSql } from './rollups.js';
import { addDays, chinaDay, chinaDayStart } from '../../kernel/clock.js';
import { makeUnit } from './testing.js';

/**
 * The rollup behind the figures (docs/decisions/009-order-rollups.md) stays equal to a recount from the orders
 * after a random sequence of moves over HTTP (creates, dispatches, accepts, returns, resolves, ratings that reopen,
 * closes, merges) across several Shanghai days; and the figures read from it equal a count of the orders by hand,
 * for periods aligned to days and not.
 */
const HOUR = 3_600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
interface Side {
  community: { id: number; path: string };
  household: number;
  staff: Signed;
  resident: Signed;
  contact: Signed;
  unitId: number;
}
let sides: Side[];
let streetAdmin: Signed;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  sides = [];
  for (const c of tree.streetA.communities.slice(0, 2)) {
    const contact = await t.as(['unitContact'], c.community.id);
    sides.push({
      community: c.community,
      household: c.household.id,
      staff: await t.as(['communityStaff'], c.community.id),
      resident: await t.as(['resident'], c.household.id),
      contact,
      unitId: (await makeUnit(t.db, c.community, `${c.community.id}号物业`, contact.account.id)).id,
    });
  }
});
afterAll(() => t.close());

const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

const SUMMED_SLOTS_SQL = `select grain, period, node_path, handler_unit_id, sum(found) as found, sum(claimed) as claimed,
  sum(resolved) as resolved, sum(responded_on_time) as responded_on_time, sum(rated) as rated, sum(satisfied) as satisfied,
  sum(reopened) as reopened, sum(resolve_ms) as resolve_ms from service_order_rollups group by 1, 2, 3, 4`;

async function snapshot(query: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of rowsOf(await t.db.execute(sql.raw(query)))) {
    const counts = [
      'found',
      'claimed',
      'resolved',
      'responded_on_time',
      'rated',
      'satisfied',
      'reopened',
      'resolve_ms',
    ].map((k) => Number(r[k]));
    if (counts.every((n) => n === 0)) continue;
    const period = r.period instanceof Date ? r.period.toISOString().slice(0, 10) : String(r.period).slice(0, 10);
    out.set(`${String(r.grain)}|${period}|${String(r.node_path)}|${Number(r.handler_unit_id)}`, counts.join(','));
  }
  return out;
}

describe('order rollups', () => {
  it('cut a period into whole years, months and days, with the partial days left to the orders', () => {
    expect(grainRanges('2025-03-15', '2027-02-03')).toEqual([
      { grain: 'd', from: '2025-03-15', to: '2025-04-01' },
      { grain: 'm', from: '2025-04-01', to: '2026-01-01' },
      { grain: 'y', from: '2026-01-01', to: '2027-01-01' },
      { grain: 'm', from: '2027-01-01', to: '2027-02-01' },
      { grain: 'd', from: '2027-02-01', to: '2027-02-03' },
    ]);
    expect(grainRanges('2026-05-03', '2026-05-09')).toEqual([{ grain: 'd', from: '2026-05-03', to: '2026-05-09' }]);
    expect(grainRanges('2026-05-01', '2026-07-01')).toEqual([{ grain: 'm', from: '2026-05-01', to: '2026-07-01' }]);
    // 2026-05-03 10:00 Shanghai → 2026-05-05 00:00 Shanghai: the 3rd is partial, the 4th whole.
    const from = new Date('2026-05-03T02:00:00Z');
    const to = chinaDayStart('2026-05-05');
    expect(chinaDay(new Date('2026-05-03T16:30:00Z'))).toBe('2026-05-04');
    expect(splitPeriod(from, to)).toEqual({
      days: ['2026-05-04', '2026-05-05'],
      edges: [[from, chinaDayStart('2026-05-04')]],
    });
    expect(splitPeriod(from, new Date('2026-05-03T09:00:00Z'))).toEqual({
      days: null,
      edges: [[from, new Date('2026-05-03T09:00:00Z')]],
    });
    // A partial edge day is counted directly, or as its rollup row less the rest of the day when that is shorter
    // or lies after now (nothing to count): "the last 30 days" reads today from the rollup.
    const now = new Date('2026-05-20T08:30:00Z'); // 16:30 in Shanghai
    const monthAgo = new Date(now.getTime() - 30 * 24 * HOUR);
    expect(planPeriod(monthAgo, now, now)).toEqual({
      days: ['2026-04-21', '2026-05-21'],
      direct: [[monthAgo, chinaDayStart('2026-04-21')]],
      subtract: [[now, chinaDayStart('2026-05-21')]],
    });
    const early = new Date('2026-04-19T20:00:00Z'); // 04:00 on 04-20 in Shanghai
    expect(planPeriod(early, now, now)).toEqual({
      days: ['2026-04-20', '2026-05-21'],
      direct: [],
      subtract: [
        [chinaDayStart('2026-04-20'), early],
        [now, chinaDayStart('2026-05-21')],
      ],
    });
    const morning = new Date('2026-05-20T01:00:00Z'); // 09:00 in Shanghai: the morning so far is shorter than the rest
    expect(planPeriod(chinaDayStart('2026-05-01'), morning, now)).toEqual({
      days: ['2026-05-01', '2026-05-20'],
      direct: [[chinaDayStart('2026-05-20'), morning]],
      subtract: [],
    });
    expect(planPeriod(chinaDayStart('2026-05-01'), morning, morning)).toEqual({
      days: ['2026-05-01', '2026-05-21'],
      direct: [],
      subtract: [[morning, chinaDayStart('2026-05-21')]],
    });
    // …and when the period ended a moment ago (the request was built just before the server read its clock).
    expect(planPeriod(chinaDayStart('2026-05-01'), morning, new Date(morning.getTime() + 2_000)).subtract).toEqual([
      [morning, chinaDayStart('2026-05-21')],
    ]);
  });

  it('equal a recount from the orders after a random sequence of moves, and the figures equal a hand count', async () => {
    const rnd = prng(2026);
    const orders: { id: number; side: Side; status: string }[] = [];
    const everyone = () => [streetAdmin, ...sides.flatMap((s) => [s.staff, s.resident, s.contact])];
    const relogin = async () => {
      for (const c of everyone()) expect((await c.login(c.account.username, TEST_PASSWORD)).status).toBe(200);
    };
    // 'close' of an order nobody has taken yet cancels it (作废, issue 10 item 7): the walk reaches 'cancelled' too.
    const moves = ['dispatch', 'accept', 'start', 'resolve', 'return', 'rateOk', 'rateBad', 'close', 'merge'] as const;
    let legal = 0;
    for (let step = 0; step < 90; step++) {
      if (step % 6 === 5) {
        t.clock.advance(rnd.int(1, 14) * HOUR + rnd.int(0, 59) * 60_000);
        await relogin();
      }
      if (orders.length < 4 || rnd.next() < 0.3) {
        const side = rnd.pick(sides);
        const res = await side.resident.post('/api/orders', {
          kind: 'problem',
          category: rnd.pick(['repair', 'safety', 'environment']),
          title: `随机诉求${step}`,
          territoryId: side.household,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        orders.push({ id: res.body.id, side, status: 'submitted' });
        continue;
      }
      const order = rnd.pick(orders);
      const { id, side } = order;
      // Mostly a move the order's state allows, sometimes any (an illegal move must change nothing).
      const likely: Record<string, (typeof moves)[number][]> = {
        submitted: ['dispatch', 'dispatch', 'close', 'merge'],
        dispatched: ['accept', 'accept', 'return'],
        accepted: ['start', 'resolve', 'return'],
        inProgress: ['resolve', 'resolve', 'return'],
        resolved: ['rateOk', 'rateBad'],
        rated: ['close'],
      };
      const move = rnd.next() < 0.85 && likely[order.status] ? rnd.pick(likely[order.status]!) : rnd.pick(moves);
      let r: { status: number; body: { status?: string } };
      if (move === 'dispatch')
        r = await side.staff.post(`/api/orders/${id}/dispatch`, { target: 'unit', unitId: side.unitId });
      else if (move === 'accept' || move === 'start') r = await side.contact.post(`/api/orders/${id}/${move}`, {});
      else if (move === 'resolve') r = await side.contact.post(`/api/orders/${id}/resolve`, { note: '已处理' });
      else if (move === 'return') r = await side.contact.post(`/api/orders/${id}/return`, { reason: '不归我们管' });
      else if (move === 'rateOk')
        r = await side.resident.post(`/api/orders/${id}/rate`, { rating: rnd.pick(['satisfied', 'basic']) });
      else if (move === 'rateBad')
        r = await side.resident.post(`/api/orders/${id}/rate`, { rating: 'unsatisfied', comment: '没修好' });
      else if (move === 'close') r = await side.staff.post(`/api/orders/${id}/close`, {});
      else {
        const into = orders.find((o) => o.side === side && o.id !== id);
        if (!into) continue;
        r = await side.staff.post(`/api/orders/${id}/merge`, { intoId: into.id });
      }
      expect(r.status, `${move} ${id}`).toBeLessThan(500);
      if (r.status === 200) {
        legal++;
        order.status = move === 'merge' ? 'merged' : (r.body.status ?? order.status);
      }
    }
    expect(legal).toBeGreaterThan(20);

    // The rollup equals a recount from the orders, row for row (every grain, community and handler unit).
    // The rollup equals a recount from the orders, row for row (every grain, community and handler unit), its
    // slots summed (decision 031) — and still after the slots of ended periods are folded into slot 0.
    const kept = await snapshot(SUMMED_SLOTS_SQL);
    const recount = await snapshot((['d', 'm', 'y'] as const).map((g) => rollupSelectSql(g)).join(' union all '));
    expect(kept.size).toBeGreaterThan(3);
    expect([...kept].sort()).toEqual([...recount].sort());
    const slots = async () =>
      rowsOf(await t.db.execute(sql`select distinct slot from service_order_rollups order by slot`)).map((r) =>
        Number(r.slot),
      );
    expect((await slots()).length).toBeGreaterThan(1);
    expect(await foldRollupSlots(t.db, addDays(chinaDay(t.clock.now()), 400))).toBeGreaterThan(0);
    expect(await slots()).toEqual([0]);
    expect([...(await snapshot(SUMMED_SLOTS_SQL))].sort()).toEqual([...recount].sort());

    // The staff's unfiltered list takes its total from the rollup (merged duplicates included, as the list shows
    // them): it equals the rows.
    const inStreet = rowsOf(
      await t.db.execute(
        sql`select community_id, status, reopen_count from service_orders where scope_path like ${`${tree.streetA.street.path}%`}`,
      ),
    );
    // The sequence reached the interesting states: a merge, a reopen, a rating, a close.
    const statuses = new Set(inStreet.map((o) => String(o.status)));
    for (const st of ['merged', 'cancelled', 'resolved', 'dispatched', 'submitted']) expect(statuses, st).toContain(st);
    expect(inStreet.some((o) => Number(o.reopen_count) > 0)).toBe(true);
    expect((await streetAdmin.get('/api/orders?pageSize=5')).body.total).toBe(inStreet.length);
    for (const side of sides) {
      const n = inStreet.filter((o) => Number(o.community_id) === side.community.id).length;
      expect((await side.staff.get('/api/orders?pageSize=5')).body.total).toBe(n);
      expect((await streetAdmin.get(`/api/orders?pageSize=5&territoryId=${side.community.id}`)).body.total).toBe(n);
    }

    // The figures equal a count by hand of the orders, for periods aligned to days and not.
    const all = rowsOf(
      await t.db.execute(sql`select * from service_orders where scope_path like ${`${tree.streetA.street.path}%`}`),
    );
    const now = t.clock.now();
    const first = new Date(Math.min(...all.map((o) => new Date(String(o.created_at)).getTime())));
    const periods: [Date | undefined, Date | undefined][] = [
      [undefined, undefined],
      [chinaDayStart(chinaDay(first)), chinaDayStart(chinaDay(now))],
      [new Date(first.getTime() + 3 * HOUR), new Date(now.getTime() - 5 * HOUR)],
      [new Date(first.getTime() + 26 * HOUR), undefined],
      // Edges counted as the day's rollup row less the rest of the day (planPeriod): up to now, and late/early cuts.
      [new Date(chinaDayStart(chinaDay(first)).getTime() + 2 * HOUR), now],
      [
        new Date(chinaDayStart(chinaDay(first)).getTime() + 22 * HOUR),
        new Date(chinaDayStart(chinaDay(now)).getTime() + 23 * HOUR),
      ],
    ];
    for (const [from, to] of periods) {
      const inPeriod = all.filter((o) => {
        const c = new Date(String(o.created_at)).getTime();
        return (
          !['merged', 'cancelled'].includes(String(o.status)) &&
          (!from || c >= from.getTime()) &&
          (!to || c < to.getTime())
        );
      });
      const hand = (xs: Record<string, unknown>[]) => ({
        found: xs.length,
        claimed: xs.filter((o) => o.accepted_at !== null).length,
        resolved: xs.filter((o) => o.resolved_at !== null).length,
        reopened: xs.reduce((n, o) => n + Number(o.reopen_count), 0),
      });
      const qs = new URLSearchParams({
        territoryId: String(tree.streetA.street.id),
        ...(from ? { from: from.toISOString() } : {}),
        ...(to ? { to: to.toISOString() } : {}),
      });
      const f = await streetAdmin.get(`/api/orders/figures?${qs.toString()}`);
      expect(f.status, JSON.stringify(f.body)).toBe(200);
      const label = `${from?.toISOString()} → ${to?.toISOString()}`;
      expect(f.body, label).toMatchObject(hand(inPeriod));
      const resolved = inPeriod.filter((o) => o.resolved_at !== null);
      const avg = resolved.length
        ? Math.round(
            (resolved.reduce(
              (n, o) => n + (new Date(String(o.resolved_at)).getTime() - new Date(String(o.created_at)).getTime()),
              0,
            ) /
              resolved.length /
              HOUR) *
              10,
          ) / 10
        : null;
      expect(f.body.averageResolveHours, label).toBe(avg);
      expect(f.body.unitCount, label).toBe(f.body.unitRanking.length);
      for (const side of sides) {
        const mine = inPeriod.filter((o) => Number(o.community_id) === side.community.id);
        const row = f.body.ranking.find((r: { territory: { id: number } }) => r.territory.id === side.community.id);
        expect(row, label).toMatchObject(hand(mine));
        const byUnit = f.body.unitRanking.find((r: { unit: { id: number } }) => r.unit.id === side.unitId);
        const unitOrders = inPeriod.filter((o) => Number(o.handler_unit_id) === side.unitId);
        if (unitOrders.length) expect(byUnit, label).toMatchObject(hand(unitOrders));
        else expect(byUnit, label).toBeUndefined();
        // The community's own figures (its compounds ranked from the orders) agree.
        const cf = await side.staff.get(
          `/api/orders/figures?${new URLSearchParams({ ...Object.fromEntries(qs), territoryId: String(side.community.id) }).toString()}`,
        );
        expect(cf.body, label).toMatchObject(hand(mine));
      }
    }

    // The monthly trend equals a count by hand per Shanghai month: from the rollup's month rows (street, community)
    // and from the orders below a community (a compound).
    const monthOf = (d: Date) => chinaDay(d).slice(0, 7);
    const nextMonth = (m: string) =>
      m.endsWith('-12')
        ? `${Number(m.slice(0, 4)) + 1}-01`
        : `${m.slice(0, 5)}${String(Number(m.slice(5)) + 1).padStart(2, '0')}`;
    const from = monthOf(first);
    const to = nextMonth(monthOf(now));
    const trendOf = async (c: Signed, territoryId: number) => {
      const r = await c.get(`/api/orders/figures/trend?territoryId=${territoryId}&from=${from}&to=${to}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.months as {
        month: string;
        found: number;
        claimed: number;
        resolved: number;
        drill: Record<string, string>;
      }[];
    };
    const byMonth = (xs: Record<string, unknown>[], month: string) => {
      const m = xs.filter(
        (o) => !['merged', 'cancelled'].includes(String(o.status)) && monthOf(new Date(String(o.created_at))) === month,
      );
      return {
        found: m.length,
        claimed: m.filter((o) => o.accepted_at !== null).length,
        resolved: m.filter((o) => o.resolved_at !== null).length,
      };
    };
    const streetTrend = await trendOf(streetAdmin, tree.streetA.street.id);
    expect(streetTrend.map((m) => m.month)[0]).toBe(from);
    for (const m of streetTrend) expect(m, m.month).toMatchObject(byMonth(all, m.month));
    expect(streetTrend.reduce((n, m) => n + m.found, 0)).toBe(
      all.filter((o) => !['merged', 'cancelled'].includes(String(o.status))).length,
    );
    const side = sides[0]!;
    const compound = tree.streetA.communities[0]!.compound;
    const inCompound = all.filter((o) => String(o.scope_path).startsWith(compound.path));
    for (const m of await trendOf(side.staff, compound.id))
      expect(m, m.month).toMatchObject(byMonth(inCompound, m.month));
    // The drill-down of a month lists its orders.
    const last = streetTrend[streetTrend.length - 1]!;
    expect(
      (await streetAdmin.get(`/api/orders?${new URLSearchParams({ ...last.drill, pageSize: '1' }).toString()}`)).body
        .total,
    ).toBe(last.found);
    // A range the other way round, or longer than 36 months, is refused with a message on the field.
    const bad = await streetAdmin.get(`/api/orders/figures/trend?from=${to}&to=${from}`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['to']);
    expect((await streetAdmin.get('/api/orders/figures/trend?from=2020-01&to=2023-02')).status).toBe(400);
    expect((await streetAdmin.get('/api/orders/figures/trend?from=2020-13&to=2021-01')).status).toBe(400);
  }, 180_000);
});
