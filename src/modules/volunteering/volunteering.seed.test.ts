import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.js';
import { systemActor } from '../../kernel/context.js';
import type { Database } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { demoDatabase } from '../../test/db.js';
import { listSignups } from './activities.service.js';
import { VOLUNTEERING_FIGURES } from './figures.js';
import { pointEntries, volActivities, volSignups, volTeamMembers, volTeams } from './schema.js';

/** The demo volunteering data (module.ts seedDemo) and the figures counted from it. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
}, 180_000);
afterAll(async () => {
  await release?.();
});

describe('demo volunteering', () => {
  it('has activities, sign-ups, points and teams in every state, and figures equal to their drill-down lists', async () => {
    const db = database.db;
    const distinct = async (
      col: typeof volActivities.status | typeof volSignups.status | typeof pointEntries.status | typeof volTeams.kind,
    ) => (await db.select({ s: sql<string>`distinct ${col}` }).from(col.table)).map((r) => r.s).sort();
    expect(await distinct(volActivities.status)).toEqual(['cancelled', 'closed', 'open']);
    expect(await distinct(volSignups.status)).toEqual([
      'cancelled',
      'checkedIn',
      'checkedOut',
      'confirmed',
      'rejected',
      'signedUp',
    ]);
    expect(await distinct(pointEntries.status)).toEqual(['pending', 'posted', 'rejected']);
    expect(await distinct(volTeams.kind)).toEqual(['commando', 'modelPost', 'vanguardPost', 'volunteer']);
    expect((await db.select().from(volTeamMembers)).length).toBeGreaterThan(10);

    const [community] = await db
      .select({ id: territories.id, path: territories.path, level: territories.level })
      .from(territories)
      .where(eq(territories.divisionCode, '630104006001'));
    const node = community!;
    const from = new Date(Date.now() - 60 * 86_400_000);
    const to = new Date(Date.now() + 86_400_000);
    const actor = { ...systemActor(), scopePath: node.path };
    const hours = VOLUNTEERING_FIGURES.find((f) => f.key === 'volunteering.hours')!;
    const [amount] = await hours.compute({ db, actor, clock: systemClock, nodes: [node], from, to });
    expect(amount!.value).toBeGreaterThan(0);
    const ctx = { db, actor, clock: systemClock, requestId: 't', ip: '', locale: 'zh-CN' as const };
    const drill = await listSignups(ctx, { territoryId: node.id, status: 'confirmed', page: 1, pageSize: 200 });
    const minutes = drill.items
      .filter((s) => s.confirmedAt! >= from && s.confirmedAt! < to)
      .reduce((n, s) => n + s.confirmedMinutes!, 0);
    expect(amount!.value).toBe(Math.round(minutes / 6) / 10);
  });
});
