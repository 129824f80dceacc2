import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { demoDatabase } from '../../test/db.js';
import { chairCurrent, memberCurrent } from './alliances.service.js';
import { chinaDay } from '../../kernel/clock.js';
import {
  coAgreements,
  coAllianceChairs,
  coAllianceMembers,
  coAlliances,
  coChallengeApplicants,
  coChallengeRatings,
  coChallengeReports,
  coChallenges,
  coDeliverables,
  coMatches,
  coNeeds,
  coProjects,
  coResources,
  coTasks,
} from './schema.js';

/** The demo co-building data (module.ts seedDemo): 大坝通道, 桥下蜜园, projects on time and late, open needs. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
});

describe('demo co-building', () => {
  it('tells the seeds’ stories in the demo communities with consistent capacity, needs and tasks', async () => {
    const db = database.db;
    const projects = await db.select().from(coProjects);
    expect(new Set(projects.map((p) => p.communityId)).size).toBe(6);
    const daba = projects.find((p) => p.title.includes('大坝通道'));
    const miyuan = projects.find((p) => p.title.includes('桥下蜜园'));
    expect(daba?.status).toBe('done');
    expect(miyuan?.status).toBe('done');
    expect(daba!.doneOn! <= daba!.dueOn).toBe(true);
    expect(projects.some((p) => p.status === 'inProgress')).toBe(true);
    for (const r of await db.select().from(coResources)) expect(r.usedCapacity).toBeLessThanOrEqual(r.capacity);
    const matches = await db.select().from(coMatches);
    for (const m of matches) {
      const [r] = await db.select().from(coResources).where(eq(coResources.id, m.resourceId));
      expect(r!.usedCapacity).toBeGreaterThanOrEqual(m.amount);
    }
    const dabaNeeds = await db.select().from(coNeeds).where(eq(coNeeds.projectId, daba!.id));
    expect(dabaNeeds.map((n) => n.status)).toEqual(['met']);
    expect((await db.select().from(coTasks).where(eq(coTasks.projectId, daba!.id))).every((x) => x.doneAt)).toBe(true);
    expect((await db.select().from(coNeeds).where(eq(coNeeds.status, 'open'))).length).toBeGreaterThanOrEqual(6);
    const running = (await db.select().from(coAgreements)).find((a) => a.status === 'fulfilling');
    const ds = await db.select().from(coDeliverables).where(eq(coDeliverables.agreementId, running!.id));
    expect(new Set(ds.map((d) => d.status))).toEqual(new Set(['done', 'notDone', 'pending']));
    expect(ds.some((d) => d.status === 'done' && d.doneOn! > d.dueOn)).toBe(true);
  });

  it('has a party-building alliance per demo community with a chair now, part-time members and its agreement', async () => {
    const db = database.db;
    const today = chinaDay(new Date());
    const alliances = await db.select().from(coAlliances);
    expect(alliances.length).toBe(6);
    const chairs = await db.select().from(coAllianceChairs);
    const members = await db.select().from(coAllianceMembers);
    const agreements = await db.select().from(coAgreements);
    for (const a of alliances) {
      expect(chairs.filter((c) => c.allianceId === a.id && chairCurrent(c, today))).toHaveLength(1);
      expect(chairs.filter((c) => c.allianceId === a.id).length).toBe(2);
      expect(members.filter((m) => m.allianceId === a.id && memberCurrent(m, today)).length).toBeGreaterThanOrEqual(3);
      expect(members.some((m) => m.allianceId === a.id && !memberCurrent(m, today))).toBe(true);
      expect(agreements.filter((g) => g.allianceId === a.id && g.status === 'fulfilling')).toHaveLength(1);
    }
    // The red property company's repair team is a member unit's resource used by a project.
    const repair = await db.select().from(coResources).where(eq(coResources.offererName, '红色物业维修班'));
    expect(repair.length).toBe(6);
    expect(repair.every((r) => r.unitId !== null)).toBe(true);
  });
});

describe('demo 揭榜挂帅 challenges', () => {
  it('has one in every state, with picks and reasons, reports, outcomes and the demo resident’s rating', async () => {
    const db = database.db;
    const rows = await db.select().from(coChallenges);
    expect(new Set(rows.map((c) => c.status))).toEqual(
      new Set(['open', 'taken', 'inProgress', 'solved', 'failed', 'withdrawn']),
    );
    const lift = rows.find((c) => c.title === '老旧小区加装电梯协调')!;
    expect(lift.status).toBe('solved');
    expect(lift.takenOn! <= lift.closedOn!).toBe(true);
    const applicants = await db.select().from(coChallengeApplicants);
    for (const a of applicants.filter((x) => x.decision === 'notPicked')) expect(a.reason).toBeTruthy();
    for (const c of rows.filter((x) => x.status !== 'open' && x.status !== 'withdrawn'))
      expect(applicants.some((a) => a.challengeId === c.id && a.decision === 'picked')).toBe(true);
    for (const c of rows.filter((x) => x.status === 'open'))
      expect(applicants.filter((a) => a.challengeId === c.id).every((a) => a.decision === 'pending')).toBe(true);
    const reports = await db.select().from(coChallengeReports).where(eq(coChallengeReports.challengeId, lift.id));
    expect(reports.length).toBe(3);
    const ratings = await db.select().from(coChallengeRatings);
    expect(ratings.map((r) => r.challengeId)).toEqual([lift.id]);
  });
});
