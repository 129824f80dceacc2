import { registerPermissions, type PermissionDef, type Role } from '../../kernel/rbac/rbac.js';

const STAFF: Role[] = [
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
];
const MANAGERS: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/**
 * Co-building 共驻共建 permissions. Staff read the three lists of their subtree; a grid worker or resident raises
 * a need; the community's managers keep resources, decide matches and run projects; residents rate outcomes.
 */
export const CO_BUILDING_ROLES = {
  read: STAFF,
  raise: ['resident', ...STAFF] as Role[],
  manage: MANAGERS,
  rate: ['resident'] as Role[],
  /** 便民共享服务柜: residents borrow items of their community on /m (decision 042). */
  borrow: ['resident'] as Role[],
};

export const CO_BUILDING_PERMISSIONS: readonly PermissionDef[] = [
  {
    key: 'coBuilding.read',
    label: { 'zh-CN': '查看需求、资源、项目清单', 'en-US': 'View needs, resources and projects' },
    roles: CO_BUILDING_ROLES.read,
  },
  {
    key: 'coBuilding.raise',
    label: { 'zh-CN': '提出需求', 'en-US': 'Raise a need' },
    roles: CO_BUILDING_ROLES.raise,
  },
  {
    key: 'coBuilding.manage',
    label: { 'zh-CN': '维护资源、对接需求、管理项目', 'en-US': 'Keep resources, match needs, run projects' },
    roles: CO_BUILDING_ROLES.manage,
    levels: ['city', 'district', 'street', 'community'],
  },
  {
    key: 'coBuilding.rate',
    label: { 'zh-CN': '评价共建项目成效', 'en-US': 'Rate a co-building project' },
    roles: CO_BUILDING_ROLES.rate,
  },
  {
    key: 'coBuilding.borrow',
    label: { 'zh-CN': '借用便民共享服务柜物品', 'en-US': 'Borrow shared items' },
    roles: CO_BUILDING_ROLES.borrow,
  },
];
registerPermissions(CO_BUILDING_PERMISSIONS);

// 揭榜挂帅 challenges and the public timeline (issue 12 points 7 and 9, decision 041).
/** Who may see challenges (residents only public ones), apply to take one, and read the public timeline. */
export const CHALLENGE_ROLES = {
  read: ['resident', 'partyMember', 'unitContact', ...STAFF] as Role[],
  apply: ['partyMember', 'unitContact', ...STAFF] as Role[],
  timeline: ['resident', 'partyMember', ...STAFF] as Role[],
};
registerPermissions([
  {
    key: 'coBuilding.challengeRead',
    label: { 'zh-CN': '查看揭榜挂帅榜单', 'en-US': 'View 揭榜挂帅 challenges' },
    roles: CHALLENGE_ROLES.read,
  },
  {
    key: 'coBuilding.challengeApply',
    label: { 'zh-CN': '揭榜、报告攻坚进展', 'en-US': 'Apply to take a challenge, report progress' },
    roles: CHALLENGE_ROLES.apply,
  },
  {
    key: 'coBuilding.timeline',
    label: { 'zh-CN': '查看社区共建公开时间线', 'en-US': 'View the community’s public co-building timeline' },
    roles: CHALLENGE_ROLES.timeline,
  },
]);
