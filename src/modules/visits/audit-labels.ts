import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'visit.record': { 'zh-CN': '记录走访', 'en-US': 'Recorded visit' },
    'visit.toOrder': { 'zh-CN': '走访发现转为工单（排摸发现）', 'en-US': 'Turned a visit finding into an order' },
  },
  objects: {
    visit: { 'zh-CN': '走访记录', 'en-US': 'Visit' },
  },
};
