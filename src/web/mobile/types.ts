/**
 * Shapes of the API answers the resident pages read: the sign-up, people and service-orders zod contracts as JSON
 * (types only, so no server code enters the bundle), and their shared value lists.
 */
import type { z } from 'zod';
import type * as People from '../../modules/people/contract';
import type * as Orders from '../../modules/service-orders/contract';
import type * as Signup from '../../modules/signup/contract';
import type { Wire } from '../api/types';

export {
  ORDER_KINDS,
  ORDER_CATEGORIES as PROBLEM_CATEGORIES,
  RATINGS,
  shownKind,
  type OrderStatus,
} from '../../modules/service-orders/constants';
/** Kinds of dispute a resident may ask the community to mediate (the mediation module's categories). */
export { DISPUTE_CATEGORIES } from '../../modules/mediation/constants';

export type Place = Wire<z.infer<typeof Signup.Place>>;
export type CommunityHit = Wire<z.infer<typeof Signup.CommunityHit>>;
export type SignupStatus = z.infer<typeof Signup.SignupStatus>;
export type MySignup = Wire<z.infer<typeof Signup.MySignup>>;
export type MyRecord = Wire<z.infer<typeof People.MyRecord>>;

export type OrderKind = z.infer<typeof Orders.OrderKind>;
export type Rating = NonNullable<Order['rating']>;
export type Order = Wire<z.infer<typeof Orders.Order>>;
export type OrderEvent = Wire<z.infer<typeof Orders.OrderEvent>>;
export type OrderDetail = Wire<z.infer<typeof Orders.OrderDetail>>;
/** POST /api/orders: the new order and the open reports nearby it may duplicate. */
export type CreatedOrder = Wire<z.infer<typeof Orders.CreatedOrder>>;
export type MenuItem = Wire<z.infer<typeof Orders.MenuItem>>;
