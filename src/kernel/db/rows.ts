/** Extracts the rows of a raw `db.execute(sql…)` on either engine (PGlite and node-postgres both answer `{ rows }`). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows))
    return result.rows as Record<string, unknown>[];
  throw new Error('unexpected query result');
}
