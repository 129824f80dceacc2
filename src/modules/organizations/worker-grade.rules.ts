/**
 * 三岗十八级 (issue 15 item 4, seed 004, decision 048): the post-and-grade ladder of community workers 社区工作者.
 * Three posts — head 社区正职 (party secretary, residents' committee director), deputy 社区副职 (their deputies), staff
 * 其他社区工作者 — each spanning twelve of eighteen grades; a worker moves up one grade 档 for each full three years of
 * community work, and a degree counts as years of community work. The grade is the pay grade (薪级): the pay table
 * per grade is the district's. Pure functions over the recorded facts (start day, degree, posts held with their
 * days), so a grade and its history are derived from records, never typed in.
 */
import type { CommitteePost, EducationLevel, PartyPost } from './constants.js';

export const WORKER_POSTS = ['head', 'deputy', 'staff'] as const;
export type WorkerPost = (typeof WORKER_POSTS)[number];
export const DEGREES = ['none', 'bachelor', 'master', 'doctorate'] as const;
export type Degree = (typeof DEGREES)[number];

/** The rule as data (the common model adopted by provinces since 2019; a district's own table can replace it). */
export const WORKER_GRADE_RULE = {
  /** The grades each post spans, lowest and highest: 正职 7–18, 副职 4–15, 其他 1–12. */
  range: { head: [7, 18], deputy: [4, 15], staff: [1, 12] } as Record<WorkerPost, readonly [number, number]>,
  /** One grade for each full this-many years of community work 每三年一档. */
  yearsPerGrade: 3,
  /** A degree counts as years of community work: 学士 3, 硕士 5, 博士 7 (视同社区工作年限). */
  degreeYears: { none: 0, bachelor: 3, master: 5, doctorate: 7 } as Record<Degree, number>,
} as const;

export interface WorkerFacts {
  /** First day of community work, `YYYY-MM-DD`. */
  startedOn: string;
  degree: Degree;
  /** Posts held, each from its first day; a later entry ends the one before. */
  posts: { post: WorkerPost; from: string }[];
}

export interface WorkerGrade {
  post: WorkerPost;
  /** 1–18: the pay grade. */
  grade: number;
  /** 1–12: the grade's place within the post. */
  band: number;
  /** Full years of community work on the day, and those years plus the degree's. */
  years: number;
  countedYears: number;
  /** The day the next grade is due; null at the post's top grade. */
  nextOn: string | null;
}

/** `YYYY-MM-DD` plus whole years (29 Feb → 1 Mar in a common year, as Date does). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y! + years, m! - 1, d!)).toISOString().slice(0, 10);
}

/** Full years from `from` to `to` (0 before the first anniversary). */
export function fullYears(from: string, to: string): number {
  if (to < from) return 0;
  let n = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (addYears(from, n) > to) n -= 1;
  return Math.max(0, n);
}

/** The 三岗 post of a leadership team member 两委班子: a head or deputy post in either committee decides. */
export function postOfLeadership(partyPost: PartyPost | null, committeePost: CommitteePost | null): WorkerPost {
  if (partyPost === 'secretary' || committeePost === 'director') return 'head';
  if (partyPost === 'deputySecretary' || committeePost === 'deputyDirector') return 'deputy';
  return 'staff';
}

/** The degree a recorded education level proves at least (postgraduate counts as a master's). */
export function degreeOfEducation(level: EducationLevel | null): Degree {
  if (level === 'postgraduate') return 'master';
  if (level === 'bachelor') return 'bachelor';
  return 'none';
}

function postOn(f: WorkerFacts, day: string): WorkerPost | null {
  const held = [...f.posts].sort((a, b) => a.from.localeCompare(b.from)).filter((p) => p.from <= day);
  return held.at(-1)?.post ?? null;
}

/** The worker's post and grade on a day; null before they started or held a post. */
export function gradeOn(f: WorkerFacts, day: string): WorkerGrade | null {
  const post = postOn(f, day);
  if (!post || day < f.startedOn) return null;
  const { range, yearsPerGrade, degreeYears } = WORKER_GRADE_RULE;
  const [low, high] = range[post];
  const years = fullYears(f.startedOn, day);
  const countedYears = years + degreeYears[f.degree];
  const grade = Math.min(high, low + Math.floor(countedYears / yearsPerGrade));
  const nextYears = (Math.floor(countedYears / yearsPerGrade) + 1) * yearsPerGrade - degreeYears[f.degree];
  return {
    post,
    grade,
    band: grade - low + 1,
    years,
    countedYears,
    nextOn: grade < high ? addYears(f.startedOn, nextYears) : null,
  };
}

export interface GradeChange {
  on: string;
  post: WorkerPost;
  grade: number;
  /** Why the grade changed: the start, a new post, or three more years. */
  cause: 'start' | 'post' | 'years';
}

/**
 * The promotion history up to a day: the start, each new post, and each grade reached by years, in order; a day
 * that changes nothing (a post held again, a top grade reached) is left out.
 */
export function gradeHistory(f: WorkerFacts, until: string): GradeChange[] {
  const days = new Set<string>([f.startedOn, ...f.posts.map((p) => p.from)]);
  for (let k = 1; k <= 60; k++) {
    const day = addYears(f.startedOn, k);
    if (day > until) break;
    days.add(day);
  }
  const out: GradeChange[] = [];
  for (const day of [...days].filter((d) => d <= until).sort()) {
    const g = gradeOn(f, day);
    if (!g) continue;
    const last = out.at(-1);
    if (last && last.post === g.post && last.grade === g.grade) continue;
    out.push({
      on: day,
      post: g.post,
      grade: g.grade,
      cause: !last ? 'start' : last.post !== g.post ? 'post' : 'years',
    });
  }
  return out;
}
