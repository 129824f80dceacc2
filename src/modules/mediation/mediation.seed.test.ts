import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { demoDatabase } from '../../test/db.js';
import { orderEvents, serviceOrders } from '../service-orders/schema.js';
import { mediationCases, mediationParties, mediationSessions, mediationTeamMembers, mediationTeams } from './schema.js';

/** The demo mediation data (module.ts seedDemo): teams per community, 金大姐说事室, cases in several stages. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
});

describe('demo mediation', () => {
  it('has the 金大姐说事室 with its story, teams in every demo community, cases in several stages with consistent timelines', async () => {
    const db = database.db;
    const teams = await db.select().from(mediationTeams);
    expect(new Set(teams.map((t) => t.communityId)).size).toBe(6);
    const jin = teams.find((t) => t.name === '金大姐说事室');
    expect(jin).toBeDefined();
    expect(
      (await db.select().from(mediationTeamMembers).where(eq(mediationTeamMembers.teamId, jin!.id))).map((m) => m.name),
    ).toContain('金大姐');
    const orders = await db
      .select()
      .from(serviceOrders)
      .where(eq(serviceOrders.kind, 'mediation'))
      .orderBy(asc(serviceOrders.id));
    expect(new Set(orders.map((o) => o.status))).toEqual(
      new Set(['submitted', 'accepted', 'inProgress', 'resolved', 'rated']),
    );
    const cases = await db
      .select()
      .from(mediationCases)
      .where(
        inArray(
          mediationCases.orderId,
          orders.map((o) => o.id),
        ),
      );
    expect(cases).toHaveLength(orders.length);
    const story = orders.find((o) => o.title.includes('下水道'))!;
    const storyCase = cases.find((c) => c.orderId === story.id)!;
    expect(storyCase).toMatchObject({ teamId: jin!.id, outcome: 'agreed' });
    expect(storyCase.agreementText).toBeTruthy();
    expect((await db.select().from(mediationSessions).where(eq(mediationSessions.orderId, story.id))).length).toBe(2);
    expect(
      (await db.select().from(mediationParties).where(eq(mediationParties.orderId, story.id))).map((p) => p.name),
    ).toContain('张可红');
    // Every resolved case has its outcome; every timeline leads to the case's state.
    for (const o of orders) {
      const c = cases.find((x) => x.orderId === o.id)!;
      expect(c.outcome !== null, `case ${o.id}`).toBe(o.resolvedAt !== null);
      const tl = await db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, o.id))
        .orderBy(asc(orderEvents.at), asc(orderEvents.id));
      expect(tl[0]!.action).toBe('create');
      expect(tl.at(-1)!.toStatus).toBe(o.status);
      for (let i = 1; i < tl.length; i++) expect(tl[i]!.fromStatus).toBe(tl[i - 1]!.toStatus);
      expect(tl.every((e) => e.at.getTime() <= Date.now() + 86_400_000)).toBe(true);
    }
    const [resident] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'resident'));
    expect(orders.some((o) => o.reporterAccountId === resident!.id)).toBe(true);
  });
});
