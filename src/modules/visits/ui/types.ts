/**
 * Shapes of the visits API as the pages read them: the module's zod contract (../contract.ts) on the wire (dates
 * as ISO strings, decision 034). Order categories come from service orders' constants (a shared list).
 */
import type { BodyOf, WireOf } from '../../../web/api/wire';
import type * as G from '../../grids/contract';
import type * as C from '../contract';

export { ORDER_CATEGORIES } from '../../service-orders/constants';

export type Visit = WireOf<typeof C.Visit>;
export type Coverage = WireOf<typeof C.Coverage>;
export type CoverageRow = Coverage['items'][number];
export type RecordVisitBody = BodyOf<typeof C.RecordVisit>;
export type FindingOrderBody = BodyOf<typeof C.FindingOrder>;

/** The China month (YYYY-MM) of today, and its first and last days. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Grid workers and their liaison households, from the grids contract (the picker's source). */
export type GridWorker = WireOf<typeof G.GridWorker>;
export type GridRow = WireOf<typeof G.Grid>;
export type LiaisonList = WireOf<typeof G.LiaisonList>;
