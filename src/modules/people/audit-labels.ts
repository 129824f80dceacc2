import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'household.create': { 'zh-CN': '新增户', 'en-US': 'Added household' },
    'household.import': { 'zh-CN': '导入户', 'en-US': 'Imported households' },
    'resident.create': { 'zh-CN': '登记居民', 'en-US': 'Registered resident' },
    'resident.delete': { 'zh-CN': '删除居民', 'en-US': 'Deleted resident' },
    'resident.import': { 'zh-CN': '导入居民', 'en-US': 'Imported residents' },
    'resident.reveal': { 'zh-CN': '查看完整证件号/手机号', 'en-US': 'Revealed personal numbers' },
    'resident.selfExport': { 'zh-CN': '居民导出本人数据', 'en-US': 'Resident exported own data' },
    'resident.update': { 'zh-CN': '修改居民', 'en-US': 'Updated resident' },
  },
  objects: {
    household: { 'zh-CN': '户', 'en-US': 'Household' },
    resident: { 'zh-CN': '居民', 'en-US': 'Resident' },
    territory: { 'zh-CN': '区域', 'en-US': 'Area' },
  },
};
