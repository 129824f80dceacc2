import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.js';
import { systemActor } from '../../kernel/context.js';
import type { Database } from '../../kernel/db/client.js';
import { demoDatabase } from '../../test/db.js';
import { orgLifeFigures } from './org-life.service.js';
import { actionItems, agendaItems, consultationComments, consultations, meetings } from './schema.js';

/** The demo meetings data (module.ts seedDemo): the four-party meeting, action items in every state, org life. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
});

describe('demo meetings', () => {
  it('has the four-party meeting with action items in every state, the next one carrying the undone, and one missed session flagged', async () => {
    const db = database.db;
    const ms = await db.select().from(meetings).orderBy(meetings.id);
    expect(ms.map((m) => m.status)).toEqual(['approved', 'planned']);
    const acts = await db.select().from(actionItems);
    const now = new Date();
    const states = new Set(acts.map((a) => (a.status === 'open' && a.dueAt < now ? 'overdue' : a.status)));
    expect([...states].sort()).toEqual(['cancelled', 'done', 'inProgress', 'open', 'overdue']);
    const carried = (await db.select().from(agendaItems)).filter((i) => i.meetingId === ms[1]!.id);
    expect(carried.map((c) => c.source)).toEqual(['carriedOver', 'carriedOver', 'carriedOver']);

    const ctx = {
      db,
      actor: systemActor(),
      clock: systemClock,
      requestId: 't',
      ip: '',
      locale: 'zh-CN' as const,
    };
    const twoMonthsAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 15));
    const f = await orgLifeFigures(ctx, twoMonthsAgo.getUTCFullYear());
    const flagged = f.branches.filter((b) => b.missing.length);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.missing).toEqual([{ kind: 'groupMeeting', period: twoMonthsAgo.toISOString().slice(0, 7) }]);
    expect(flagged[0]!.held).toBeGreaterThan(0);
    expect(flagged[0]!.attendanceRate).toBeGreaterThan(0.6);

    // Two consultations of the compound: one concluded through the four-party meeting, one open, with comments
    // from the demo accounts living there.
    const cs = await db.select().from(consultations).orderBy(consultations.id);
    expect(cs.map((c) => c.status)).toEqual(['concluded', 'open']);
    expect(cs[0]!.meetingId).toBe(ms[0]!.id);
    expect(cs[1]!.closesAt.getTime()).toBeGreaterThan(now.getTime());
    const linked = (await db.select().from(agendaItems)).filter((i) => i.consultationId === cs[0]!.id);
    expect(linked.map((i) => i.source)).toEqual(['consultation']);
    expect((await db.select().from(consultationComments)).length).toBeGreaterThanOrEqual(2);
  });
});
