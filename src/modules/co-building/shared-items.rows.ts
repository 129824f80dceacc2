import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { and, eq, sql } from 'drizzle-orm';
import { accounts } from '../../kernel/db/schema.js';
import { CO_BUILDING_ROLES as R } from './permissions.js';
import { chinaDay } from '../../kernel/clock.js';
import { makeLoan, makeSharedItem } from './shared-items.testing.js';

/**
 * Authorization-matrix rows of 便民共享服务柜 (decision 042), folded into co-building's authz.rows.ts. Inside: street
 * A's first community (the matrix's sessions sit at street A); outside: street B's. A resident's own loan belongs to
 * the matrix's resident session inside, to a stranger outside.
 */
const itemAt = (f: MatrixFixture, w: Where) =>
  makeSharedItem(f.t.db, f.at(w).community, { name: `共享物品${f.uniq()}` });
const today = (f: MatrixFixture) => chinaDay(f.t.clock.now());
const loanAt = async (f: MatrixFixture, w: Where) => {
  const borrower =
    w === 'inside'
      ? await residentAt(f, f.tree.streetA.street.id)
      : (await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).id;
  return makeLoan(f.t.db, f.at(w).community, {
    name: `借出物品${f.uniq()}`,
    borrowerAccountId: borrower,
    dueOn: today(f),
  });
};
/** The matrix's resident session sits at street A: the first resident account there. */
async function residentAt(f: MatrixFixture, territoryId: number): Promise<number | null> {
  const [a] = await f.t.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.territoryId, territoryId), sql`'resident' = any(${accounts.roles})`))
    .orderBy(accounts.id)
    .limit(1);
  return a?.id ?? null;
}
const I = '/api/co-building/shared-items';
const L = '/api/co-building/shared-loans';
const C = '/api/co-building/cabinet';
const M = '/api/co-building/my-loans';

export const SHARED_ITEM_ROWS: MatrixRows = {
  [`GET ${I}`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${I}?q=${encodeURIComponent((await itemAt(f, w)).name)}` }),
  },
  [`POST ${I}`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: I,
      body: { territoryId: f.community(w), name: `人字梯${f.uniq()}`, category: 'tools', location: '共享柜 A1' },
    }),
  },
  [`GET ${I}/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${I}/${(await itemAt(f, w)).id}` }),
  },
  [`PATCH ${I}/:id`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${I}/${(await itemAt(f, w)).id}`,
      body: { location: '共享柜 B2' },
    }),
  },
  [`POST ${I}/:id/status`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${I}/${(await itemAt(f, w)).id}/status`,
      body: { to: 'damaged', note: '摔坏' },
    }),
  },
  [`POST ${I}/:id/lend`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${I}/${(await itemAt(f, w)).id}/lend`,
      body: { dueOn: today(f), borrowerName: '王大爷' },
    }),
  },
  [`GET ${L}`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${L}?itemId=${(await loanAt(f, w)).item.id}` }),
  },
  [`POST ${L}/:id/return`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${L}/${(await loanAt(f, w)).loan.id}/return`,
      body: { condition: 'good' },
    }),
  },
  [`POST ${L}/:id/lost`]: {
    allow: R.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${L}/${(await loanAt(f, w)).loan.id}/lost`,
      body: { note: '找不到了' },
    }),
  },
  [`GET ${C}`]: {
    allow: R.borrow,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${C}?q=${encodeURIComponent((await itemAt(f, w)).name)}` }),
  },
  [`GET ${C}/:id`]: {
    allow: R.borrow,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${C}/${(await itemAt(f, w)).id}` }),
  },
  [`POST ${C}/:id/borrow`]: {
    allow: R.borrow,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${C}/${(await itemAt(f, w)).id}/borrow`,
      body: { dueOn: today(f) },
    }),
  },
  [`GET ${M}`]: {
    allow: R.borrow,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: M }),
  },
  [`POST ${M}/:id/return-request`]: {
    allow: R.borrow,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${M}/${(await loanAt(f, w)).loan.id}/return-request`,
      body: { condition: 'good' },
    }),
  },
};
