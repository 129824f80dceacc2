import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'dualEvaluation.record': { 'zh-CN': '记录双评议', 'en-US': 'Recorded dual evaluation' },
    'dualRegistration.confirm': { 'zh-CN': '确认双报到', 'en-US': 'Confirmed dual registration' },
    'dualRegistration.reject': { 'zh-CN': '退回双报到', 'en-US': 'Rejected dual registration' },
    'dualRegistration.request': { 'zh-CN': '申请双报到', 'en-US': 'Requested dual registration' },
    'dualRegistration.withdraw': { 'zh-CN': '撤回双报到', 'en-US': 'Withdrew dual registration' },
    'partyMember.create': { 'zh-CN': '新增党员', 'en-US': 'Added party member' },
    'partyMember.delete': { 'zh-CN': '删除党员', 'en-US': 'Removed party member' },
    'partyMember.import': { 'zh-CN': '导入党员', 'en-US': 'Imported party members' },
    'partyMember.update': { 'zh-CN': '修改党员', 'en-US': 'Updated party member' },
  },
  objects: {
    dualRegistration: { 'zh-CN': '双报到', 'en-US': 'Dual registration' },
    partyMember: { 'zh-CN': '党员', 'en-US': 'Party member' },
  },
};
