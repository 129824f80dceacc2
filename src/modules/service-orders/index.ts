/** What other modules may use of service orders (the module's face). */
export { createOrder, isOverdue } from './service-orders.service.js';
export { FINISHED, ORDER_CATEGORIES, type OrderStatus } from './constants.js';
export {
  orderHotspots,
  overdueOrders,
  orderStatuses,
  unitContactAccounts,
  type OpenOrderRef,
  type OrderHotspot,
} from './open-matters.js';
