import type { MessageBundle } from '../../kernel/i18n/i18n.js';

export const zhCN: MessageBundle = {
  'account.adminRolesSeparated': '系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立）',
  'account.adminRoleAlone': '管理员角色不能与业务角色兼任',
  'account.rolesNeedSecurityAdmin': '角色须由安全管理员分配',
  'account.notSelf': '不能修改自己账号的角色、所属区域或停用自己',
  'account.grantNeedsApproval': '授予管理员角色或区县及以上数据范围须经另一名管理员审批',
  'account.grantPending': '该账号已有待审批的申请',
  'account.grantDecided': '该申请已处理',
  'account.grantOwnRequest': '不能审批自己提出的申请',
  'account.grantStale': '账号的角色或所属区域已变化，请重新申请',
  'notification.account.rolesChanged.title': '您的账号权限已变更',
  'notification.account.rolesChanged.body': '角色：{roles}；所属区域：{node}。如非本人知悉，请联系安全管理员',
  'notification.account.grantRequested.title': '有人申请变更您的账号',
  'notification.account.grantRequested.body': '管理员提出了对您账号的变更申请，待另一名管理员审批',
  'notification.account.passwordReset.title': '您的密码已被重置',
  'notification.account.passwordReset.body':
    '管理员重置了您的密码（一次有效，登录后须修改）。如非本人申请，请立即联系安全管理员',
  'error.auth.totpSetupRequired': '管理员账号须先开启双因素认证',
  'totp.alreadyEnabled': '已开启双因素认证',
  'totp.notSetUp': '请先获取密钥',
  'totp.notEnabled': '尚未开启双因素认证',
};
export const enUS: MessageBundle = {
  'account.adminRolesSeparated': 'System, security and audit admin must be three different accounts',
  'account.adminRoleAlone': 'An admin role cannot be combined with business roles',
  'account.rolesNeedSecurityAdmin': 'Roles are granted by the security admin',
  'account.notSelf': 'You cannot change your own roles or node, or disable yourself',
  'account.grantNeedsApproval': 'An admin role or a scope of a district or more needs a second admin’s approval',
  'account.grantPending': 'This account already has a request waiting for approval',
  'account.grantDecided': 'This request has already been decided',
  'account.grantOwnRequest': 'You cannot approve your own request',
  'account.grantStale': 'The account’s roles or node changed since the request: ask again',
  'notification.account.rolesChanged.title': 'Your account’s roles changed',
  'notification.account.rolesChanged.body':
    'Roles: {roles}; node: {node}. If you did not expect this, tell the security admin',
  'notification.account.grantRequested.title': 'A change of your account was requested',
  'notification.account.grantRequested.body': 'An admin asked to change your account; a second admin must approve it',
  'notification.account.passwordReset.title': 'Your password was reset',
  'notification.account.passwordReset.body':
    'An admin reset your password (good for one sign-in, to be changed). If you did not ask, tell the security admin now',
  'error.auth.totpSetupRequired': 'Admin accounts must turn on two-factor authentication first',
  'totp.alreadyEnabled': 'Two-factor authentication is already on',
  'totp.notSetUp': 'Start the setup first',
  'totp.notEnabled': 'Two-factor authentication is not on',
};
