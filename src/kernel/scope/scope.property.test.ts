import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { TERRITORY_LEVELS, type TerritoryLevel } from '../territory-levels.js';

/**
 * Property: whatever the tree and wherever an account is bound, it sees exactly its subtree — lists, counts,
 * filters, pages and single records — and nothing else. The expected answers are computed in JS from the
 * generated tree (parent links only, never the database's paths).
 */

let t: TestApp;
let outside: { territoryId: number; accountId: number };

beforeAll(async () => {
  t = await testApp();
  // A tree no generated account belongs to: its node and account must never be visible.
  const root = await t.factory.territory(null, 'country', '别处');
  const acc = await t.factory.account({ roles: ['resident'], territoryId: root.id });
  outside = { territoryId: root.id, accountId: acc.id };
});
afterAll(() => t.close());

const ALPHABET = ['甲', '乙', 'a', 'A', 'b', '%', '_', '\\', '1'];
const text = (max: number) =>
  fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: max }).map((cs) => cs.join(''));

const scenario = fc.integer({ min: 1, max: 30 }).chain((size) =>
  fc.record({
    // parents[i] is the parent of node i + 1: always an earlier node, so any tree shape can come out
    parents: fc.tuple(...Array.from({ length: size - 1 }, (_, i) => fc.integer({ min: 0, max: i }))),
    names: fc.array(text(4), { minLength: size, maxLength: size }),
    viewers: fc.array(
      fc.record({
        node: fc.nat({ max: size - 1 }),
        level: fc.option(fc.constantFrom(...TERRITORY_LEVELS), { nil: undefined }),
        q: fc.option(text(2), { nil: undefined }),
        parent: fc.option(fc.nat({ max: size - 1 }), { nil: undefined }),
        pageSize: fc.constantFrom(1, 4, 200),
        probe: fc.nat({ max: size - 1 }),
        role: fc.option(fc.constantFrom('communityStaff', 'securityAdmin', 'resident'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    bystanders: fc.array(fc.nat({ max: size - 1 }), { maxLength: 4 }),
  }),
);

type Page = { items: { id: number; path: string }[]; total: number; page: number; pageSize: number };

/** Every item of a list, page by page; checks the paging answers agree with each other. */
async function collect(c: Client, url: string, pageSize: number) {
  const items: { id: number; path: string }[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const res = await c.get<Page>(`${url}${url.includes('?') ? '&' : '?'}pageSize=${pageSize}&page=${page}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page, pageSize });
    if (total === -1) total = res.body.total;
    expect(res.body.total).toBe(total);
    items.push(...res.body.items);
    if (res.body.items.length < pageSize || items.length >= total) break;
    expect(page).toBeLessThan(1000);
  }
  expect(items.length).toBe(total);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  return { ids: items.map((i) => i.id).sort((a, b) => a - b), items, total };
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('data scope', () => {
  it('an account sees exactly its subtree, for random trees, bindings and filters', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ parents, names, viewers, bystanders }) => {
        // Build the tree under a fresh root: level follows depth (household below that), as the product would.
        const parentOf = [null, ...parents] as (number | null)[];
        const depth: number[] = [];
        const nodes: { id: number; path: string; level: TerritoryLevel; name: string; parent: number | null }[] = [];
        for (let i = 0; i < names.length; i++) {
          const p = parentOf[i]!;
          depth[i] = p === null ? 0 : depth[p]! + 1;
          const level = TERRITORY_LEVELS[Math.min(depth[i]!, TERRITORY_LEVELS.length - 1)]!;
          const row = await t.factory.territory(p === null ? null : nodes[p]!.id, level, names[i]!);
          nodes.push({ id: row.id, path: row.path, level, name: names[i]!, parent: p });
        }
        const within = (node: number, root: number) => {
          for (let n: number | null = node; n !== null; n = parentOf[n]!) if (n === root) return true;
          return false;
        };

        const people: { id: number; node: number; roles: string[] }[] = [];
        for (const b of bystanders) {
          const acc = await t.factory.account({ roles: ['resident'], territoryId: nodes[b]!.id });
          people.push({ id: acc.id, node: b, roles: ['resident'] });
        }
        const signedIn = [];
        for (const v of viewers) {
          const staff = await t.as(['communityStaff'], nodes[v.node]!.id);
          const admin = await t.as(['securityAdmin'], nodes[v.node]!.id);
          people.push({ id: staff.account.id, node: v.node, roles: ['communityStaff'] });
          people.push({ id: admin.account.id, node: v.node, roles: ['securityAdmin'] });
          signedIn.push({ v, staff, admin });
        }

        for (const { v, staff, admin } of signedIn) {
          const home = nodes[v.node]!;
          const subtree = nodes.map((_, i) => i).filter((i) => within(i, v.node));

          // The whole subtree, a page at a time.
          const all = await collect(staff, '/api/territories', v.pageSize);
          expect(all.ids).toEqual(sorted(subtree.map((i) => nodes[i]!.id)));
          for (const item of all.items) expect(item.path.startsWith(home.path)).toBe(true);

          // With random filters: the same rule, and the total a brute-force count.
          const params = new URLSearchParams();
          if (v.level) params.set('level', v.level);
          if (v.q) params.set('q', v.q);
          if (v.parent !== undefined) params.set('parentId', String(nodes[v.parent]!.id));
          const expected = subtree.filter(
            (i) =>
              (!v.level || nodes[i]!.level === v.level) &&
              (!v.q || nodes[i]!.name.toLowerCase().includes(v.q.toLowerCase())) &&
              (v.parent === undefined || parentOf[i] === v.parent),
          );
          const filtered = await collect(staff, `/api/territories?${params}`, v.pageSize);
          expect(filtered.total).toBe(expected.length);
          expect(filtered.ids).toEqual(sorted(expected.map((i) => nodes[i]!.id)));
          for (const item of filtered.items) expect(item.path.startsWith(home.path)).toBe(true);

          // One record: there iff inside the subtree.
          const probe = await staff.get(`/api/territories/${nodes[v.probe]!.id}`);
          expect(probe.status).toBe(within(v.probe, v.node) ? 200 : 404);
          expect((await staff.get(`/api/territories/${outside.territoryId}`)).status).toBe(404);

          // Accounts: the security admin lists exactly the accounts bound inside the subtree.
          const rolePart = v.role ? `?role=${v.role}` : '';
          const listed = await collect(admin, `/api/accounts${rolePart}`, v.pageSize);
          const expectedPeople = people.filter((p) => within(p.node, v.node) && (!v.role || p.roles.includes(v.role)));
          expect(listed.ids).toEqual(sorted(expectedPeople.map((p) => p.id)));
          expect(listed.ids).not.toContain(outside.accountId);

          // One account: found iff bound inside the subtree.
          const target = people[v.probe % people.length]!;
          const unlock = await admin.post(`/api/accounts/${target.id}/unlock`);
          expect(unlock.status).toBe(within(target.node, v.node) ? 204 : 404);
          expect((await admin.post(`/api/accounts/${outside.accountId}/unlock`)).status).toBe(404);
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
