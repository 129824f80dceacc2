import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const STAFF: Role[] = [
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
];
const DISPATCHERS: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

export const ORDER_ROLES = {
  read: ['resident', 'partyMember', 'unitContact', ...STAFF] as Role[],
  create: ['resident', 'partyMember', 'gridWorker', 'communityStaff', 'communitySecretary'] as Role[],
  dispatch: DISPATCHERS,
  handle: ['unitContact', 'partyMember', 'gridWorker', 'communityStaff', 'communitySecretary'] as Role[],
  claim: ['partyMember', 'unitContact'] as Role[],
  rate: ['resident'] as Role[],
  /** 回访: staff take a rating by phone or visit when the reporter cannot rate in the app. */
  followUp: STAFF,
  /** 单位下单: a unit's contact hands an order sent to the unit to one of its people. */
  handOver: ['unitContact'] as Role[],
  /** Escalation by decision: a handler, or whoever dispatches (the service checks which of them for each order). */
  escalate: [
    ...new Set<Role>([
      'unitContact',
      'partyMember',
      'gridWorker',
      'communityStaff',
      'communitySecretary',
      ...DISPATCHERS,
    ]),
  ],
  configure: DISPATCHERS,
  figures: STAFF,
};

/**
 * Service-order permissions. Who sees which order is the visibility rule in access.ts (staff: their subtree;
 * residents: their own; unit contacts: sent to their unit; party members: assigned to or claimed by them).
 */
export const permissions: readonly PermissionDef[] = [
  {
    key: 'order.read',
    label: { 'zh-CN': '查看服务工单', 'en-US': 'View service orders' },
    roles: ORDER_ROLES.read,
    personalData: true,
  },
  {
    key: 'order.create',
    label: { 'zh-CN': '点单与上报诉求', 'en-US': 'Place orders and report problems' },
    roles: ORDER_ROLES.create,
  },
  {
    key: 'order.dispatch',
    label: { 'zh-CN': '派单、开放认领与关闭', 'en-US': 'Dispatch, open for claiming and close orders' },
    roles: ORDER_ROLES.dispatch,
    personalData: true,
  },
  {
    key: 'order.handle',
    label: { 'zh-CN': '接单、办理、办结与回退', 'en-US': 'Accept, work on, resolve and return orders' },
    roles: ORDER_ROLES.handle,
    personalData: true,
  },
  {
    key: 'order.handOver',
    label: { 'zh-CN': '单位下单（交本单位党员或工作人员办理）', 'en-US': 'Hand a unit’s order to one of its people' },
    roles: ORDER_ROLES.handOver,
  },
  {
    key: 'order.escalate',
    label: { 'zh-CN': '上报上级', 'en-US': 'Escalate orders to the level above' },
    roles: ORDER_ROLES.escalate,
  },
  {
    key: 'order.followUp',
    label: { 'zh-CN': '回访并代录评价', 'en-US': 'Follow up and record the rating taken by phone or visit' },
    roles: ORDER_ROLES.followUp,
  },
  { key: 'order.claim', label: { 'zh-CN': '认领微心愿', 'en-US': 'Claim micro-wishes' }, roles: ORDER_ROLES.claim },
  { key: 'order.rate', label: { 'zh-CN': '评价工单', 'en-US': 'Rate orders' }, roles: ORDER_ROLES.rate },
  {
    key: 'order.configure',
    label: { 'zh-CN': '维护服务菜单与派单规则', 'en-US': 'Manage service menus and routing rules' },
    roles: ORDER_ROLES.configure,
    levels: ['city', 'district', 'street', 'community'],
  },
  {
    key: 'order.figures',
    label: { 'zh-CN': '查看服务工单统计', 'en-US': 'View service-order figures' },
    roles: ORDER_ROLES.figures,
  },
];
