import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { chinaDay } from '../../kernel/clock.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { grids, gridWorkers, liaisonHouseholds } from '../grids/index.js';
import { serviceOrders } from '../service-orders/index.js';
import { visits } from './schema.js';

const DAY = 86_400_000;
const dayOf = (ms: number) => chinaDay(new Date(ms));

const NOTES = [
  '老人身体状况良好，子女每周回来看望',
  '了解家庭近况，宣传防诈骗知识',
  '住户反映邻里关系和睦，无困难诉求',
  '上门核对人口信息，登记新迁入人员',
  '宣传医保缴费政策，住户已知晓',
  '独居老人，已留联系电话，约定每月回访',
  '住户外出务工，与留守家属交谈',
  '宣传垃圾分类，发放宣传册',
];

/**
 * Demo visits 走访 (decision 038) for the demo communities' grid workers: last month most of each worker's
 * liaison households, this month part of them so far (the coverage figure is then between 0 and 100%); about a
 * third of the demo problem reports of each community are marked found on a visit 排摸发现 (origin 'patrol') with
 * the visit that found them, as seed 002 counts patrol findings apart from residents' reports.
 */
export async function seedVisits(db: DbOrTx): Promise<void> {
  const rnd = prng(830); // seed 002: 排摸发现各类问题830个
  const now = Date.now();
  const today = dayOf(now);
  const monthStart = Date.parse(`${today.slice(0, 7)}-01T00:00:00+08:00`);
  const lastMonthStart = Date.parse(`${dayOf(monthStart - DAY).slice(0, 7)}-01T00:00:00+08:00`);
  const workers = await db
    .select({
      id: gridWorkers.id,
      name: gridWorkers.name,
      gridId: gridWorkers.gridId,
      memberId: gridWorkers.partyMemberId,
      communityId: grids.communityId,
      path: gridWorkers.scopePath,
    })
    .from(gridWorkers)
    .innerJoin(grids, eq(grids.id, gridWorkers.gridId))
    .orderBy(asc(gridWorkers.id));
  if (!workers.length) return;
  const links = await db
    .select({
      workerId: liaisonHouseholds.workerId,
      householdId: liaisonHouseholds.householdId,
      path: territories.path,
    })
    .from(liaisonHouseholds)
    .innerJoin(territories, eq(territories.id, liaisonHouseholds.householdId))
    .where(
      inArray(
        liaisonHouseholds.workerId,
        workers.map((w) => w.id),
      ),
    )
    .orderBy(asc(liaisonHouseholds.id));
  const byWorker = new Map<number, { householdId: number; path: string }[]>();
  for (const l of links) byWorker.set(l.workerId, [...(byWorker.get(l.workerId) ?? []), l]);

  const rows: (typeof visits.$inferInsert)[] = [];
  const at = (ms: number) => new Date(ms);
  for (const w of workers) {
    const hs = byWorker.get(w.id) ?? [];
    // Last month: 85–100% of the households; this month: a share growing with the day of the month.
    const sinceMonth = Math.max(1, Math.floor((now - monthStart) / DAY) + 1);
    const thisShare = Math.min(0.95, 0.25 + sinceMonth / 40) - rnd.next() * 0.2;
    for (const h of hs) {
      const base = { workerId: w.id, memberId: w.memberId, visitorName: w.name, territoryId: h.householdId };
      const place = { scopePath: h.path, communityId: w.communityId, gridId: w.gridId };
      if (rnd.next() < 0.92) {
        const ms =
          lastMonthStart + rnd.int(0, Math.floor((monthStart - lastMonthStart) / DAY) - 1) * DAY + 10 * 3_600_000;
        rows.push({
          ...base,
          ...place,
          visitedOn: dayOf(ms),
          note: rnd.pick(NOTES),
          createdAt: at(ms),
          updatedAt: at(ms),
        });
      }
      if (rnd.next() < thisShare) {
        const ms = monthStart + rnd.int(0, Math.max(0, Math.floor((now - monthStart) / DAY))) * DAY + 2 * 3_600_000;
        const vms = Math.min(ms, now);
        rows.push({
          ...base,
          ...place,
          visitedOn: dayOf(vms),
          note: rnd.pick(NOTES),
          createdAt: at(vms),
          updatedAt: at(vms),
        });
      }
    }
  }

  // Patrol findings: a third of each community's problem reports (not those of the demo resident), filed at a
  // building or household, become what a grid worker of that community found on a visit that day.
  const workersByCommunity = new Map<number, typeof workers>();
  for (const w of workers) workersByCommunity.set(w.communityId, [...(workersByCommunity.get(w.communityId) ?? []), w]);
  const problems = await db
    .select({
      id: serviceOrders.id,
      title: serviceOrders.title,
      communityId: serviceOrders.communityId,
      territoryId: serviceOrders.territoryId,
      path: serviceOrders.scopePath,
      createdAt: serviceOrders.createdAt,
      level: territories.level,
    })
    .from(serviceOrders)
    .innerJoin(territories, eq(territories.id, serviceOrders.territoryId))
    .where(
      and(
        eq(serviceOrders.kind, 'problem'),
        inArray(territories.level, ['building', 'household']),
        inArray(serviceOrders.communityId, [...workersByCommunity.keys()]),
        sql`${serviceOrders.reporterAccountId} is null or not exists (select 1 from accounts a where a.id = ${serviceOrders.reporterAccountId} and a.username = 'resident')`,
      ),
    )
    .orderBy(asc(serviceOrders.id));
  const patrol: number[] = [];
  for (const p of problems) {
    if (rnd.next() >= 0.34) continue;
    const ws = workersByCommunity.get(p.communityId)!;
    const w = rnd.pick(ws);
    patrol.push(p.id);
    rows.push({
      workerId: w.id,
      memberId: w.memberId,
      visitorName: w.name,
      territoryId: p.territoryId,
      scopePath: p.path,
      communityId: p.communityId,
      gridId: w.gridId,
      visitedOn: dayOf(p.createdAt.getTime()),
      note: rnd.pick(NOTES),
      finding: p.title,
      followUp: 1,
      orderId: p.id,
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
    });
  }
  // The origin is not part of the figures' rollup, so marking the orders needs no rebuild.
  for (let i = 0; i < patrol.length; i += 1000)
    await db
      .update(serviceOrders)
      .set({ origin: 'patrol' })
      .where(inArray(serviceOrders.id, patrol.slice(i, i + 1000)));
  rows.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  for (let i = 0; i < rows.length; i += 1000) await db.insert(visits).values(rows.slice(i, i + 1000));
}
