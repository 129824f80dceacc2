import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'points.manualApprove': { 'zh-CN': '批准手动积分', 'en-US': 'Approved manual points' },
    'points.manualReject': { 'zh-CN': '驳回手动积分', 'en-US': 'Rejected manual points' },
    'points.manualRequest': { 'zh-CN': '申请手动积分', 'en-US': 'Requested manual points' },
    'points.rules': { 'zh-CN': '修改积分规则', 'en-US': 'Changed points rules' },
    'volunteering.activity.cancel': { 'zh-CN': '取消志愿活动', 'en-US': 'Cancelled activity' },
    'volunteering.activity.close': { 'zh-CN': '结束志愿活动', 'en-US': 'Closed activity' },
    'volunteering.activity.reopen': { 'zh-CN': '重新开放志愿活动', 'en-US': 'Reopened activity' },
    'volunteering.activityCreate': { 'zh-CN': '发布志愿活动', 'en-US': 'Created activity' },
    'volunteering.checkIn': { 'zh-CN': '活动签到', 'en-US': 'Checked in' },
    'volunteering.checkOut': { 'zh-CN': '活动签退', 'en-US': 'Checked out' },
    'volunteering.signUp': { 'zh-CN': '报名志愿活动', 'en-US': 'Signed up' },
    'volunteering.signupCancel': { 'zh-CN': '取消报名', 'en-US': 'Cancelled sign-up' },
    'volunteering.signupConfirm': { 'zh-CN': '确认服务时长', 'en-US': 'Confirmed hours' },
    'volunteering.signupReject': { 'zh-CN': '不予确认服务时长', 'en-US': 'Rejected hours' },
    'volunteering.teamCreate': { 'zh-CN': '新建队伍/岗位', 'en-US': 'Created team or post' },
    'volunteering.teamMemberAdd': { 'zh-CN': '添加队员', 'en-US': 'Added team member' },
    'volunteering.teamMemberRemove': { 'zh-CN': '移除队员', 'en-US': 'Removed team member' },
  },
  objects: {
    pointEntry: { 'zh-CN': '积分记录', 'en-US': 'Points entry' },
    territory: { 'zh-CN': '区域', 'en-US': 'Area' },
    volActivity: { 'zh-CN': '志愿活动', 'en-US': 'Activity' },
    volSignup: { 'zh-CN': '活动报名', 'en-US': 'Sign-up' },
    volTeam: { 'zh-CN': '队伍/岗位', 'en-US': 'Team or post' },
  },
};
