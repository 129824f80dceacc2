import type { AuditLabels } from '../../kernel/audit/labels.js';

/** How the audit log names this module's actions and objects (issue 10, point 17). */
export const AUDIT_LABELS: AuditLabels = {
  actions: {
    'dispatch.train': { 'zh-CN': '训练智能派单模型', 'en-US': 'Trained dispatch model' },
    'open311.clientCreate': { 'zh-CN': '新建开放接口密钥', 'en-US': 'Created API key' },
    'open311.clientRevoke': { 'zh-CN': '吊销开放接口密钥', 'en-US': 'Revoked API key' },
  },
  objects: {
    dispatchModel: { 'zh-CN': '派单模型', 'en-US': 'Dispatch model' },
    open311Client: { 'zh-CN': '开放接口客户端', 'en-US': 'API client' },
  },
};
