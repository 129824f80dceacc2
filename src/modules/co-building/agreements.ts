import { AGREEMENT_WEIGHTS, type DeliverableState, type DeliverableStatus } from './constants.js';

/** A deliverable's state on a day (China time): done on time or late, not done, pending or overdue. */
export function deliverableState(
  d: { status: DeliverableStatus; dueOn: string; doneOn: string | null },
  today: string,
): DeliverableState {
  if (d.status === 'notDone') return 'notDone';
  if (d.status === 'done') return d.doneOn !== null && d.doneOn > d.dueOn ? 'late' : 'onTime';
  return d.dueOn < today ? 'overdue' : 'pending';
}

/**
 * The evaluation 评约 of an agreement (decision 018): deliverables part = Σ(on time 1, late ½, not done 0) / n;
 * rating part = (mean stars − 1) / 4. Score = 70 × deliverables + 30 × rating, or 100 × deliverables when no
 * resident has rated; rounded to one decimal.
 */
export function agreementScore(states: DeliverableState[], stars: number[]) {
  const credit = (s: DeliverableState) => (s === 'onTime' ? 1 : s === 'late' ? 0.5 : 0);
  const deliverables = states.length ? states.reduce((a, s) => a + credit(s), 0) / states.length : 0;
  const rating = stars.length ? (stars.reduce((a, b) => a + b, 0) / stars.length - 1) / 4 : null;
  const raw =
    rating === null
      ? 100 * deliverables
      : AGREEMENT_WEIGHTS.deliverables * deliverables + AGREEMENT_WEIGHTS.rating * rating;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    score: Math.round(raw * 10) / 10,
    parts: { deliverables: r3(deliverables), rating: rating === null ? null : r3(rating) },
  };
}
