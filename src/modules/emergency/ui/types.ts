/** What the emergency API sends: its zod contract as JSON (decision 034, dates as ISO strings). */
import type { Wire, WireOf } from '../../../web/api/wire';
import type * as C from '../contract';
import type * as G from '../../grids/contract';

export type { Wire };

export type EmEvent = WireOf<typeof C.Event>;
export type EmBoard = WireOf<typeof C.Board>;
export type EmTask = WireOf<typeof C.Task>;
export type RiverT = WireOf<typeof C.River>;
export type PatrolT = WireOf<typeof C.Patrol>;
export type AlertT = WireOf<typeof C.Alert>;
/** GET /api/grids/map (the grids module's contract): the rivers' map draws the grids under them. */
export type GridMapT = WireOf<typeof G.GridMap>;
export { EVENT_KINDS, METRICS, METRIC_LABELS, POST_KINDS, TEAM_KINDS, VISIT_RESULTS } from '../constants';
export type { Metric } from '../constants';
