import type { MessageBundle } from '../../kernel/i18n/i18n.js';

export const zhCN: MessageBundle = {
  'visit.workerNotFound': '在您的管辖范围内找不到该网格员',
  'visit.placeLevel': '走访对象须为一户或一栋楼',
  'visit.placeOutsideWorker': '该户不在此网格员所在社区',
  'visit.dayInFuture': '走访日期不能晚于今天',
  'visit.findingRequired': '转为工单前须填写发现的问题',
  'visit.alreadyOrdered': '该走访发现已转为工单',
  'visit.orderDescription': '排摸发现：{visitor} 于 {day} 走访 {place} 时发现：{finding}',
};
export const enUS: MessageBundle = {
  'visit.workerNotFound': 'No such grid worker in your area',
  'visit.placeLevel': 'A visit is to a household or a building',
  'visit.placeOutsideWorker': "This household is not in the grid worker's community",
  'visit.dayInFuture': 'The visit date cannot be after today',
  'visit.findingRequired': 'Write what was found before turning it into an order',
  'visit.alreadyOrdered': 'This finding is already an order',
  'visit.orderDescription': 'Found on a visit: {visitor} visited {place} on {day} and found: {finding}',
};
