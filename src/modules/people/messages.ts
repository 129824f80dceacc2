import type { MessageBundle } from '../../kernel/i18n/i18n.js';

export const zhCN: MessageBundle = {
  'people.phoneFormat': '手机号应为 11 位，以 13–19 开头',
  'people.idNumberFormat': '身份证号应为 18 位（17 位数字加校验位），且含有效出生日期',
  'people.idNumberChecksum': '身份证号校验位不正确',
  'people.idNumberTaken': '该身份证号已登记',
  'people.idNumberTwice': '与第 {row} 行的身份证号重复',
  'people.notHousehold': '请选择到“户”一级',
  'people.isPartyMember': '该居民有党员档案关联，请先解除关联',
  'people.addressNotFound': '在您的管辖范围内找不到该住址（从社区到户，用 / 分隔）',
  'people.parentNotFound': '在您的管辖范围内找不到该楼栋或单元',
  'people.householdExists': '该楼栋/单元下已有同名的户',
};
export const enUS: MessageBundle = {
  'people.phoneFormat': 'A mobile number has 11 digits and starts with 13–19',
  'people.idNumberFormat': 'An ID number has 18 characters (17 digits and a check character) with a real birth date',
  'people.idNumberChecksum': 'The check character of the ID number is wrong',
  'people.idNumberTaken': 'This ID number is already registered',
  'people.idNumberTwice': 'Same ID number as row {row}',
  'people.notHousehold': 'Pick a household',
  'people.isPartyMember': 'A party member record points at this resident; unlink it first',
  'people.addressNotFound': 'No such household in your area (names from the community down, separated by /)',
  'people.parentNotFound': 'No such building or unit in your area',
  'people.householdExists': 'A household with this name already exists there',
};
