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
const SWITCHERS: Role[] = ['streetAdmin', 'districtAdmin', 'cityAdmin'];

/**
 * Emergency mode and river patrols (decision 026). Staff read; a street or district switches emergency mode on and
 * off; community managers run posts, campaigns and tasks; grid workers and party members knock on doors; members
 * check in to their tasks; staff and party members patrol rivers; managers keep stations and thresholds.
 */
export const EMERGENCY_ROLES = {
  read: STAFF,
  switch: SWITCHERS,
  manage: MANAGERS,
  visit: ['partyMember', ...STAFF] as Role[],
  tasks: ['partyMember', ...STAFF] as Role[],
  riverRead: ['partyMember', ...STAFF] as Role[],
  patrol: ['partyMember', ...STAFF] as Role[],
  riverManage: MANAGERS,
  recruitment: MANAGERS,
};

export const EMERGENCY_PERMISSIONS: readonly PermissionDef[] = [
  {
    key: 'emergency.read',
    label: { 'zh-CN': '查看应急状态、值守与入户覆盖', 'en-US': 'View emergency mode, posts and coverage' },
    roles: EMERGENCY_ROLES.read,
  },
  {
    key: 'emergency.switch',
    label: { 'zh-CN': '启动、结束应急状态（平战转换）', 'en-US': 'Switch emergency mode on and off' },
    roles: EMERGENCY_ROLES.switch,
    levels: ['city', 'district', 'street'],
  },
  {
    key: 'emergency.manage',
    label: { 'zh-CN': '设置值守岗、责任区、入户任务和下派任务', 'en-US': 'Run posts, campaigns and tasks' },
    roles: EMERGENCY_ROLES.manage,
  },
  {
    key: 'emergency.visit',
    label: { 'zh-CN': '登记入户敲门结果', 'en-US': 'Record door-to-door visits' },
    roles: EMERGENCY_ROLES.visit,
  },
  {
    key: 'emergency.tasks',
    label: { 'zh-CN': '查看本人应急任务并打卡', 'en-US': 'See my emergency tasks and check in' },
    roles: EMERGENCY_ROLES.tasks,
  },
  {
    key: 'river.read',
    label: { 'zh-CN': '查看河道、巡河记录与监测预警', 'en-US': 'View rivers, patrols and monitoring' },
    roles: EMERGENCY_ROLES.riverRead,
  },
  {
    key: 'river.patrol',
    label: { 'zh-CN': '登记巡河记录', 'en-US': 'Record river patrols' },
    roles: EMERGENCY_ROLES.patrol,
  },
  {
    key: 'river.manage',
    label: { 'zh-CN': '维护河道、巡河路线、监测站与阈值', 'en-US': 'Keep rivers, routes, stations and thresholds' },
    roles: EMERGENCY_ROLES.riverManage,
  },
  {
    key: 'recruitment.manage',
    label: {
      'zh-CN': '发展党员：登记申请人并按程序推进',
      'en-US': 'Recruitment: register applicants and move them on',
    },
    roles: EMERGENCY_ROLES.recruitment,
    personalData: true,
  },
];
registerPermissions(EMERGENCY_PERMISSIONS);
