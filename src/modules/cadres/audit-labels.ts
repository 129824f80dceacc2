import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects. */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'cadres.worker.create': { 'zh-CN': '登记社区工作者', 'en-US': 'Registered community worker' },
    'cadres.worker.update': { 'zh-CN': '更正社区工作者信息', 'en-US': 'Corrected community worker' },
    'cadres.worker.changePost': { 'zh-CN': '社区工作者岗位变动', 'en-US': "Changed community worker's post" },
    'cadres.assignment.create': { 'zh-CN': '安排干部包联/下沉', 'en-US': 'Assigned cadre to community' },
    'cadres.assignment.update': { 'zh-CN': '修改干部包联/下沉安排', 'en-US': 'Changed cadre assignment' },
    'cadres.work.record': { 'zh-CN': '记录包联干部走访', 'en-US': "Recorded cadre's visit" },
    'cadres.work.toOrder': { 'zh-CN': '干部走访发现转为工单', 'en-US': "Turned cadre's finding into an order" },
    'cadres.talent.create': { 'zh-CN': '纳入后备人才库', 'en-US': 'Added reserve talent' },
    'cadres.talent.update': { 'zh-CN': '修改后备人才状态', 'en-US': 'Changed reserve talent' },
    'cadres.talent.train': { 'zh-CN': '记录后备人才培养', 'en-US': 'Recorded reserve talent training' },
  },
  objects: {
    communityWorker: { 'zh-CN': '社区工作者', 'en-US': 'Community worker' },
    cadreAssignment: { 'zh-CN': '干部包联/下沉', 'en-US': 'Cadre assignment' },
    reserveTalent: { 'zh-CN': '后备人才', 'en-US': 'Reserve talent' },
  },
};
