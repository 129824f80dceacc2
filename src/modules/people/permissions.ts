import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';

const staff: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/** People 人员 permissions: all read residents' personal data, so none may go to the separated admin roles. */
export const permissions: readonly PermissionDef[] = [
  {
    key: 'resident.read',
    label: { 'zh-CN': '查看居民与住户', 'en-US': 'View residents and households' },
    roles: ['gridWorker', ...staff],
    personalData: true,
  },
  {
    key: 'resident.create',
    label: { 'zh-CN': '新增与导入居民、住户', 'en-US': 'Add and import residents and households' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'resident.update',
    label: { 'zh-CN': '修改居民', 'en-US': 'Edit residents' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'resident.delete',
    label: { 'zh-CN': '删除居民', 'en-US': 'Delete residents' },
    roles: ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'],
    personalData: true,
  },
  {
    key: 'resident.export',
    label: { 'zh-CN': '导出居民台账', 'en-US': 'Export resident ledgers' },
    roles: staff,
    personalData: true,
  },
  {
    key: 'resident.reveal',
    label: { 'zh-CN': '查看完整手机号与身份证号（留痕）', 'en-US': 'Reveal full phone and ID numbers (audited)' },
    roles: ['communitySecretary'],
    personalData: true,
  },
  {
    key: 'resident.self',
    label: { 'zh-CN': '查看与导出本人信息', 'en-US': 'View and export my own record' },
    roles: ['resident', 'partyMember'],
    personalData: true,
  },
];
