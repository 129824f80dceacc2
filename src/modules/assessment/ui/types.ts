export interface Ref {
  id: number;
  name: string;
}
export interface AssessmentRow {
  id: number;
  checklist: { id: number; title: string; domain: string; year: number };
  org: Ref;
  place: Ref;
  peer: Ref;
  stage: string;
  score: number | null;
  grade: string | null;
  rule: string;
  weak: boolean;
  recheckScore: number | null;
  weakClearedAt: string | null;
}
export interface RoundScore {
  score: number;
  evidence: string | null;
}
export interface AssessmentDetail extends AssessmentRow {
  formula: string;
  may: { self: boolean; peer: boolean; superior: boolean };
  items: {
    id: number;
    title: string;
    weight: number;
    maxScore: number;
    evidenceRequired: boolean;
    self: RoundScore | null;
    peer: RoundScore | null;
    superior: RoundScore | null;
    recheck: RoundScore | null;
  }[];
  rectification: { id: number; title: string; dueOn: string; done: boolean; evidence: string | null }[];
}
export interface Period {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
  supervisorWeight: number;
}
export interface RankRow {
  unit: Ref & { kind: string };
  residentCount: number;
  residentMean: number | null;
  supervisorCount: number;
  supervisorMean: number | null;
  score: number | null;
}
export interface Ranking {
  period: Period;
  formula: string;
  units: RankRow[];
  top: RankRow[];
  bottom: RankRow[];
}
export interface Rateable {
  periods: Period[];
  units: {
    id: number;
    name: string;
    kind: string;
    mine: { periodId: number; stars: number | null; comment: string | null; reply: string | null }[];
  }[];
}
export interface UnitRatings {
  unit: Ref;
  ratings: {
    id: number;
    period: string;
    stars: number;
    comment: string | null;
    reply: string | null;
    createdAt: string;
  }[];
}
export interface SentTask {
  id: number;
  community: Ref;
  department: string;
  title: string;
  status: 'accepted' | 'refused';
  reason: string | null;
  createdAt: string;
}
export interface Centre {
  id: number;
  place: string;
  name: string;
  areaM2: number;
  openingHours: string;
  rooms: { id: number; name: string; capacity: number; bookings: number; hours: number }[];
}
export const GRADE_COLORS: Record<string, string> = { advanced: 'green', pass: 'blue', lagging: 'red' };

/** Decision 032: key tasks, reminders, visits, annual reviews. */
export interface KeyTask {
  id: number;
  kind: 'key' | 'responsibility';
  year: number;
  place: Ref;
  setBy: Ref;
  title: string;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'submitted' | 'accepted' | 'returned';
  overdue: boolean;
  evidence: string | null;
  checkNote: string | null;
  may: { submit: boolean; check: boolean };
}
export interface Responsibility {
  year: number;
  formula: string;
  items: {
    place: Ref;
    total: number;
    key: number;
    accepted: number;
    submitted: number;
    open: number;
    overdue: number;
    completion: number | null;
    drill: string;
  }[];
}
export interface Reminders {
  month: string;
  rule: string;
  items: {
    place: Ref;
    due: number;
    overdue: number;
    pushedAt: string | null;
    items: {
      source: 'keyTask' | 'rectification';
      id: number;
      title: string;
      dueOn: string;
      overdue: boolean;
      link: string;
    }[];
  }[];
}
export interface Finding {
  id: number;
  title: string;
  dueOn: string;
  doneAt: string | null;
  evidence: string | null;
}
export interface Visit {
  id: number;
  kind: 'supervision' | 'observation';
  place: Ref;
  visitedOn: string;
  unannounced: boolean;
  inspectors: string;
  summary: string;
  score: number | null;
  scoreFormula: string | null;
  scores: { visitor: string; score: number; comment: string | null; at: string }[];
  myScore: number | null;
  findings: Finding[];
  open: number;
}
export interface Review {
  id: number;
  org: Ref;
  place: Ref;
  year: number;
  secretaryName: string;
  report: string | null;
  closed: boolean;
  score: number | null;
  formula: string;
  groups: { kind: 'member' | 'resident' | 'superior'; weight: number; n: number; mean: number | null }[];
  problems: Finding[];
  myRating: { score: number; comment: string | null } | null;
  may: {
    report: boolean;
    rate: boolean;
    rateAs: 'member' | 'resident' | 'superior' | null;
    close: boolean;
    problems: boolean;
  };
}
/** GET /annual-reviews/:id/ratings: the ratings behind a review's score, raters never named (decision 045). */
export interface ReviewRatings {
  review: { id: number; org: Ref; year: number; score: number | null; formula: string };
  groups: Review['groups'];
  items: {
    id: number;
    kind: 'member' | 'resident' | 'superior';
    score: number;
    comment: string | null;
    createdAt: string;
  }[];
  total: number;
  page: number;
  pageSize: number;
}
