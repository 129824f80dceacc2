/** Reply shapes of the service-orders API (src/modules/service-orders/contract.ts), as JSON. */
import type { OrderAction, OrderKind, OrderStatus, Rating } from '../constants';
import type { OrderAttachment } from './attachments';

export type { OrderAction, OrderKind, OrderStatus, Rating };
export { ORDER_CATEGORIES, ORDER_KINDS, ORDER_STATUSES, RATINGS } from '../constants';

export const INBOXES = ['toDispatch', 'toAccept', 'overdue', 'escalated', 'mine', 'all'] as const;
export type Inbox = (typeof INBOXES)[number];

export interface Ref {
  id: number;
  name: string;
}
export interface Place extends Ref {
  level: string;
}

export interface Handler {
  kind: 'unit' | 'department' | 'member' | 'person';
  unit: Ref | null;
  member: Ref | null;
  account: Ref | null;
  department: string | null;
}

export interface Order {
  id: number;
  kind: OrderKind;
  category: string;
  title: string;
  description: string | null;
  status: OrderStatus;
  /** 'patrol': found on a visit 排摸发现 (decision 038); 'report': reported by a resident or for one. */
  origin?: 'report' | 'patrol';
  community: Ref;
  territory: Place;
  location: { lng: number; lat: number; address: string | null } | null;
  gridId: number | null;
  menuItemId: number | null;
  reporter: Ref | null;
  handler: Handler | null;
  respondBy: string;
  resolveBy: string;
  acceptedAt: string | null;
  resolvedAt: string | null;
  escalationLevel: string | null;
  escalatedTo: Place | null;
  reopenCount: number;
  returnCount: number;
  rating: Rating | null;
  ratingComment: string | null;
  ratingChannel?: 'app' | 'phone' | 'visit' | null;
  cancelKind?: 'void' | 'invalid' | null;
  cancelReason?: string | null;
  reporterName?: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OrderEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actor: Ref | null;
  note: string | null;
  data: unknown;
}

export interface OrderDetail extends Order {
  timeline: OrderEvent[];
  /** Photos and files (attachments.ts). */
  attachments?: OrderAttachment[];
  moves?: OrderAction[];
}

export type DispatchTarget =
  | { target: 'open' }
  | { target: 'unit'; unitId: number; accountId?: number | null }
  | { target: 'member'; memberId: number }
  | { target: 'department'; department: string; accountId?: number | null }
  | { target: 'person'; accountId: number };
export type DispatchBody = DispatchTarget & {
  note?: string | null;
  respondHours?: number | null;
  resolveHours?: number | null;
  deadlineReason?: string | null;
};

export interface Suggestion {
  source: 'rule' | 'gridWorker' | 'unit' | 'member';
  score: number;
  target: DispatchTarget;
  label: string;
  /** Why a person is suggested (nearness, same-category orders done, orders in hand). */
  detail?: string | null;
  respondHours: number | null;
  resolveHours: number | null;
}

export interface BulkReply {
  results: { id: number; ok: boolean; status?: OrderStatus; error?: { code: string; message: string } }[];
  total: number;
  failed: number;
}
