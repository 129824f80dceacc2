import type { PermissionDef, Role } from '../../kernel/rbac/rbac.js';
import { ORDER_ROLES } from '../service-orders/index.js';

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
 * Mediation permissions. A case is an order of kind 'mediation': who sees it is the orders' visibility rule
 * (staff: their subtree; the resident who asked; the mediator it was sent to). Recording parties, sessions, the
 * agreement and the outcome is for the case's handler (a mediator with an account, a party member) or the
 * community's staff acting for the team (代办), like other orders.
 */
export const MEDIATION_ROLES = {
  teamRead: STAFF,
  teamManage: MANAGERS,
  read: ORDER_ROLES.read,
  create: ORDER_ROLES.create,
  assign: ORDER_ROLES.dispatch,
  record: ['partyMember', 'gridWorker', 'communityStaff', 'communitySecretary'] as Role[],
  reveal: ['communitySecretary'] as Role[],
};

export const permissions: readonly PermissionDef[] = [
  {
    key: 'mediationTeam.read',
    label: { 'zh-CN': '查看调解队伍', 'en-US': 'View mediation teams' },
    roles: MEDIATION_ROLES.teamRead,
  },
  {
    key: 'mediationTeam.manage',
    label: { 'zh-CN': '维护调解队伍', 'en-US': 'Manage mediation teams' },
    roles: MEDIATION_ROLES.teamManage,
    levels: ['city', 'district', 'street', 'community'],
    personalData: true,
  },
  {
    key: 'mediation.read',
    label: { 'zh-CN': '查看调解案件', 'en-US': 'View mediation cases' },
    roles: MEDIATION_ROLES.read,
    personalData: true,
  },
  {
    key: 'mediation.create',
    label: { 'zh-CN': '申请调解', 'en-US': 'Ask for mediation' },
    roles: MEDIATION_ROLES.create,
  },
  {
    key: 'mediation.assign',
    label: { 'zh-CN': '将调解案件派给调解队伍', 'en-US': 'Send mediation cases to a team' },
    roles: MEDIATION_ROLES.assign,
    personalData: true,
  },
  {
    key: 'mediation.record',
    label: { 'zh-CN': '记录当事人、调解过程、协议与结果', 'en-US': 'Record parties, sessions, agreement and outcome' },
    roles: MEDIATION_ROLES.record,
    personalData: true,
  },
  {
    key: 'mediation.reveal',
    label: { 'zh-CN': '查看当事人完整联系电话（留痕）', 'en-US': 'Reveal parties’ full phone numbers (audited)' },
    roles: MEDIATION_ROLES.reveal,
    personalData: true,
  },
];
