import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const managers: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/**
 * Visits 走访 (decision 038). Grid workers and liaison party members record their own visits; community staff
 * record for a worker and read every visit of their subtree; the street/district/city read and turn findings
 * into orders. Turning a finding into an order needs `visit.record` too (the one-step move on the list).
 */
export const VISIT_READ: Role[] = ['gridWorker', 'partyMember', ...managers];
export const VISIT_RECORD: Role[] = ['gridWorker', 'partyMember', ...managers];

export const permissions: readonly PermissionDef[] = [
  { key: 'visit.read', label: { 'zh-CN': '查看走访记录', 'en-US': 'View visits' }, roles: VISIT_READ },
  {
    key: 'visit.record',
    label: { 'zh-CN': '记录走访、转办发现的问题', 'en-US': 'Record visits, turn findings into orders' },
    roles: VISIT_RECORD,
  },
  {
    key: 'visit.coverage',
    label: { 'zh-CN': '查看网格员走访覆盖率', 'en-US': "View grid workers' visit coverage" },
    roles: ['gridWorker', ...managers],
  },
];
