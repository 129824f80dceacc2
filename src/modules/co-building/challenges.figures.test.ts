import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { makeChallenge } from './challenges.testing.js';
import { CO_BUILDING_FIGURES } from './dashboard.figures.js';
import { coAgreements, coChallenges, coDeliverables } from './schema.js';
import { makeAgreement } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

describe('challenge and agreement figures (decision 041)', () => {
  it('counts challenges posted / solved and agreements fulfilled as by hand, and each drill-down lists as many', async () => {
    const A2 = tree.streetA.communities[1]!;
    const c = A2.community;
    // Posted 2026-01-10 (all three); solved on 2026-02-20 (one); one posted in 2025 outside the period.
    await makeChallenge(t.db, c, { title: '楼院治理', status: 'solved' });
    await makeChallenge(t.db, c, { title: '停车难', status: 'inProgress' });
    await makeChallenge(t.db, c, { title: '河道护栏', status: 'open' });
    const old = await makeChallenge(t.db, c, { title: '旧榜', status: 'solved' });
    await t.db
      .update(coChallenges)
      .set({ postedOn: '2025-06-01', closedOn: '2025-07-01' })
      .where(eq(coChallenges.id, old.id));
    // Agreements evaluated in the period: one with all deliverables done (fulfilled), one with one not done.
    const good = await makeAgreement(t.db, c, { title: '石化共建', status: 'evaluated' });
    const bad = await makeAgreement(t.db, c, { title: '银行共建', status: 'evaluated' });
    const notYet = await makeAgreement(t.db, c, { title: '学校共建', status: 'fulfilling' });
    for (const a of [good, bad, notYet])
      await t.db
        .update(coAgreements)
        .set({ evaluatedAt: new Date('2026-03-01T10:00:00+08:00') })
        .where(eq(coAgreements.id, a.id));
    await t.db.update(coDeliverables).set({ status: 'done', doneOn: '2026-02-01' });
    await t.db
      .update(coDeliverables)
      .set({ status: 'notDone', doneOn: null })
      .where(eq(coDeliverables.id, bad.deliverableIds[1]!));

    const hand = { challengesPosted: 3, challengesSolved: 1, agreementsFulfilled: 1 };
    const staff = await t.as(['communityStaff'], c.id);
    const q = `territoryId=${c.id}&from=2026-01-01&to=2026-06-30`;
    const res = await staff.get(`/api/co-building/figures?${q}`);
    expect(res.status).toBe(200);
    const figs = res.body.figures as { key: string; value: number; link: string; formula: string }[];
    for (const [key, value] of Object.entries(hand)) {
      const f = figs.find((x) => x.key === key)!;
      expect(f.value, key).toBe(value);
      expect(f.formula).not.toBe('');
      const drill = await staff.get(`/api${f.link}&pageSize=100`);
      expect(drill.status, f.link).toBe(200);
      expect(drill.body.total, `drill-down of ${key}`).toBe(value);
    }
    // The same values and links through the dashboard's declared figures.
    const node = { id: c.id, path: c.path };
    for (const key of Object.keys(hand)) {
      const def = CO_BUILDING_FIGURES.find((d) => d.key === `coBuilding.${key}`)!;
      expect(def.formula['zh-CN']).toBeTruthy();
      expect(def.formula['en-US']).toBeTruthy();
      const drill = def.drill({ node, from: '2026-01-01', to: '2026-06-30' } as never);
      expect(drill).toBe(figs.find((x) => x.key === key)!.link);
    }
  });
});
