/** The dashboard's answers as the console reads them: its zod contract as JSON (decision 034, dates as strings). */
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

export type DashboardData = WireOf<typeof C.Dashboard>;
export type LiveMapData = WireOf<typeof C.LiveMap>;
export type GridLiveData = WireOf<typeof C.GridLive>;
export type HotspotListData = WireOf<typeof C.HotspotList>;
export type HotspotActionData = WireOf<typeof C.HotspotActionResult>;
export type FigureCardData = DashboardData['figures'][number];

/** A figure's amount as text: a percent with its unit, a count with thousands separators, or — without one. */
export function formatAmount(f: { unit: string }, value: number | null | undefined, none = '—'): string {
  if (value === null || value === undefined) return none;
  if (f.unit === 'percent') return `${value.toFixed(1)}%`;
  return value.toLocaleString('zh-CN');
}
