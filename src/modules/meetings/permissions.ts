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
/** Everyone who can be invited or be a party member: all but the three separated admin roles. */
const PEOPLE: Role[] = ['resident', 'partyMember', 'unitContact', ...STAFF];

export const MEETING_ROLES = {
  read: STAFF,
  manage: MANAGERS,
  attend: PEOPLE,
  orgLifeRead: STAFF,
  orgLifeManage: ['communityStaff', 'communitySecretary', 'streetAdmin'] as Role[],
  studyOwn: ['partyMember'] as Role[],
  /** Residents (and party members, who live somewhere too) read, comment on and vote in consultations. */
  consult: ['resident', 'partyMember'] as Role[],
};

/** Meetings, action items, organisational life and study records (issue 13). */
export const MEETING_PERMISSIONS: PermissionDef[] = [
  {
    key: 'meeting.read',
    label: { 'zh-CN': '查看会议、议定事项与督办事项', 'en-US': 'View meetings, decisions and action items' },
    roles: MEETING_ROLES.read,
  },
  {
    key: 'meeting.manage',
    label: { 'zh-CN': '召集会议、记录纪要、督办事项', 'en-US': 'Call meetings, keep minutes, track action items' },
    roles: MEETING_ROLES.manage,
    levels: ['city', 'district', 'street', 'community'],
  },
  {
    key: 'meeting.attend',
    label: { 'zh-CN': '查看受邀会议、签到、请假', 'en-US': 'See invitations, sign in, ask for leave' },
    roles: MEETING_ROLES.attend,
  },
  {
    key: 'orgLife.read',
    label: { 'zh-CN': '查看组织生活（三会一课）与学习档案', 'en-US': 'View organisational life and study records' },
    roles: MEETING_ROLES.orgLifeRead,
  },
  {
    key: 'orgLife.manage',
    label: { 'zh-CN': '记录组织生活、考勤与学习档案', 'en-US': 'Record organisational life, attendance and study' },
    roles: MEETING_ROLES.orgLifeManage,
  },
  {
    key: 'study.own',
    label: { 'zh-CN': '查看和记录本人学习档案', 'en-US': 'View and record one’s own study record' },
    roles: MEETING_ROLES.studyOwn,
  },
  {
    key: 'consultation.join',
    label: { 'zh-CN': '参与协商议事（评论、表决）', 'en-US': 'Take part in consultations (comment, vote)' },
    roles: MEETING_ROLES.consult,
  },
];
registerPermissions(MEETING_PERMISSIONS);
