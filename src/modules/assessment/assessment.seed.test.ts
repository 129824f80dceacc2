import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { demoDatabase } from '../../test/db.js';
import { gradeOf, totalScore } from './grading.js';
import {
  asAssessments,
  asBookings,
  asChecklistItems,
  asChecklists,
  asRatings,
  asRectificationItems,
  asScores,
  asSentTasks,
} from './schema.js';

/** The demo assessment data (module.ts seedDemo): every stage and state, grades that follow the formula. */
let database: Database;
let release: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
});

describe('demo assessment', () => {
  it('has every stage and state, with grades computed from the stored scores', async () => {
    const db = database.db;
    const [lists, items, as, scores, rect] = await Promise.all([
      db.select().from(asChecklists),
      db.select().from(asChecklistItems),
      db.select().from(asAssessments),
      db.select().from(asScores),
      db.select().from(asRectificationItems),
    ]);
    expect(new Set(lists.map((l) => l.domain)).size).toBe(8);
    expect(new Set(as.map((a) => a.stage))).toEqual(new Set(['selfCheck', 'peerReview', 'superiorReview', 'graded']));
    expect(new Set(as.map((a) => a.grade).filter(Boolean))).toEqual(new Set(['advanced', 'pass', 'lagging']));
    expect(as.some((a) => a.weak)).toBe(true);
    expect(as.some((a) => a.weakClearedAt !== null && !a.weak)).toBe(true);
    for (const a of as.filter((x) => x.stage === 'graded')) {
      const list = lists.find((l) => l.id === a.checklistId)!;
      const mine = scores.filter((s) => s.assessmentId === a.id && s.round === 'superior');
      const total = totalScore(mine.map((s) => ({ ...items.find((i) => i.id === s.itemId)!, score: s.score })));
      expect(a.score).toBe(total);
      expect(a.grade).toBe(gradeOf(total, list));
      if (a.weak) expect(rect.some((r) => r.assessmentId === a.id && r.doneAt === null)).toBe(true);
    }
    const ratings = await db.select().from(asRatings);
    expect(new Set(ratings.map((r) => r.raterKind))).toEqual(new Set(['resident', 'supervisor']));
    const sent = await db.select().from(asSentTasks);
    expect(new Set(sent.map((s) => s.status))).toEqual(new Set(['accepted', 'refused']));
    const bookings = await db.select().from(asBookings);
    expect(new Set(bookings.map((b) => b.status))).toEqual(new Set(['booked', 'cancelled']));
  });
});
