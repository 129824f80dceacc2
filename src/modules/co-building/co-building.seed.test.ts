import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { demoDatabase } from '../../test/db.js';
import { coAgreements, coDeliverables, coMatches, coNeeds, coProjects, coResources, coTasks } from './schema.js';

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
});
