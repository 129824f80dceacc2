/** What the shell uses of service orders' UI: status colours on the resident home page, attachment shapes. */
export { STATUS_COLOR } from './mobile/status';
export type { OrderAttachment } from './attachments';
