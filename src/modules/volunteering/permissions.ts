import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const STAFF: Role[] = [
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
];
const MANAGERS: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

export const VOL_ROLES = {
  read: STAFF,
  manage: MANAGERS,
  /** Who may sign up, check in and see their own hours and points. */
  join: ['resident', 'partyMember', ...STAFF] as Role[],
  rules: ['districtAdmin', 'cityAdmin'] as Role[],
  manualPoints: ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'] as Role[],
};

/** Volunteering, points and teams (issue 15; decision 022). */
export const VOL_PERMISSIONS: PermissionDef[] = [
  {
    key: 'volunteering.read',
    label: {
      'zh-CN': '查看志愿活动、队伍、积分台账与排名',
      'en-US': 'View activities, teams, points ledger and rankings',
    },
    roles: VOL_ROLES.read,
  },
  {
    key: 'volunteering.manage',
    label: {
      'zh-CN': '组织志愿活动、确认时长、管理队伍和岗位',
      'en-US': 'Organise activities, confirm hours, run teams',
    },
    roles: VOL_ROLES.manage,
  },
  {
    key: 'volunteering.join',
    label: {
      'zh-CN': '报名志愿活动、签到签退、查看本人时长和积分',
      'en-US': 'Sign up, check in, see own hours and points',
    },
    roles: VOL_ROLES.join,
  },
  {
    key: 'points.rules',
    label: { 'zh-CN': '制定本区积分规则', 'en-US': 'Set the district’s points rules' },
    roles: VOL_ROLES.rules,
    levels: ['city', 'district'],
  },
  {
    key: 'points.manual',
    label: { 'zh-CN': '申请和审核手工积分（须说明理由、另一人审核）', 'en-US': 'Request and approve manual points' },
    roles: VOL_ROLES.manualPoints,
  },
];
