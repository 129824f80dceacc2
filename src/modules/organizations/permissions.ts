import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const staff: Role[] = ['communityStaff', 'communitySecretary'];
const admins: Role[] = ['streetAdmin', 'districtAdmin', 'cityAdmin'];

/**
 * Permissions of the organizations module. Community staff and secretaries manage their community, street,
 * district and city admins their subtree (the scope rule does the limiting); party members and grid workers
 * read party organisations; the three separated admin roles hold none of these (names, phones, ages).
 */
export const permissions: readonly PermissionDef[] = [
  {
    key: 'partyOrg.read',
    label: { 'zh-CN': '查看党组织', 'en-US': 'View party organisations' },
    roles: ['partyMember', 'gridWorker', ...staff, ...admins],
  },
  {
    key: 'partyOrg.manage',
    label: { 'zh-CN': '管理党组织', 'en-US': 'Manage party organisations' },
    roles: [...staff, ...admins],
  },
  {
    key: 'flag.read',
    label: { 'zh-CN': '查看组织建设提示', 'en-US': 'View structure rule flags' },
    roles: ['gridWorker', ...staff, ...admins],
  },
  {
    key: 'unit.read',
    label: { 'zh-CN': '查看驻区单位、业委会、居民小组', 'en-US': "View units, owners' committees, residents' groups" },
    roles: ['gridWorker', ...staff, ...admins],
  },
  {
    key: 'unit.manage',
    label: {
      'zh-CN': '管理驻区单位、业委会、居民小组',
      'en-US': "Manage units, owners' committees, residents' groups",
    },
    roles: [...staff, ...admins],
  },
  {
    key: 'unit.revealContact',
    label: { 'zh-CN': '查看联系人完整电话', 'en-US': 'See contact phone numbers unmasked' },
    roles: [...staff, 'streetAdmin'],
    personalData: true,
  },
  {
    key: 'leadership.read',
    label: { 'zh-CN': '查看两委班子与换届联审', 'en-US': 'View leadership teams and candidate reviews' },
    roles: [...staff, ...admins],
    personalData: true,
  },
  {
    key: 'leadership.manage',
    label: { 'zh-CN': '管理两委班子与换届联审', 'en-US': 'Manage leadership teams and candidate reviews' },
    roles: ['communitySecretary', ...admins],
    personalData: true,
  },
];
