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
