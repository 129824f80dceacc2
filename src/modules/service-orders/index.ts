/** What other modules may use of service orders (the module's face). */
export { mayHandle, viewerOf, visibleOrders, type Viewer } from './access.js';
export {
  FINISHED,
  ORDER_CATEGORIES,
  OVERDUE_AT_SQL,
  UNFINISHED,
  UNFINISHED_SQL,
  ORDER_ORIGINS,
  shownKind,
  type EventAction,
  type OrderOrigin,
  type OrderStatus,
  type ShownKind,
} from './constants.js';
export { ORDER_ROLES } from './permissions.js';
export { applyRollup } from './rollups.js';
export { onRetentionStrip, type RetentionListener } from './retention.js';
export { orderEvents, orderUnitContacts, serviceOrders } from './schema.js';
export {
  countOrders,
  createOrder,
  dispatchOrder,
  getOrder,
  isOverdue,
  resolveOrder,
  startOrder,
} from './service-orders.service.js';
export {
  ORDER_NOTICE_KINDS,
  onOrderNotices,
  type OrderNotice,
  type OrderNoticeKind,
  type OrderNoticeListener,
} from './notices.js';
export {
  orderGridHotspots,
  orderHotspots,
  overdueOrders,
  orderStatuses,
  unitContactAccounts,
  type OpenOrderRef,
  type OrderGridHotspot,
  type OrderHotspot,
} from './open-matters.js';
/** A comment on an order's timeline from outside the loop (Open311 updates). */
export { commentOnOrder, type OrderComment } from './comments.service.js';
