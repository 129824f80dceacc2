import { registerPermissions, type PermissionDef } from '../../kernel/rbac/rbac.js';
import { ORDER_ROLES } from '../service-orders/index.js';

/**
 * Open311 clients are a security matter (等保 三员分立): the security admin makes and revokes API keys. The learned
 * dispatch suggestion is read by whoever dispatches orders.
 */
export const OPEN311_ROLES = {
  manage: ['securityAdmin'] as const,
  suggest: ORDER_ROLES.dispatch,
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
];
registerPermissions(OPEN311_PERMISSIONS);
