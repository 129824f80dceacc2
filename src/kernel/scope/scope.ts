import { and, inArray, like, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.js';
import { territories } from '../db/schema.js';
import { escapeLike } from '../db/search.js';
import { notFound } from '../http/errors.js';

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
