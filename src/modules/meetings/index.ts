/** What other modules (the future dashboard) may use of meetings. */
export { listActionItems, listMeetings, remindActionItems } from './meetings.service.js';
export type { ActionItem, MeetingListItem } from './contract.js';
