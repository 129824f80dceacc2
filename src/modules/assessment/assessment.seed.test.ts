import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { demoDatabase } from '../../test/db.js';
import { gradeOf, reviewScore, totalScore } from './grading.js';
import {
  asAnnualReviews,
  asKeyTasks,
  asReviewRatings,
  asVisitScores,
  asVisits,
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

  it('has the annual cycle in every state, review scores computed from the stored ratings (decision 032)', async () => {
    const db = database.db;
    const [tasks, visits, reviews, ratings, rect, visitScores] = await Promise.all([
      db.select().from(asKeyTasks),
      db.select().from(asVisits),
      db.select().from(asAnnualReviews),
      db.select().from(asReviewRatings),
      db.select().from(asRectificationItems),
      db.select().from(asVisitScores),
    ]);
    expect(new Set(tasks.map((k) => k.status))).toEqual(new Set(['open', 'submitted', 'accepted', 'returned']));
    expect(new Set(tasks.map((k) => k.kind))).toEqual(new Set(['key', 'responsibility']));
    expect(visits.some((v) => v.kind === 'supervision' && v.unannounced)).toBe(true);
    // Every 观摩 scored by visitors above it, several of them somewhere (its score is their mean).
    const observed = visits.filter((v) => v.kind === 'observation');
    expect(observed.every((v) => visitScores.some((x) => x.visitId === v.id))).toBe(true);
    expect(observed.some((v) => visitScores.filter((x) => x.visitId === v.id).length >= 2)).toBe(true);
    const findings = rect.filter((r) => r.visitId !== null);
    expect(findings.some((f) => f.doneAt) && findings.some((f) => !f.doneAt)).toBe(true);
    const closed = reviews.filter((r) => r.closedAt);
    expect(closed.length).toBeGreaterThan(0);
    for (const r of closed) {
      const mine = ratings.filter((x) => x.reviewId === r.id);
      const w = { member: r.memberWeight, resident: r.residentWeight, superior: r.superiorWeight };
      const groups = (['member', 'resident', 'superior'] as const).map((k) => {
        const g = mine.filter((x) => x.raterKind === k);
        return { weight: w[k], n: g.length, sum: g.reduce((s, x) => s + x.score, 0) };
      });
      expect(r.score).toBe(reviewScore(groups));
    }
    expect(closed.some((r) => ratings.filter((x) => x.reviewId === r.id).length === 3)).toBe(true);
    expect(reviews.some((r) => !r.closedAt && r.report)).toBe(true);
  });
});
