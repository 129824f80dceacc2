import type { Role } from '../kernel/rbac/rbac.js';
import type { TestApp } from './app.js';
import type { Factory } from './factories.js';

/**
 * Rows of the authorization matrix (src/test/authz-matrix.ts). Each module keeps its rows in
 * `src/modules/<name>/authz.rows.ts` (`export const rows: MatrixRows = { 'GET /api/x': {…} }`).
 */
export type Where = 'inside' | 'outside';

export interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
}

export interface MatrixRow {
  /** Roles that may call it; 'public' = no session needed; 'any' = every signed-in account. */
  allow: readonly Role[] | 'any' | 'public';
  /** Status for an allowed caller with an inside target. */
  ok: number;
  /** For an allowed caller and an outside target: 404, or a list that comes back empty, or no target at all. */
  outside: 404 | 'empty' | 'none';
  /** Needs a session of its own (it ends or changes the session). */
  fresh?: boolean;
  /** Builds the request; create what it needs with `f.t` (the app, db, factory). */
  call: (f: MatrixFixture, where: Where) => Promise<Call>;
}
export type MatrixRows = Record<string, MatrixRow>;

type Tree = Awaited<ReturnType<Factory['tree']>>;
export interface MatrixFixture {
  t: TestApp;
  tree: Tree;
  /** The first community of street A (inside) or street B (outside), with its compound, building, household. */
  at(where: Where): Tree['streetA']['communities'][number];
  community(where: Where): number;
  uniq(): string;
}

declare global {
  interface ImportMeta {
    /** Vite's glob import, which vitest provides (typed here so the server tsconfig needs no DOM types). */
    glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
  }
}
