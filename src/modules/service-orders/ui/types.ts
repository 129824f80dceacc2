/**
 * Reply shapes of the service-orders API: the module's zod contract (../contract.ts) on the wire (dates as ISO
 * strings, decision 034). No copies: a field added to the contract (e.g. `mergedIntoId`) reaches these types.
 */
import type { Wire, WireOf } from '../../../web/api/wire';
import type * as C from '../contract';
import type { OrderAction, OrderKind, OrderStatus, Rating } from '../constants';

export type { OrderAction, OrderKind, OrderStatus, Rating };
export { ORDER_CATEGORIES, ORDER_KINDS, ORDER_ORIGINS, ORDER_STATUSES, RATINGS } from '../constants';

/** The inboxes of the orders console: the contract's, and `all` (no inbox filter). */
export const INBOXES = ['toDispatch', 'toAccept', 'overdue', 'escalated', 'mine', 'all'] as const satisfies readonly (
  (typeof C.INBOXES)[number] | 'all'
)[];
export type Inbox = (typeof INBOXES)[number];

export type Order = WireOf<typeof C.Order>;
export type Ref = NonNullable<Order['reporter']>;
export type Place = Order['territory'];
export type Handler = NonNullable<Order['handler']>;
export type OrderEvent = WireOf<typeof C.OrderEvent>;
export type OrderDetail = WireOf<typeof C.OrderDetail>;
export type OrderAttachment = WireOf<typeof C.Attachment>;
export type CoReporter = WireOf<typeof C.CoReporter>;
export type DuplicateCandidate = WireOf<typeof C.DuplicateCandidate>;
export type Duplicates = WireOf<typeof C.Duplicates>;

export type DispatchTarget = WireOf<typeof C.DispatchTarget>;
export type DispatchBody = WireOf<typeof C.DispatchBody>;
export type Suggestion = WireOf<typeof C.Suggestion>;
export type BulkReply = WireOf<typeof C.BulkReply>;
export type HandOverCandidates = WireOf<typeof C.HandOverCandidates>;
export type MenuItem = WireOf<typeof C.MenuItem>;

export type OrderFigures = WireOf<typeof C.OrderFigures>;
export type OrderTrend = WireOf<typeof C.OrderTrend>;
export type Counts = Wire<C.Counts>;
