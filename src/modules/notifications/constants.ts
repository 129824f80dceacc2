import { ORDER_NOTICE_KINDS } from '../service-orders/index.js';

/** What a notification is about (issue 5 item 10). Texts are rendered in the reader's locale from kind + params. */
export const NOTIFICATION_KINDS = [
  // the order moves' notices (service-orders announces them, this module stores them)
  ...ORDER_NOTICE_KINDS,
  // meetings module: an invitation, an action item's reminder before its deadline and its overdue notice
  'meeting.invited',
  'actionItem.reminder',
  'actionItem.overdue',
  // meetings module: a consultation 协商议事 put to the residents, and its published result (decision 029)
  'consultation.opened',
  'consultation.concluded',
  // emergency module: a task pushed to members in emergency mode; a river reading past its threshold
  'emergency.task',
  'river.alert',
  // assessment module: the monthly reminder list 月度提醒清单 of an organisation (decision 032)
  'assessment.reminder',
  // accounts module: the owner hears of a change of their roles or node, a grant asked for, a password reset
  'account.rolesChanged',
  'account.grantRequested',
  'account.passwordReset',
  // co-building: a shared item 便民共享服务柜 due back tomorrow, or overdue (decision 042)
  'sharedItem.reminder',
  'sharedItem.overdue',
  // one message a day for accounts in digest mode
  'digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_MODES = ['instant', 'dailyDigest'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

export const DEFAULT_DIGEST_HOUR = 18;
/** Digest hours are in China Standard Time (UTC+8 all year, no daylight saving). */
export const DIGEST_TIME_ZONE = 'Asia/Shanghai';
/** A digest lists at most this many events (the count says how many there were). */
export const DIGEST_MAX_ITEMS = 50;
