/** Shapes of the API answers the resident pages read (docs/API.md: Sign-up, People, Service orders). */
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

export const ORDER_KINDS = ['menuService', 'problem', 'microWish'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
export type OrderStatus = 'submitted' | 'dispatched' | 'open' | 'accepted' | 'inProgress' | 'resolved' | 'rated' | 'closed';
export const PROBLEM_CATEGORIES = ['environment', 'repair', 'safety', 'neighbourhood', 'elderly', 'parking', 'greening', 'property', 'policy', 'other'] as const;
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
  handler: { kind: string; unit: Ref | null; member: Ref | null; account: Ref | null; department: string | null } | null;
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
}
export interface MenuItem {
  id: number;
  communityId: number;
  name: string;
  category: string;
  description: string | null;
  active: boolean;
}
