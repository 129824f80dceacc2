import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { demoDatabase } from '../../test/db.js';
import { EMERGENCY_FIGURES } from './figures.js';
import {
  emEvents,
  emTaskAssignees,
  emVisits,
  recruitCandidates,
  riverAlerts,
  riverPatrols,
  riverReadings,
} from './schema.js';

/** The demo data (module.ts seedDemo): a flood drill partly covered, an ended campaign, a river with alerts. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
});

describe('demo emergency and river data', () => {
  it('has an active flood drill partly covered, an ended record, tasks checked in and not, readings with alerts', async () => {
    const db = database.db;
    const events = await db.select().from(emEvents).orderBy(emEvents.id);
    expect(events.map((e) => [e.kind, e.status])).toEqual([
      ['flood', 'active'],
      ['epidemic', 'ended'],
    ]);
    const visits = await db.select().from(emVisits);
    expect(new Set(visits.map((v) => v.result))).toEqual(new Set(['visited', 'notHome', 'needsHelp']));
    expect(visits.filter((v) => v.result === 'needsHelp').every((v) => v.orderId)).toBe(true);
    const assignees = await db.select().from(emTaskAssignees);
    expect(new Set(assignees.map((a) => a.checkedInAt !== null))).toEqual(new Set([true, false]));
    const alerts = await db.select().from(riverAlerts);
    expect(new Set(alerts.map((a) => a.status))).toEqual(new Set(['open', 'closed']));
    expect((await db.select().from(riverReadings)).length).toBeGreaterThan(100);
    expect((await db.select().from(riverPatrols)).length).toBeGreaterThan(3);

    const stages = new Set((await db.select().from(recruitCandidates)).map((c) => c.stage));
    expect(stages).toEqual(new Set(['applicant', 'activist', 'target', 'probationary', 'full']));

    // The coverage figure of the street is counted from the drill's records: partly done.
    const [street] = await db
      .select({ id: territories.id, path: territories.path, level: territories.level })
      .from(territories)
      .where(eq(territories.divisionCode, '630104006'));
    const coverage = EMERGENCY_FIGURES.find((f) => f.key === 'emergency.coverage')!;
    const [amount] = await coverage.compute({
      db,
      actor: { scopePath: '/' } as never,
      clock: { now: () => new Date() } as never,
      nodes: [street!],
      from: new Date(0),
      to: new Date(),
    });
    expect(amount!.value).toBeGreaterThan(10);
    expect(amount!.value).toBeLessThan(90);
  });
});
