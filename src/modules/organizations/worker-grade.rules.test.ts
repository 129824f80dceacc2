import { describe, expect, it } from 'vitest';
import {
  addYears,
  degreeOfEducation,
  fullYears,
  gradeHistory,
  gradeOn,
  postOfLeadership,
  WORKER_GRADE_RULE,
  WORKER_POSTS,
  type WorkerFacts,
} from './worker-grade.rules.js';

/** 三岗十八级 (issue 15 item 4): grades derived from the recorded facts, checked against hand computations. */
describe('the community workers’ post-and-grade ladder 三岗十八级', () => {
  it('spans eighteen grades: each post twelve, 正职 7–18, 副职 4–15, 其他 1–12', () => {
    const { range } = WORKER_GRADE_RULE;
    for (const p of WORKER_POSTS) expect(range[p][1] - range[p][0] + 1).toBe(12);
    expect(Math.min(...WORKER_POSTS.map((p) => range[p][0]))).toBe(1);
    expect(Math.max(...WORKER_POSTS.map((p) => range[p][1]))).toBe(18);
  });

  it('counts full years, a leap day included', () => {
    expect(fullYears('2023-04-11', '2026-04-10')).toBe(2);
    expect(fullYears('2023-04-11', '2026-04-11')).toBe(3);
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(fullYears('2024-02-29', '2025-02-28')).toBe(0);
    expect(fullYears('2024-02-29', '2025-03-01')).toBe(1);
    expect(fullYears('2026-05-01', '2026-04-10')).toBe(0);
  });

  it('derives the grade: post’s lowest + one per full three counted years, capped at the post’s top', () => {
    const on = '2026-04-10';
    // Staff, no degree, 6 years: 1 + ⌊6/3⌋ = 3; next at 9 years.
    expect(
      gradeOn({ startedOn: '2020-03-01', degree: 'none', posts: [{ post: 'staff', from: '2020-03-01' }] }, on),
    ).toEqual({ post: 'staff', grade: 3, band: 3, years: 6, countedYears: 6, nextOn: '2029-03-01' });
    // Head with a master's: 13 years + 5 = 18 counted: 7 + 6 = 13; next at 21 counted = 16 worked.
    expect(
      gradeOn({ startedOn: '2012-07-01', degree: 'master', posts: [{ post: 'head', from: '2012-07-01' }] }, on),
    ).toEqual({ post: 'head', grade: 13, band: 7, years: 13, countedYears: 18, nextOn: '2028-07-01' });
    // Deputy with a doctorate, 31 years + 7 = 38 counted: 4 + 12 = 16 → the post's top, 15; nothing next.
    expect(
      gradeOn({ startedOn: '1995-01-01', degree: 'doctorate', posts: [{ post: 'deputy', from: '1995-01-01' }] }, on),
    ).toMatchObject({ grade: 15, band: 12, nextOn: null });
    // The day before the third anniversary, and the day itself.
    const f: WorkerFacts = { startedOn: '2023-04-11', degree: 'none', posts: [{ post: 'staff', from: '2023-04-11' }] };
    expect(gradeOn(f, '2026-04-10')).toMatchObject({ grade: 1, nextOn: '2026-04-11' });
    expect(gradeOn(f, '2026-04-11')).toMatchObject({ grade: 2, nextOn: '2029-04-11' });
    // A bachelor's counts three years from the first day.
    expect(gradeOn({ ...f, degree: 'bachelor' }, '2023-04-11')).toMatchObject({ grade: 2, countedYears: 3 });
    // Before the start, or without a post, there is no grade.
    expect(gradeOn(f, '2023-04-10')).toBeNull();
    expect(gradeOn({ ...f, posts: [] }, on)).toBeNull();
  });

  it('lists the promotion history: the start, each new post, each grade reached by years', () => {
    const f: WorkerFacts = {
      startedOn: '2016-09-01',
      degree: 'bachelor',
      posts: [
        { post: 'head', from: '2025-06-01' },
        { post: 'staff', from: '2016-09-01' },
        { post: 'deputy', from: '2021-01-15' },
      ],
    };
    // By hand (bachelor: +3 counted years): 2016 staff 1+1; 2019 staff 1+2; 2021-01 deputy 4+⌊7/3⌋; 2022-09 deputy
    // 4+3; 2025-06 head 7+⌊11/3⌋; 2025-09 head 7+4. The anniversaries that change nothing are left out.
    expect(gradeHistory(f, '2026-04-10')).toEqual([
      { on: '2016-09-01', post: 'staff', grade: 2, cause: 'start' },
      { on: '2019-09-01', post: 'staff', grade: 3, cause: 'years' },
      { on: '2021-01-15', post: 'deputy', grade: 6, cause: 'post' },
      { on: '2022-09-01', post: 'deputy', grade: 7, cause: 'years' },
      { on: '2025-06-01', post: 'head', grade: 10, cause: 'post' },
      { on: '2025-09-01', post: 'head', grade: 11, cause: 'years' },
    ]);
    expect(gradeOn(f, '2026-04-10')).toEqual({
      post: 'head',
      grade: 11,
      band: 5,
      years: 9,
      countedYears: 12,
      nextOn: '2028-09-01',
    });
  });

  it('reads the post and degree from a leadership team member’s record 两委班子', () => {
    expect(postOfLeadership('member', 'director')).toBe('head');
    expect(postOfLeadership('secretary', null)).toBe('head');
    expect(postOfLeadership('deputySecretary', 'member')).toBe('deputy');
    expect(postOfLeadership(null, 'deputyDirector')).toBe('deputy');
    expect(postOfLeadership('member', 'member')).toBe('staff');
    expect(postOfLeadership(null, null)).toBe('staff');
    expect(degreeOfEducation('postgraduate')).toBe('master');
    expect(degreeOfEducation('bachelor')).toBe('bachelor');
    expect(degreeOfEducation('associate')).toBe('none');
    expect(degreeOfEducation(null)).toBe('none');
  });
});
