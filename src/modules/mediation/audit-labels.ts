import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'mediation.addParty': { 'zh-CN': '添加当事人', 'en-US': 'Added party' },
    'mediation.addSession': { 'zh-CN': '记录调解', 'en-US': 'Recorded session' },
    'mediation.agreement': { 'zh-CN': '达成调解协议', 'en-US': 'Recorded agreement' },
    'mediation.assign': { 'zh-CN': '指派调解员', 'en-US': 'Assigned mediator' },
    'mediation.create': { 'zh-CN': '登记调解案件', 'en-US': 'Registered mediation case' },
    'mediation.followUp': { 'zh-CN': '调解回访', 'en-US': 'Mediation follow-up' },
    'mediation.outcome': { 'zh-CN': '记录调解结果', 'en-US': 'Recorded outcome' },
    'mediation.removeParty': { 'zh-CN': '移除当事人', 'en-US': 'Removed party' },
    'mediation.revealParty': { 'zh-CN': '查看当事人完整信息', 'en-US': 'Revealed party details' },
    'mediationTeam.create': { 'zh-CN': '新建调解组织', 'en-US': 'Created mediation team' },
    'mediationTeam.delete': { 'zh-CN': '删除调解组织', 'en-US': 'Deleted mediation team' },
    'mediationTeam.update': { 'zh-CN': '修改调解组织', 'en-US': 'Updated mediation team' },
  },
  objects: {
    mediationTeam: { 'zh-CN': '调解组织', 'en-US': 'Mediation team' },
    serviceOrder: { 'zh-CN': '工单', 'en-US': 'Order' },
  },
};
