/** GLOSSARY serviceOrder.kind: 菜单式服务, 诉求, 微心愿, 调解 (the mediation module adds parties, sessions, outcome). */
export const ORDER_KINDS = ['menuService', 'problem', 'microWish', 'mediation'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** The states of an order (issue 5 item 1). */
export const ORDER_STATUSES = [
  'submitted',
  'dispatched',
  'open',
  'accepted',
  'inProgress',
  'resolved',
  'rated',
  'closed',
  'merged',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** States in which nobody has taken the order yet: the respond deadline applies. */
export const BEFORE_ACCEPT: readonly OrderStatus[] = ['submitted', 'dispatched', 'open'];
/** States in which the order is finished (for deadlines and escalation). */
export const FINISHED: readonly OrderStatus[] = ['resolved', 'rated', 'closed', 'merged', 'cancelled'];
/** States no move leaves: the end of an order's life (every other state has a move someone may make). */
export const FINAL: readonly OrderStatus[] = ['closed', 'merged', 'cancelled'];
/**
 * A duplicate merged into another order 合并 (issue 5 item 4) is not counted by the figures: the report lives on
 * in the order it was merged into, so counting it would count one problem twice (docs/decisions/008).
 */
export const NOT_COUNTED: readonly OrderStatus[] = ['merged', 'cancelled'];
/** Why an order was cancelled (issue 10 item 7): 作废 (withdrawn, void) or 无效 (not a real matter). */
export const CANCEL_KINDS = ['void', 'invalid'] as const;
export type CancelKind = (typeof CANCEL_KINDS)[number];
/** How a rating was taken: by the reporter in the app, or by staff on a follow-up 回访 by phone or visit. */
export const RATING_CHANNELS = ['app', 'phone', 'visit'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
/** Unfinished states that count: the only orders that can be overdue (the partial index service_orders_open_idx). */
export const UNFINISHED: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (s) => !FINISHED.includes(s) && !NOT_COUNTED.includes(s),
);

const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');
/** `status in (…unfinished…)`: the predicate of the partial indexes over unfinished orders. */
export const UNFINISHED_SQL = (table = '') => `${table && `${table}.`}status in (${quoted(UNFINISHED)})`;
/**
 * When an unfinished order becomes overdue: before acceptance the earlier of its two deadlines, after it the
 * resolve deadline (isOverdue in the service says the same in JS). Indexed as written here
 * (service_orders_overdue_idx), so "overdue now" reads only the overdue orders: `OVERDUE_AT_SQL() < now`.
 */
export const OVERDUE_AT_SQL = (table = '') => {
  const c = (col: string) => `${table && `${table}.`}${col}`;
  return `(case when ${c('status')} in (${quoted(BEFORE_ACCEPT)}) then least(${c('respond_by')}, ${c('resolve_by')}) else ${c('resolve_by')} end)`;
};

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const HANDLER_KINDS = ['unit', 'department', 'member', 'person'] as const;
export type HandlerKind = (typeof HANDLER_KINDS)[number];

export const RULE_HANDLER_KINDS = ['unit', 'department', 'gridWorker'] as const;
export type RuleHandlerKind = (typeof RULE_HANDLER_KINDS)[number];

/** The escalation ladder 小事不出小区，大事不出社区 (seed 002), 四级分办 (seed 003). */
export const ESCALATION_LADDER = ['building', 'compound', 'community', 'street', 'district'] as const;
export type EscalationLevel = (typeof ESCALATION_LADDER)[number];

export const EVENT_ACTIONS = [
  'create',
  'dispatch',
  'open',
  'claim',
  'accept',
  'start',
  'resolve',
  'rate',
  'reopen',
  'return',
  'close',
  'remind',
  'escalate',
  'merge',
  'attach',
  'handOver',
  'reassign',
  'handDown',
  'cancel',
  'followUp',
  'comment',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** Default time limits when no routing rule names them (hours). */
export const DEFAULT_RESPOND_HOURS = 24;
export const DEFAULT_RESOLVE_HOURS = 72;
/** Problem categories (GLOSSARY-style codes); the console translates them. */
export const ORDER_CATEGORIES = [
  'environment',
  'repair',
  'safety',
  'neighbourhood',
  'elderly',
  'parking',
  'greening',
  'property',
  'policy',
  'other',
] as const;

export type Move =
  | 'dispatch'
  | 'open'
  | 'claim'
  | 'accept'
  | 'start'
  | 'resolve'
  | 'rateOk'
  | 'rateUnsatisfied'
  | 'return'
  | 'close'
  | 'merge'
  | 'handOver'
  | 'reassign'
  | 'escalate'
  | 'handDown'
  | 'cancel'
  | 'followUp';

/** THE transition table: for each move, the states it may start from and the state it leads to. */
export const TRANSITIONS: Record<Move, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  dispatch: { from: ['submitted'], to: 'dispatched' },
  open: { from: ['submitted'], to: 'open' },
  claim: { from: ['open'], to: 'accepted' },
  accept: { from: ['dispatched'], to: 'accepted' },
  start: { from: ['accepted'], to: 'inProgress' },
  resolve: { from: ['accepted', 'inProgress'], to: 'resolved' },
  rateOk: { from: ['resolved'], to: 'rated' },
  rateUnsatisfied: { from: ['resolved'], to: 'inProgress' },
  return: { from: ['dispatched', 'accepted', 'inProgress'], to: 'submitted' },
  close: { from: ['rated'], to: 'closed' },
  /** 作废 / 无效 (issue 10 item 7): out of the figures, with its reason; still listed and counted on its own. */
  cancel: { from: ['submitted', 'dispatched', 'open', 'accepted', 'inProgress'], to: 'cancelled' },
  /** 回访: staff take the rating by phone or visit when the reporter cannot rate in the app (a walk-in, a case). */
  followUp: { from: ['resolved'], to: 'rated' },
  /** A duplicate report is merged into an open order before anyone resolves it. */
  merge: { from: ['submitted', 'dispatched', 'open', 'accepted', 'inProgress'], to: 'merged' },
  /**
   * 单位下单 (seed 003): the unit an order was sent to hands it to one of its people (an in-service party member of
   * the unit or a named staff account), who then 接单. The unit stays the handler unit (answerable in the figures).
   */
  handOver: { from: ['dispatched'], to: 'dispatched' },
  /** 改派: the dispatcher sends a dispatched order, not yet accepted, elsewhere, with a reason; no 回退 on anyone. */
  reassign: { from: ['dispatched'], to: 'dispatched' },
  /**
   * Escalation by decision (四级分办, seeds 002/003): a handler or the community sends the matter one rung up with a
   * reason; it waits there, unassigned, for the receiving level to take it (by dispatching it) or hand it down.
   */
  escalate: { from: ['submitted', 'dispatched', 'accepted', 'inProgress'], to: 'submitted' },
  handDown: { from: ['submitted'], to: 'submitted' },
};

/** What a viewer may do to an order now (OrderDetail.moves): the console and mobile pages show these buttons only. */
export const ORDER_ACTIONS = [
  'dispatch',
  'open',
  'claim',
  'accept',
  'start',
  'resolve',
  'return',
  'rate',
  'close',
  'handOver',
  'reassign',
  'escalate',
  'handDown',
  'cancel',
  'followUp',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export function canMove(move: Move, from: OrderStatus): boolean {
  return TRANSITIONS[move].from.includes(from);
}

/** The permission each move's route requires (the test of stuck states checks someone holds each). */
export const MOVE_PERMISSIONS: Record<Move, string> = {
  dispatch: 'order.dispatch',
  open: 'order.dispatch',
  claim: 'order.claim',
  accept: 'order.handle',
  start: 'order.handle',
  resolve: 'order.handle',
  rateOk: 'order.rate',
  rateUnsatisfied: 'order.rate',
  return: 'order.handle',
  close: 'order.dispatch',
  merge: 'order.dispatch',
  handOver: 'order.handOver',
  reassign: 'order.dispatch',
  escalate: 'order.escalate',
  handDown: 'order.dispatch',
  cancel: 'order.dispatch',
  followUp: 'order.dispatch',
};

/**
 * Where an order came from: a resident's (or staff's) report 群众上报, a finding on a visit 排摸发现 (decision 038),
 * or an item of the one-window catalogue 一窗受理 started as an order (assessment, decision 045).
 */
export const ORDER_ORIGINS = ['report', 'patrol', 'oneWindow'] as const;
export type OrderOrigin = (typeof ORDER_ORIGINS)[number];

/** What an order shows as wherever it is listed or labelled: its kind, or 一窗受理 for a one-window order. */
export const SHOWN_KINDS = [...ORDER_KINDS, 'oneWindow'] as const;
export type ShownKind = (typeof SHOWN_KINDS)[number];
export const shownKind = (o: { kind: OrderKind; origin: OrderOrigin }): ShownKind =>
  o.origin === 'oneWindow' ? 'oneWindow' : o.kind;
