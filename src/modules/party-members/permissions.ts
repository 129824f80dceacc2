import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const staff: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/** Party member records are political personal data: none of these may go to the separated admin roles. */
export const permissions: readonly PermissionDef[] = [
  {
    key: 'partyMember.read',
    label: { 'zh-CN': '查看党员与双报到', 'en-US': 'View party members and registrations' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'partyMember.create',
    label: { 'zh-CN': '新增与导入党员', 'en-US': 'Add and import party members' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'partyMember.update',
    label: { 'zh-CN': '修改党员、代为双报到', 'en-US': 'Edit party members, register on their behalf' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'partyMember.delete',
    label: { 'zh-CN': '删除党员', 'en-US': 'Delete party members' },
    roles: ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'],
    personalData: true,
  },
  {
    key: 'partyMember.export',
    label: { 'zh-CN': '导出党员台账', 'en-US': 'Export party member ledgers' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'partyMember.self',
    label: { 'zh-CN': '本人党员信息与双报到', 'en-US': 'My party record and dual registration' },
    roles: ['partyMember'],
    personalData: true,
  },
  {
    key: 'dualRegistration.decide',
    label: { 'zh-CN': '确认或退回双报到', 'en-US': 'Confirm or reject dual registrations' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'dualEvaluation.record',
    label: { 'zh-CN': '填写双评议', 'en-US': 'Record dual evaluations' },
    roles: staff,
    personalData: true,
  },
];
