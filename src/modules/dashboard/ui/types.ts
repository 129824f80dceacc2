/** The dashboard's answers as the console reads them (JSON: dates as strings). */
import type { Dashboard, GridLive, HotspotActionResult, HotspotList, LiveMap } from '../contract';

type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
export type DashboardData = Json<Dashboard>;
export type LiveMapData = Json<LiveMap>;
export type GridLiveData = Json<GridLive>;
export type HotspotListData = Json<HotspotList>;
export type HotspotActionData = Json<HotspotActionResult>;
export type FigureCardData = DashboardData['figures'][number];

/** A figure's amount as text: a percent with its unit, a count with thousands separators, or — without one. */
export function formatAmount(f: { unit: string }, value: number | null | undefined, none = '—'): string {
  if (value === null || value === undefined) return none;
  if (f.unit === 'percent') return `${value.toFixed(1)}%`;
  return value.toLocaleString('zh-CN');
}
