import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'territory.create': { 'zh-CN': '新增区域', 'en-US': 'Created area' },
    'territory.delete': { 'zh-CN': '删除区域', 'en-US': 'Deleted area' },
    'territory.update': { 'zh-CN': '修改区域', 'en-US': 'Updated area' },
  },
  objects: {
    territory: { 'zh-CN': '区域', 'en-US': 'Area' },
  },
};
