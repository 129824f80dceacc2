import { registerMessages } from '../../kernel/i18n/i18n.js';

export const DASHBOARD_MESSAGES_ZH = {
  'dashboard.badDate': '日期格式应为 YYYY-MM-DD',
  'dashboard.periodOrder': '结束日期不能早于开始日期',
  'dashboard.periodTooLong': '统计期间不能超过 3 年',
  'dashboard.notAHotspot': '该小区该类问题在期间内未达到高频问题的次数',
  'dashboard.noNextMeeting': '该社区没有待召开的会议，请先安排会议',
  'dashboard.hotspotTitle': '{place}：{category}问题 {n} 天内反映 {count} 次',
  'dashboard.direct.community': '社区直属',
  'dashboard.direct.node': '{name}直属',
};
export const DASHBOARD_MESSAGES_EN: Record<keyof typeof DASHBOARD_MESSAGES_ZH, string> = {
  'dashboard.badDate': 'A day is written YYYY-MM-DD',
  'dashboard.periodOrder': 'The end day cannot be before the start day',
  'dashboard.periodTooLong': 'A period is at most 3 years',
  'dashboard.notAHotspot': 'This place and category were not reported often enough in the period to be a hotspot',
  'dashboard.noNextMeeting': 'The community has no planned meeting; plan one first',
  'dashboard.hotspotTitle': '{place}: {category} reported {count} times in {n} days',
  'dashboard.direct.community': "Community's own (社区直属)",
  'dashboard.direct.node': '{name} itself',
};
registerMessages('zh-CN', DASHBOARD_MESSAGES_ZH);
registerMessages('en-US', DASHBOARD_MESSAGES_EN);
