import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'actionItem.create': { 'zh-CN': '新建督办事项', 'en-US': 'Created action item' },
    'actionItem.createOrder': { 'zh-CN': '督办事项转工单', 'en-US': 'Turned action item into an order' },
    'actionItem.overdue': { 'zh-CN': '督办事项逾期', 'en-US': 'Action item overdue' },
    'actionItem.remind': { 'zh-CN': '督办提醒', 'en-US': 'Action item reminder' },
    'actionItem.update': { 'zh-CN': '更新督办事项', 'en-US': 'Updated action item' },
    'meeting.agenda.add': { 'zh-CN': '添加议题', 'en-US': 'Added agenda item' },
    'meeting.approve': { 'zh-CN': '审定纪要', 'en-US': 'Approved minutes' },
    'meeting.attendance': { 'zh-CN': '记录出席', 'en-US': 'Recorded attendance' },
    'meeting.cancel': { 'zh-CN': '取消会议', 'en-US': 'Cancelled meeting' },
    'meeting.correct': { 'zh-CN': '留痕更正纪要', 'en-US': 'Corrected minutes' },
    'meeting.create': { 'zh-CN': '新建会议', 'en-US': 'Created meeting' },
    'meeting.decision': { 'zh-CN': '记录议定事项', 'en-US': 'Recorded decision' },
    'meeting.hold': { 'zh-CN': '召开会议', 'en-US': 'Held meeting' },
    'meeting.minutes': { 'zh-CN': '编写会议纪要', 'en-US': 'Wrote minutes' },
    'meeting.signIn': { 'zh-CN': '会议签到', 'en-US': 'Signed in to meeting' },
    'orgLife.create': { 'zh-CN': '安排组织生活', 'en-US': 'Planned session' },
    'orgLife.leave': { 'zh-CN': '组织生活请假', 'en-US': 'Leave from session' },
    'orgLife.signIn': { 'zh-CN': '组织生活签到', 'en-US': 'Signed in to session' },
    'orgLife.update': { 'zh-CN': '修改组织生活', 'en-US': 'Updated session' },
    'study.lesson': { 'zh-CN': '记录学习', 'en-US': 'Recorded study' },
  },
  objects: {
    actionItem: { 'zh-CN': '督办事项', 'en-US': 'Action item' },
    meeting: { 'zh-CN': '会议', 'en-US': 'Meeting' },
    meetingAgendaItem: { 'zh-CN': '议题', 'en-US': 'Agenda item' },
    meetingDecision: { 'zh-CN': '议定事项', 'en-US': 'Decision' },
    meetingInvitee: { 'zh-CN': '参会人', 'en-US': 'Invitee' },
    orgLifeAttendance: { 'zh-CN': '组织生活出席', 'en-US': 'Session attendance' },
    orgLifeSession: { 'zh-CN': '组织生活', 'en-US': 'Session' },
    studyLesson: { 'zh-CN': '学习记录', 'en-US': 'Study record' },
  },
};
