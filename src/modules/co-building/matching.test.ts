import { describe, expect, it } from 'vitest';
import { MATCH_WEIGHTS } from './constants.js';
import { distanceFit, eligible, fulfilmentFit, scoreOf, type ResourceForMatch } from './matching.js';

/** Hand-built cases where the right answer is known (docs/decisions/018-co-building.md). */
const today = '2026-06-15';
// Tree: /1/ city, /1/2/ street, /1/2/3/ community A, /1/2/3/4/ compound A1, /1/2/3/5/ compound A2, /1/2/6/ community B.
const need = { category: 'elderly', path: '/1/2/3/4/9/' };
const res = (over: Partial<ResourceForMatch>): ResourceForMatch => ({
  categories: ['elderly'],
  path: '/1/2/3/',
  capacity: 10,
  usedCapacity: 0,
  availableFrom: null,
  availableTo: null,
  active: true,
  ...over,
});
const fresh = { finished: 0, onTime: 0, ratings: 0, starsSum: 0 };

describe('matching formula', () => {
  it('weights sum to 1', () => {
    expect(Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('distance: inside the area served is 1; a neighbouring compound 1/2; another community 1/2; another street 1/3', () => {
    expect(distanceFit(need, res({ path: '/1/2/3/' }))).toBe(1);
    expect(distanceFit(need, res({ path: '/1/2/' }))).toBe(1);
    expect(distanceFit(need, res({ path: '/1/2/3/5/' }))).toBe(0.5);
    expect(distanceFit(need, res({ path: '/1/2/6/' }))).toBe(0.5);
    expect(distanceFit(need, res({ path: '/1/7/8/' }))).toBeCloseTo(1 / 3, 10);
  });

  it('fulfilment: a newcomer is 0.5; always on time and five stars beats always late and one star', () => {
    expect(fulfilmentFit(fresh)).toBe(0.5);
    const good = fulfilmentFit({ finished: 4, onTime: 4, ratings: 4, starsSum: 20 });
    const bad = fulfilmentFit({ finished: 4, onTime: 0, ratings: 4, starsSum: 4 });
    expect(good).toBeCloseTo(0.5 * (5 / 6) + 0.5 * (5 / 6), 10);
    expect(bad).toBeCloseTo(0.5 * (1 / 6) + 0.5 * (1 / 6), 10);
  });

  it('ranks the right resource first: fitting category and nearby beats a bigger one far away of another kind', () => {
    const helpers = res({ categories: ['elderly'], path: '/1/2/3/', capacity: 10, usedCapacity: 5 });
    const far = res({ categories: ['greening'], path: '/1/7/', capacity: 1000 });
    const a = scoreOf(need, helpers, fresh, today);
    const b = scoreOf(need, far, fresh, today);
    expect(a.factors).toEqual({ category: 1, distance: 1, capacity: 0.5, availability: 1, fulfilment: 0.5 });
    expect(a.score).toBe(0.4 + 0.25 + 0.15 * 0.5 + 0.1 + 0.1 * 0.5);
    expect(b.factors.category).toBe(0);
    expect(a.score).toBeGreaterThan(b.score);
  });

  it('with everything else equal, the offerer who delivered on time and was rated well comes first', () => {
    const r = res({});
    const proven = scoreOf(need, r, { finished: 3, onTime: 3, ratings: 3, starsSum: 15 }, today);
    const late = scoreOf(need, r, { finished: 3, onTime: 0, ratings: 3, starsSum: 6 }, today);
    expect(proven.score).toBeGreaterThan(late.score);
    expect(proven.factors.fulfilment).toBe(0.8);
  });

  it('availability: ended or full resources are not suggested; one starting next week counts half', () => {
    expect(eligible(res({ availableTo: '2026-06-14' }), today)).toBe(false);
    expect(eligible(res({ usedCapacity: 10 }), today)).toBe(false);
    expect(eligible(res({ active: false }), today)).toBe(false);
    expect(scoreOf(need, res({ availableFrom: '2026-06-20' }), fresh, today).factors.availability).toBe(0.5);
    expect(scoreOf(need, res({ availableFrom: '2026-09-01' }), fresh, today).factors.availability).toBe(0.2);
  });

  it('a general resource (no category) fits half', () => {
    expect(scoreOf(need, res({ categories: [] }), fresh, today).factors.category).toBe(0.5);
  });
});
