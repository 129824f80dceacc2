import type { OrderStatus } from '../../constants';

/** antd-mobile Tag colour of each order status on the resident pages. */
export const STATUS_COLOR: Record<OrderStatus, string> = {
  submitted: 'default',
  dispatched: 'primary',
  open: 'warning',
  accepted: 'primary',
  inProgress: 'primary',
  resolved: 'success',
  rated: 'success',
  closed: 'default',
  merged: 'default',
  cancelled: 'default',
};
