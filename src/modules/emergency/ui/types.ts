import type {
  Alert as AlertOut,
  Board as BoardOut,
  Event as EventOut,
  Patrol as PatrolOut,
  River as RiverOut,
  Task as TaskOut,
} from '../contract';
import type { Wire } from '../../../web/api/types';

/** What the API sends: the contract's types with dates as ISO strings (JSON). */
export type { Wire };

export type EmEvent = Wire<EventOut>;
export type EmBoard = Wire<BoardOut>;
export type EmTask = Wire<TaskOut>;
export type RiverT = Wire<RiverOut>;
export type PatrolT = Wire<PatrolOut>;
export type AlertT = Wire<AlertOut>;
export { EVENT_KINDS, METRICS, METRIC_LABELS, POST_KINDS, TEAM_KINDS, VISIT_RESULTS } from '../constants';
export type { Metric } from '../constants';
