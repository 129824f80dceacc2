import type { MessageBundle } from '../../kernel/i18n/i18n.js';

export const zhCN: MessageBundle = {
  'partyMember.homeBranchInvalid': '请选择本账号范围内的党支部、党总支或党委',
  'partyMember.residentNotFound': '在您的管辖范围内找不到该居民',
  'partyMember.branchNotFound': '在您的管辖范围内找不到该党组织',
  'partyMember.branchAmbiguous': '有多个同名党组织，请联系管理员',
  'partyMember.notInService': '只有在职党员需要双报到',
  'partyMember.notCommunity': '请选择社区',
  'partyMember.unitBranchNotFound': '单位党组织不存在',
  'partyMember.alreadyRegistered': '已向该社区报到（待确认或已确认）',
  'partyMember.notPending': '该报到已处理',
  'partyMember.notLive': '该报到已结束',
  'partyMember.periodFormat': '评议期次格式为 2025 或 2025-H1',
  'partyMember.unitSideOnly': '单位评议只能由党员所在党组织一方填写',
  'partyMember.communitySideOnly': '社区评议只能由党员已确认报到的社区填写',
};
export const enUS: MessageBundle = {
  'partyMember.homeBranchInvalid': 'Pick a branch, general branch or committee in your area',
  'partyMember.residentNotFound': 'No such resident in your area',
  'partyMember.branchNotFound': 'No such party organisation in your area',
  'partyMember.branchAmbiguous': 'Several party organisations have this name; ask an administrator',
  'partyMember.notInService': 'Only in-service members register with a community',
  'partyMember.notCommunity': 'Pick a community',
  'partyMember.unitBranchNotFound': 'No such unit party organisation',
  'partyMember.alreadyRegistered': 'Already registered with this community (pending or confirmed)',
  'partyMember.notPending': 'This registration has already been decided',
  'partyMember.notLive': 'This registration has ended',
  'partyMember.periodFormat': 'A period looks like 2025 or 2025-H1',
  'partyMember.unitSideOnly': "Only the member's own party organisation records the unit side",
  'partyMember.communitySideOnly': 'Only a community the member is confirmed with records the community side',
};
