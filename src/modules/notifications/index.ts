/** What other modules may use of notifications: store events inside their own transaction. */
export { notify, type NotifyEvent } from './notifications.service.js';
