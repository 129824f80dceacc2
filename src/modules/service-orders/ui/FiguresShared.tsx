import dayjs, { type Dayjs } from 'dayjs';

import type { Counts, OrderFigures, OrderTrend, Place } from './types';

/** GET /api/orders/figures and its trend as the console reads them (contract.ts, dates as strings; decision 034). */
export type { Counts, OrderFigures, OrderTrend };
export type PlaceRef = Place;
export type Drill = OrderTrend['months'][number]['drill'];

/** The orders list URL of a drill-down query (the inbox page of the orders console reads these filters). */
export const drillUrl = (drill: Drill): string => `/orders?${new URLSearchParams(drill).toString()}`;

/** A share 0–1 as a percentage with one decimal, as read in China (e.g. 71.4%). */
export function formatPercent(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

export const PERIODS = ['thisMonth', 'lastMonth', 'thisYear', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** The half-open range [from, to) of a period in the browser's local time (China: UTC+8). */
export function periodRange(
  p: Period,
  custom: [Dayjs, Dayjs] | null,
  now: Dayjs = dayjs(),
): { from: Dayjs; to: Dayjs } | null {
  switch (p) {
    case 'thisMonth':
      return { from: now.startOf('month'), to: now.startOf('month').add(1, 'month') };
    case 'lastMonth':
      return { from: now.startOf('month').subtract(1, 'month'), to: now.startOf('month') };
    case 'thisYear':
      return { from: now.startOf('year'), to: now.startOf('year').add(1, 'year') };
    case 'custom':
      return custom ? { from: custom[0].startOf('day'), to: custom[1].startOf('day').add(1, 'day') } : null;
  }
}

/** The 12 months ending with the month of `end` (exclusive end), for the trend line. */
export function trendMonths(end: Dayjs): { from: Dayjs; to: Dayjs }[] {
  const last = end.subtract(1, 'millisecond').startOf('month');
  return Array.from({ length: 12 }, (_, i) => {
    const from = last.subtract(11 - i, 'month');
    return { from, to: from.add(1, 'month') };
  });
}
