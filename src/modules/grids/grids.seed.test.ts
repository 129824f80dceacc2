import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { demoDatabase } from '../../test/db.js';
import { DEMO_COMMUNITIES } from '../territory/territory.seed.js';
import { boundaries } from './grids.service.js';
import { buildingLeads, grids, gridWorkers, liaisonHouseholds } from './schema.js';
import { pointInGeometry, polygonsOf } from './spatial-index.js';

/** The demo grids (module.ts seedDemo): real places, inside the real district boundaries, the seed 002 rules. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
});

describe('demo grids', () => {
  it('draws 3–5 basic grids, a professional grid and responsibility areas in every demo community, inside its district', async () => {
    const db = database.db;
    for (const code of DEMO_COMMUNITIES) {
      const [c] = await db.select().from(territories).where(eq(territories.divisionCode, code));
      const rows = await db.select().from(grids).where(eq(grids.communityId, c!.id));
      const kinds = rows.map((r) => r.kind);
      expect(kinds.filter((k) => k === 'basic').length, code).toBeGreaterThanOrEqual(3);
      expect(kinds.filter((k) => k === 'basic').length, code).toBeLessThanOrEqual(5);
      expect(
        kinds.filter((k) => k === 'professional'),
        code,
      ).toHaveLength(1);
      expect(kinds.filter((k) => k === 'responsibilityArea').length, code).toBeGreaterThanOrEqual(2);
      const district = boundaries().find((b) => b.properties.code === code.slice(0, 6))!;
      for (const g of rows) {
        expect(g.scopePath).toBe(c!.path);
        for (const poly of polygonsOf(g.geometry)) {
          for (const [x, y] of poly[0]!)
            expect(pointInGeometry(district.geometry, x, y), `${g.name} ${x},${y}`).toBe(true);
        }
      }
    }
    // 文亭巷社区 lies in central Xining, near the 城西区 seat.
    const [wt] = await db.select().from(territories).where(eq(territories.divisionCode, '630104006001'));
    const wtGrids = await db.select().from(grids).where(eq(grids.communityId, wt!.id));
    for (const g of wtGrids) {
      expect(Math.abs(g.minLng - 101.76)).toBeLessThan(0.03);
      expect(Math.abs(g.minLat - 36.62)).toBeLessThan(0.03);
    }
  });

  it('gives workers 30–50 liaison households (one short-listed new hire per community) and leaves some buildings without a lead', async () => {
    const db = database.db;
    for (const code of DEMO_COMMUNITIES) {
      const [c] = await db.select().from(territories).where(eq(territories.divisionCode, code));
      const workers = await db
        .select()
        .from(gridWorkers)
        .where(eq(gridWorkers.scopePath, c!.path))
        .orderBy(asc(gridWorkers.id));
      expect(workers.length).toBeGreaterThanOrEqual(3);
      const counts = await Promise.all(
        workers.map(
          async (w) => (await db.select().from(liaisonHouseholds).where(eq(liaisonHouseholds.workerId, w.id))).length,
        ),
      );
      const inRange = counts.filter((n) => n >= 30 && n <= 50).length;
      expect(inRange, `${code}: ${counts.join(',')}`).toBeGreaterThanOrEqual(workers.length - 2);
      expect(
        counts.some((n) => n < 30),
        `${code}: ${counts.join(',')}`,
      ).toBe(true);
      const buildings = await db
        .select()
        .from(territories)
        .where(like(territories.path, `${c!.path}%`))
        .then((r) => r.filter((t) => t.level === 'building'));
      const leads = await db
        .select()
        .from(buildingLeads)
        .where(and(like(buildingLeads.scopePath, `${c!.path}%`), eq(buildingLeads.role, 'lead')));
      expect(leads.length).toBeGreaterThan(buildings.length / 2);
      expect(leads.length).toBeLessThan(buildings.length);
    }
    const [gw] = await db.select().from(gridWorkers).where(eq(gridWorkers.name, '韩建国'));
    expect(gw?.accountId).not.toBeNull();
  });
});
