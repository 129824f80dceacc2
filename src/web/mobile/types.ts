/** Shapes of the API answers the resident pages read (docs/API.md: Sign-up, People, Service orders). */
import type { OrderAttachment } from '../../modules/service-orders/ui';
export interface Place {
  id: number;
  name: string;
  level: string;
}
export interface CommunityHit extends Place {
  area: string;
}
export type SignupStatus = 'linked' | 'pending' | 'confirmed' | 'rejected';
export interface MySignup {
  id: number;
  status: SignupStatus;
  household: { id: number; address: string };
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}
export interface MyRecord {
  resident: { id: number; name: string; phone: string | null; address: string };
  household: { id: number; name: string; address: string };
  members: { id: number; name: string }[];
}

export const ORDER_KINDS = ['menuService', 'problem', 'microWish', 'mediation'] as const;
/** Kinds of dispute a resident may ask the community to mediate (the mediation module's categories). */
export const DISPUTE_CATEGORIES = ['neighbourhood', 'property', 'repair', 'parking', 'environment', 'other'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export type OrderStatus =
  | 'submitted'
  | 'dispatched'
  | 'open'
  | 'accepted'
  | 'inProgress'
  | 'resolved'
  | 'rated'
  | 'closed'
  | 'merged'
  | 'cancelled';
export const PROBLEM_CATEGORIES = [
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
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

interface Ref {
  id: number;
  name: string;
}
export interface Order {
  id: number;
  kind: OrderKind;
  category: string;
  title: string;
  description: string | null;
  status: OrderStatus;
  community: Ref;
  territory: Place;
  location: { lng: number; lat: number; address: string | null } | null;
  reporter: Ref | null;
  handler: {
    kind: string;
    unit: Ref | null;
    member: Ref | null;
    account: Ref | null;
    department: string | null;
  } | null;
  rating: Rating | null;
  ratingComment: string | null;
  createdAt: string;
}
export interface OrderEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actor: Ref | null;
  note: string | null;
}
export interface OrderDetail extends Order {
  timeline: OrderEvent[];
  /** Photos and files (service-orders attachments). */
  attachments?: OrderAttachment[];
  /** The moves the caller may make now (includes 'rate' for a co-reporter of a merged duplicate). */
  moves?: string[];
  /** Duplicates (docs/decisions/008): where a merged report went; the caller's own co-reporter row on the target. */
  mergedIntoId?: number | null;
  coReporters?: { account: Ref; rating: Rating | null; ratingComment: string | null }[];
}
/** POST /api/orders: the new order and the open reports nearby it may duplicate. */
export interface CreatedOrder extends OrderDetail {
  possibleDuplicates?: { id: number; title: string; distanceMeters: number | null }[];
}
export interface MenuItem {
  id: number;
  communityId: number;
  name: string;
  category: string;
  description: string | null;
  active: boolean;
}
