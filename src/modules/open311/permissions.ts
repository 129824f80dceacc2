import { registerPermissions, type PermissionDef } from '../../kernel/rbac/rbac.js';
import { ORDER_ROLES } from '../service-orders/index.js';

/**
 * Open311 clients are a security matter (等保 三员分立): the security admin makes and revokes API keys. The learned
 * dispatch suggestion is read by whoever dispatches orders.
 */
export const OPEN311_ROLES = {
  manage: ['securityAdmin'] as const,
  suggest: ORDER_ROLES.dispatch,
  /** Training reads every resolved order's text, deployment-wide: the system admin's duty (no data comes back). */
  train: ['sysAdmin'] as const,
};

export const OPEN311_PERMISSIONS: readonly PermissionDef[] = [
  {
    key: 'apiClient.manage',
    label: { 'zh-CN': '管理 Open311 接口密钥', 'en-US': 'Manage Open311 API keys' },
    roles: OPEN311_ROLES.manage,
  },
  {
    key: 'dispatch.suggest',
    label: { 'zh-CN': '查看智能分派建议', 'en-US': 'See learned dispatch suggestions' },
    roles: OPEN311_ROLES.suggest,
  },
  {
    key: 'dispatch.train',
    label: { 'zh-CN': '重新训练智能分派模型', 'en-US': 'Retrain the learned dispatch' },
    roles: OPEN311_ROLES.train,
  },
];
registerPermissions(OPEN311_PERMISSIONS);
