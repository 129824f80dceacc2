import type { Grade } from './constants.js';

/** One scored item: its weight, its top score and the score given. */
export interface Scored {
  weight: number;
  maxScore: number;
  score: number;
}

/**
 * The total out of 100 (decision 021): Σ weightᵢ × scoreᵢ / maxᵢ ÷ Σ weightᵢ × 100, rounded to one decimal.
 */
export function totalScore(items: readonly Scored[]): number {
  const w = items.reduce((s, i) => s + i.weight, 0);
  if (w === 0) return 0;
  const sum = items.reduce((s, i) => s + (i.weight * i.score) / i.maxScore, 0);
  return Math.round((sum / w) * 1000) / 10;
}

/** 先进 at or above `advancedMin`, 达标 at or above `passMin`, 后进 below. */
export function gradeOf(score: number, rule: { advancedMin: number; passMin: number }): Grade {
  if (score >= rule.advancedMin) return 'advanced';
  if (score >= rule.passMin) return 'pass';
  return 'lagging';
}

/** A unit's rating score out of 100 (decision 021): 20 × stars mean, the supervisors' mean weighted by w %. */
export function ratingScore(residentMean: number | null, supervisorMean: number | null, weightPct: number) {
  if (residentMean === null && supervisorMean === null) return null;
  const mean =
    residentMean === null
      ? supervisorMean!
      : supervisorMean === null
        ? residentMean
        : (residentMean * (100 - weightPct) + supervisorMean * weightPct) / 100;
  return Math.round(mean * 20 * 10) / 10;
}

/** One group of raters of a 述职评议: its weight (percent), how many rated, the sum of their 0–100 scores. */
export interface ReviewGroup {
  weight: number;
  n: number;
  sum: number;
}

/**
 * A secretary's 述职评议 score (decision 032): Σ wₖ × meanₖ ÷ Σ wₖ over the groups (members, residents, superior)
 * that rated, one decimal; null when nobody rated. A group nobody rated drops out and the others' weights rescale.
 */
export function reviewScore(groups: readonly ReviewGroup[]): number | null {
  const rated = groups.filter((g) => g.n > 0 && g.weight > 0);
  const w = rated.reduce((s, g) => s + g.weight, 0);
  if (!w) return null;
  const sum = rated.reduce((s, g) => s + (g.weight * g.sum) / g.n, 0);
  return Math.round((sum / w) * 10) / 10;
}

/** A 观摩's score: the mean of its visitors' scores, one decimal (decision 037). */
export function visitScore(scores: readonly number[]): number | null {
  if (!scores.length) return null;
  return Math.round((scores.reduce((a, x) => a + x, 0) / scores.length) * 10) / 10;
}
