import { and, asc, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { demoPoints } from '../grids/index.js';
import { serviceOrders } from './schema.js';

/**
 * Demo orders on the map (issue 16: the live map was empty in the demo): every demo order without a point gets one
 * at its place — inside its compound's footprint, on its building's spot, in a grid of its community, or for an
 * order filed at the community itself on a street between compounds (grids' demoPoints: derived from the geometry,
 * deterministic, keyed by the order's id) — and the grid that point lies in, as createOrder files a reported point.
 */
export async function placeDemoOrders(db: Db): Promise<void> {
  const o = serviceOrders;
  const rows = await db
    .select({ id: o.id, territoryId: o.territoryId })
    .from(o)
    .where(and(isNull(o.lng), isNull(o.lat)))
    .orderBy(asc(o.id));
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    const points = await demoPoints(
      db,
      batch.map((r) => ({ territoryId: r.territoryId, key: r.id })),
    );
    const values = batch.flatMap((r, k) => {
      const p = points[k];
      return p ? [sql`(${r.id}::int, ${p.lng}::float8, ${p.lat}::float8, ${p.gridId}::int)`] : [];
    });
    if (values.length)
      await db.execute(sql`update ${o} set lng = v.lng, lat = v.lat, grid_id = v.grid_id
        from (values ${sql.join(values, sql`, `)}) as v(id, lng, lat, grid_id) where ${o.id} = v.id`);
  }
}
