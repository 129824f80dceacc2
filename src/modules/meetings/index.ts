/** What other modules (the future dashboard) may use of meetings. */
export { listActionItems, listMeetings, remindActionItems } from './meetings.service.js';
export type { ActionItem, MeetingListItem } from './contract.js';
/** Organisational life figures per branch and up the tree (sessions held, attendance rate, missed sessions). */
export { orgLifeFigures } from './org-life.service.js';
export type { OrgLifeFigures } from './contract.js';
/** Putting an item on a meeting's agenda from elsewhere (the dashboard's hotspots → the next meeting's agenda). */
export { addAgendaItem } from './meetings.service.js';
export type { Meeting } from './contract.js';
