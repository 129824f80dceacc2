import { and, asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { territories } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { placeFilter, placeInScope } from './scope.js';

/**
 * "The place filter inside my scope, else 404" (STYLE rules 5 and 7): a list's `territoryId` names a node of the
 * caller's subtree, whose rows it then narrows to; a node outside the subtree, or none at all, answers 404.
 */

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
const streetA = () => ({ scopePath: tree.streetA.street.path });

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

const notFound = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('notFound');
};

describe('placeInScope', () => {
  it('gives a node of the subtree (the scope root included) with its path and level', async () => {
    const c = tree.streetA.communities[1]!.community;
    expect(await placeInScope(t.db, streetA(), c.id)).toEqual({
      id: c.id,
      name: c.name,
      level: 'community',
      path: c.path,
      depth: c.depth,
      parentId: tree.streetA.street.id,
    });
    expect((await placeInScope(t.db, streetA(), tree.streetA.street.id)).path).toBe(tree.streetA.street.path);
  });

  it('answers notFound for a node outside the subtree, above it, or that does not exist', async () => {
    await notFound(placeInScope(t.db, streetA(), tree.streetB.communities[0]!.community.id));
    await notFound(placeInScope(t.db, streetA(), tree.district.id));
    await notFound(placeInScope(t.db, streetA(), 2_000_000_000));
  });
});

describe('placeFilter', () => {
  const idsUnder = async (territoryId: number | undefined) => {
    const w = await placeFilter(t.db, { scopePath: tree.country.path }, territories.path, territoryId);
    const rows = await t.db
      .select({ id: territories.id })
      .from(territories)
      .where(and(...w))
      .orderBy(asc(territories.id));
    return rows.map((r) => r.id);
  };

  it('adds no condition when no place is asked for', async () => {
    expect(await placeFilter(t.db, streetA(), territories.path, undefined)).toEqual([]);
  });

  it('narrows to the place and everything below it, nothing beside it', async () => {
    const a1 = tree.streetA.communities[0]!;
    expect(await idsUnder(a1.community.id)).toEqual([a1.community.id, a1.compound.id, a1.building.id, a1.household.id]);
  });

  it('checks the place against the caller’s scope before filtering', async () => {
    await notFound(placeFilter(t.db, streetA(), territories.path, tree.streetB.street.id));
  });
});
