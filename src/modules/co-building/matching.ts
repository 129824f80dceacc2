import { MATCH_FACTORS, MATCH_WEIGHTS, type MatchFactor } from './constants.js';

/**
 * The matching formula of docs/decisions/018-co-building.md, as pure functions (tested on hand-built cases).
 * score = Σ MATCH_WEIGHTS[f] × factor[f], every factor in [0, 1], rounded to 3 decimals.
 */
export interface NeedForMatch {
  category: string;
  /** Path of the need's place. */
  path: string;
}
export interface ResourceForMatch {
  categories: readonly string[];
  /** Path of the area the resource serves. */
  path: string;
  capacity: number;
  usedCapacity: number;
  availableFrom: string | null;
  availableTo: string | null;
  active: boolean;
}
/** The offerer's record: finished projects that used its resources, those on time, residents' stars. */
export interface OffererRecord {
  finished: number;
  onTime: number;
  ratings: number;
  starsSum: number;
}
export type Factors = Record<MatchFactor, number>;

const round = (x: number) => Math.round(x * 1000) / 1000;
const ids = (path: string) => path.split('/').filter(Boolean);
const DAY = 86_400_000;

/** 1 when the resource lists the need's category; 0.5 when it is general (no category or 'other'); else 0. */
export function categoryFit(need: NeedForMatch, r: ResourceForMatch): number {
  if (r.categories.includes(need.category)) return 1;
  if (r.categories.length === 0 || r.categories.includes('other')) return 0.5;
  return 0;
}

/**
 * 1 when the need's place lies inside the area the resource serves; otherwise 1 / (1 + h), h = the levels the
 * resource's area must climb to reach a common ancestor with the place (a neighbouring compound: h = 1).
 */
export function distanceFit(need: NeedForMatch, r: ResourceForMatch): number {
  if (need.path.startsWith(r.path)) return 1;
  const a = ids(need.path);
  const b = ids(r.path);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return 1 / (1 + (b.length - common));
}

/** Share of the capacity still free. */
export function capacityFit(r: ResourceForMatch): number {
  return r.capacity > 0 ? Math.max(0, r.capacity - r.usedCapacity) / r.capacity : 0;
}

/** 1 when available today; 0.5 when it starts within 30 days; 0.2 when later; 0 when ended or inactive. */
export function availabilityFit(r: ResourceForMatch, today: string): number {
  if (!r.active) return 0;
  if (r.availableTo && r.availableTo < today) return 0;
  if (!r.availableFrom || r.availableFrom <= today) return 1;
  const days = (Date.parse(r.availableFrom) - Date.parse(today)) / DAY;
  return days <= 30 ? 0.5 : 0.2;
}

/**
 * Past fulfilment of the offerer: half on-time rate, half rating, each smoothed towards 0.5 so a newcomer is
 * neither best nor worst: ½ × (onTime + 1) / (finished + 2) + ½ × (Σ(stars − 1)/4 + 1) / (ratings + 2).
 */
export function fulfilmentFit(rec: OffererRecord): number {
  const onTime = (rec.onTime + 1) / (rec.finished + 2);
  const rated = ((rec.starsSum - rec.ratings) / 4 + 1) / (rec.ratings + 2);
  return 0.5 * onTime + 0.5 * rated;
}

/** A resource is suggested only while it has capacity left and has not ended. */
export function eligible(r: ResourceForMatch, today: string): boolean {
  return capacityFit(r) > 0 && availabilityFit(r, today) > 0;
}

export function scoreOf(need: NeedForMatch, r: ResourceForMatch, rec: OffererRecord, today: string) {
  const factors: Factors = {
    category: round(categoryFit(need, r)),
    distance: round(distanceFit(need, r)),
    capacity: round(capacityFit(r)),
    availability: round(availabilityFit(r, today)),
    fulfilment: round(fulfilmentFit(rec)),
  };
  const score = round(MATCH_FACTORS.reduce((s, f) => s + MATCH_WEIGHTS[f] * factors[f], 0));
  return { score, factors, weights: { ...MATCH_WEIGHTS } };
}
