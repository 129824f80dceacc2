/** How a grid row is read for the grids and workers services, and which grids an actor may see. */
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { notFound } from '../../kernel/http/errors.js';
import { inScope } from '../../kernel/scope/scope.js';
import { LIAISON_MAX, LIAISON_MIN, type Grid } from './contract.js';
import { grids, type GridKind } from './schema.js';

// ---------------------------------------------------------------------------------------------------------------
// Grids
// ---------------------------------------------------------------------------------------------------------------

/**
 * Grids the actor may see: those of its subtree, and the grids it works in as a grid worker (a worker's
 * account is often bound to a compound, below the community the grid belongs to).
 */
export function visibleGrid(ctx: Ctx): SQL {
  return or(
    inScope(ctx.actor, grids.scopePath),
    // Written out in full: drizzle leaves single-table columns unqualified, which the subquery would capture.
    sql`exists (select 1 from grid_workers ow where ow.grid_id = "grids"."id" and ow.account_id = ${ctx.actor.accountId})`,
  )!;
}
export const workerCountSql =
  sql<number>`(select count(*)::int from grid_workers w where w.grid_id = "grids"."id")`.mapWith(Number);
const flaggedSql =
  sql<number>`(select count(*)::int from grid_workers w where w.grid_id = "grids"."id" and (select count(*) from liaison_households l where l.worker_id = w.id) not between ${LIAISON_MIN} and ${LIAISON_MAX})`.mapWith(
    Number,
  );

export const gridColumns = {
  id: grids.id,
  name: grids.name,
  kind: grids.kind,
  department: grids.department,
  communityId: grids.communityId,
  communityName: territories.name,
  scopePath: grids.scopePath,
  minLng: grids.minLng,
  minLat: grids.minLat,
  maxLng: grids.maxLng,
  maxLat: grids.maxLat,
  createdAt: grids.createdAt,
  updatedAt: grids.updatedAt,
  workerCount: workerCountSql,
  flaggedWorkerCount: flaggedSql,
};
interface GridRow {
  id: number;
  name: string;
  kind: GridKind;
  department: string | null;
  communityId: number;
  communityName: string;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
  createdAt: Date;
  updatedAt: Date;
  workerCount: number;
  flaggedWorkerCount: number;
}

export function toGrid(r: GridRow): Grid {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    department: r.department,
    community: { id: r.communityId, name: r.communityName },
    bbox: [r.minLng, r.minLat, r.maxLng, r.maxLat],
    workerCount: r.workerCount,
    flaggedWorkerCount: r.flaggedWorkerCount,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function loadGrid(ctx: Ctx, db: DbOrTx, id: number) {
  const [row] = await db
    .select({ ...gridColumns, geometry: grids.geometry })
    .from(grids)
    .innerJoin(territories, eq(territories.id, grids.communityId))
    .where(and(eq(grids.id, id), visibleGrid(ctx)));
  if (!row) throw notFound();
  return row;
}
