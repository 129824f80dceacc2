import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'coAgreement.addDeliverable': { 'zh-CN': '添加契约履约事项', 'en-US': 'Added agreement deliverable' },
    'coAgreement.create': { 'zh-CN': '新建共建契约（商约）', 'en-US': 'Created co-building agreement' },
    'coAgreement.evaluated': { 'zh-CN': '评约', 'en-US': 'Agreement evaluated' },
    'coAgreement.fulfilling': { 'zh-CN': '契约进入履约', 'en-US': 'Agreement in fulfilment' },
    'coAgreement.negotiating': { 'zh-CN': '契约转入商约', 'en-US': 'Agreement back to negotiation' },
    'coAgreement.published': { 'zh-CN': '公示契约', 'en-US': 'Agreement published' },
    'coAgreement.rate': { 'zh-CN': '评价共建契约', 'en-US': 'Rated agreement' },
    'coAgreement.report': { 'zh-CN': '报告履约进展', 'en-US': 'Reported agreement progress' },
    'coAgreement.signed': { 'zh-CN': '签约', 'en-US': 'Agreement signed' },
    'coNeed.accept': { 'zh-CN': '认领需求', 'en-US': 'Accepted need' },
    'coNeed.close': { 'zh-CN': '关闭需求', 'en-US': 'Closed need' },
    'coNeed.create': { 'zh-CN': '登记需求', 'en-US': 'Registered need' },
    'coNeed.reject': { 'zh-CN': '驳回需求', 'en-US': 'Rejected need' },
    'coProject.addTask': { 'zh-CN': '添加项目任务', 'en-US': 'Added project task' },
    'coProject.complete': { 'zh-CN': '项目完成', 'en-US': 'Completed project' },
    'coProject.create': { 'zh-CN': '立项共建项目', 'en-US': 'Created project' },
    'coProject.finishTask': { 'zh-CN': '完成项目任务', 'en-US': 'Finished project task' },
    'coProject.orderTask': { 'zh-CN': '项目任务转工单', 'en-US': 'Turned project task into an order' },
    'coProject.rate': { 'zh-CN': '评价项目', 'en-US': 'Rated project' },
    'coResource.create': { 'zh-CN': '登记资源', 'en-US': 'Registered resource' },
    'coResource.update': { 'zh-CN': '修改资源', 'en-US': 'Updated resource' },
  },
  objects: {
    coAgreement: { 'zh-CN': '共建契约', 'en-US': 'Co-building agreement' },
    coNeed: { 'zh-CN': '需求', 'en-US': 'Need' },
    coProject: { 'zh-CN': '共建项目', 'en-US': 'Project' },
    coResource: { 'zh-CN': '资源', 'en-US': 'Resource' },
  },
};
