import type { z } from 'zod';
import type * as C from '../contract';
import type { Wire } from '../../../web/api/types';

export {
  AGREEMENT_NEXT,
  AGREEMENT_STATUSES,
  BOARD_STATES,
  CO_CATEGORIES,
  MATCH_FACTORS,
  NEED_SOURCES,
  NEED_STATUSES,
  OFFERER_KINDS,
  RESOURCE_KINDS,
} from '../constants';
export type { BoardState, NeedStatus } from '../constants';

export type Need = Wire<z.infer<typeof C.Need>>;
export type NeedDetail = Wire<z.infer<typeof C.NeedDetail>>;
export type NeedProposal = Wire<z.infer<typeof C.NeedProposal>>;
export type Resource = Wire<z.infer<typeof C.Resource>>;
export type Suggestion = Wire<z.infer<typeof C.Suggestion>>;
export type Match = Wire<z.infer<typeof C.Match>>;
export type ProjectSummary = Wire<z.infer<typeof C.ProjectSummary>>;
export type ProjectDetail = Wire<z.infer<typeof C.ProjectDetail>>;
export type Task = Wire<z.infer<typeof C.Task>>;
export type Figures = Wire<z.infer<typeof C.Figures>>;
export type CreateNeedBody = z.input<typeof C.CreateNeed>;
export type CreateResourceBody = z.input<typeof C.CreateResource>;
export type CreateProjectBody = z.input<typeof C.CreateProject>;

export const NEED_STATUS_COLORS: Record<string, string> = {
  open: 'blue',
  matched: 'cyan',
  inProject: 'processing',
  met: 'success',
  notMet: 'default',
};
/** 挂图作战 colours: on schedule, late, done. */
export const BOARD_COLORS: Record<string, string> = { due: '#1677ff', late: '#ff4d4f', done: '#52c41a' };
export const BOARD_TAGS: Record<string, string> = { due: 'processing', late: 'error', done: 'success' };
export type AllianceSummary = Wire<z.infer<typeof C.AllianceSummary>>;
export type AllianceDetail = Wire<z.infer<typeof C.AllianceDetail>>;
export type Agreement = Wire<z.infer<typeof C.Agreement>>;
export const AGREEMENT_STATUS_COLORS: Record<string, string> = {
  negotiating: 'default',
  signed: 'blue',
  published: 'cyan',
  fulfilling: 'processing',
  evaluated: 'success',
};
export const DELIVERABLE_STATE_COLORS: Record<string, string> = {
  pending: 'default',
  overdue: 'warning',
  onTime: 'success',
  late: 'orange',
  notDone: 'error',
};
