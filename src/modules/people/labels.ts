import type { Label } from '../../kernel/rbac/rbac.js';
import type { Gender, Relation, ResidentTag } from './constants.js';

/** Labels of the people module's values, for spreadsheets (the console has its own locale files). */
export const GENDER_LABELS: Record<Gender, Label> = {
  male: { 'zh-CN': '男', 'en-US': 'Male' },
  female: { 'zh-CN': '女', 'en-US': 'Female' },
};
export const RELATION_LABELS: Record<Relation, Label> = {
  householder: { 'zh-CN': '户主', 'en-US': 'Householder' },
  spouse: { 'zh-CN': '配偶', 'en-US': 'Spouse' },
  child: { 'zh-CN': '子女', 'en-US': 'Child' },
  parent: { 'zh-CN': '父母', 'en-US': 'Parent' },
  grandchild: { 'zh-CN': '孙子女', 'en-US': 'Grandchild' },
  sibling: { 'zh-CN': '兄弟姐妹', 'en-US': 'Sibling' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};
export const TAG_LABELS: Record<ResidentTag, Label> = {
  elderlyAlone: { 'zh-CN': '独居老人', 'en-US': 'Elderly living alone' },
  emptyNest: { 'zh-CN': '空巢老人', 'en-US': 'Empty-nest elderly' },
  disabled: { 'zh-CN': '残疾人', 'en-US': 'Disabled' },
  lowIncome: { 'zh-CN': '低保户', 'en-US': 'Low-income' },
  extremeHardship: { 'zh-CN': '特困人员', 'en-US': 'Extreme hardship' },
  leftBehindChild: { 'zh-CN': '留守儿童', 'en-US': 'Left-behind child' },
  veteran: { 'zh-CN': '退役军人', 'en-US': 'Veteran' },
};
