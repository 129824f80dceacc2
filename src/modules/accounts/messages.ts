import type { MessageBundle } from '../../kernel/i18n/i18n.js';

export const zhCN: MessageBundle = {
  'account.adminRolesSeparated': '系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立）',
  'account.adminRoleAlone': '管理员角色不能与业务角色兼任',
  'account.rolesNeedSecurityAdmin': '角色须由安全管理员分配',
  'account.notSelf': '不能修改自己账号的角色、所属区域或停用自己',
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
  'error.auth.totpSetupRequired': 'Admin accounts must turn on two-factor authentication first',
  'totp.alreadyEnabled': 'Two-factor authentication is already on',
  'totp.notSetUp': 'Start the setup first',
  'totp.notEnabled': 'Two-factor authentication is not on',
};
