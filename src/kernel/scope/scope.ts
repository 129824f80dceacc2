import { and, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import { territories } from '../db/schema.js';
import { escapeLike } from '../db/search.js';
import { notFound } from '../http/errors.js';
import type { TerritoryLevel } from '../territory-levels.js';

interface Scoped {
  scopePath: string;
}

/**
 * The data-scope rule, as a query filter: rows whose territory path lies in the actor's subtree.
 * Lists, counts, searches and exports all add this one condition (STYLE rule 7), which the
 * `text_pattern_ops` index on every path column serves.
 */
export function inScope(actor: Scoped, pathColumn: AnyPgColumn | SQL): SQL {
  return inSubtree(pathColumn, actor);
}

/**
 * Rows whose path lies at or below a node: `inSubtree(units.scopePath, place)` for a territory filter, or an actor
 * (its scope). The one way to write `path like 'prefix%'` (the prefix escaped for LIKE).
 */
export function inSubtree(pathColumn: AnyPgColumn | SQL, node: string | { path: string } | Scoped): SQL {
  const path = typeof node === 'string' ? node : 'path' in node ? node.path : node.scopePath;
  return like(pathColumn, `${escapeLike(path)}%`);
}

/** True when a path lies in the actor's subtree (for records already loaded). */
export function pathInScope(actor: Scoped, path: string): boolean {
  return path.startsWith(actor.scopePath);
}

/** A node of the place tree as services use it: to filter by, to name, to check the level of. */
export interface Place {
  id: number;
  name: string;
  level: TerritoryLevel;
  path: string;
  depth: number;
  parentId: number | null;
}

/**
 * The place a request names, if it lies in the actor's subtree; otherwise notFound (404), so a place outside the
 * scope is not revealed (STYLE rule 5). Filter by it with `inSubtree(column, place)`, or use `placeFilter`.
 */
export async function placeInScope(db: DbOrTx, actor: Scoped, territoryId: number): Promise<Place> {
  const [place] = await db
    .select({
      id: territories.id,
      name: territories.name,
      level: territories.level,
      path: territories.path,
      depth: territories.depth,
      parentId: territories.parentId,
    })
    .from(territories)
    .where(and(eq(territories.id, territoryId), inScope(actor, territories.path)));
  if (!place) throw notFound();
  return place;
}

/**
 * A list's place filter: rows at or below the place asked for ([] when none is asked for), the place checked as
 * `placeInScope` does (404 outside the scope). `w.push(...(await placeFilter(db, actor, t.scopePath, q.territoryId)))`.
 */
export async function placeFilter(
  db: DbOrTx,
  actor: Scoped,
  pathColumn: AnyPgColumn | SQL,
  territoryId: number | undefined,
): Promise<SQL[]> {
  if (!territoryId) return [];
  return [inSubtree(pathColumn, await placeInScope(db, actor, territoryId))];
}

/** Loads the paths of territory ids inside the scope; throws notFound unless every id is there (bulk check). */
export async function requireTerritoriesInScope(
  db: DbOrTx,
  actor: Scoped,
  ids: readonly number[],
): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: territories.id, path: territories.path })
    .from(territories)
    .where(and(inArray(territories.id, unique), inScope(actor, territories.path)));
  if (rows.length !== unique.length) throw notFound();
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** The ids of a path, root first: `/1/5/23/` → [1, 5, 23]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}
