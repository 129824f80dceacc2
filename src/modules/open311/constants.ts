import type { Locale } from '../../kernel/i18n/i18n.js';

/** GeoReport v2 service codes: the service-orders problem categories, one service each (issue 16 point 5). */
export const SERVICE_CODES = [
  'environment',
  'repair',
  'safety',
  'neighbourhood',
  'elderly',
  'parking',
  'greening',
  'property',
  'policy',
  'other',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

type Texts = Record<Locale, string>;
interface ServiceText {
  name: Texts;
  description: Texts;
  keywords: string;
}

/** Names and descriptions of the services, as the console names the categories. */
export const SERVICE_TEXTS: Record<ServiceCode, ServiceText> = {
  environment: {
    name: { 'zh-CN': '环境卫生', 'en-US': 'Environment' },
    description: { 'zh-CN': '垃圾清运、卫生死角、污水异味', 'en-US': 'Rubbish, dirty corners, sewage smells' },
    keywords: '垃圾,卫生,污水,rubbish,litter',
  },
  repair: {
    name: { 'zh-CN': '维修', 'en-US': 'Repair' },
    description: { 'zh-CN': '路灯、电梯、水管、门禁等设施损坏', 'en-US': 'Broken lights, lifts, pipes, gates' },
    keywords: '路灯,电梯,水管,streetlight,lift',
  },
  safety: {
    name: { 'zh-CN': '安全隐患', 'en-US': 'Safety' },
    description: { 'zh-CN': '消防通道堵塞、电动车违规充电、高空坠物', 'en-US': 'Blocked fire lanes, e-bike charging' },
    keywords: '消防,充电,隐患,fire,hazard',
  },
  neighbourhood: {
    name: { 'zh-CN': '邻里纠纷', 'en-US': 'Neighbours' },
    description: { 'zh-CN': '噪音扰民、漏水、占用公共空间', 'en-US': 'Noise, leaks, shared space disputes' },
    keywords: '噪音,纠纷,noise,dispute',
  },
  elderly: {
    name: { 'zh-CN': '为老服务', 'en-US': 'Elderly care' },
    description: { 'zh-CN': '独居老人照看、助餐助医', 'en-US': 'Care for elderly people living alone' },
    keywords: '老人,助餐,elderly',
  },
  parking: {
    name: { 'zh-CN': '停车', 'en-US': 'Parking' },
    description: { 'zh-CN': '乱停车、僵尸车、车位纠纷', 'en-US': 'Illegal parking, abandoned cars' },
    keywords: '停车,车位,parking',
  },
  greening: {
    name: { 'zh-CN': '绿化', 'en-US': 'Greening' },
    description: { 'zh-CN': '树木修剪、绿地毁坏', 'en-US': 'Tree pruning, damaged green space' },
    keywords: '树木,绿地,trees',
  },
  property: {
    name: { 'zh-CN': '物业管理', 'en-US': 'Property management' },
    description: { 'zh-CN': '物业服务、收费、公共维修基金', 'en-US': 'Property services and fees' },
    keywords: '物业,收费,property',
  },
  policy: {
    name: { 'zh-CN': '政策咨询', 'en-US': 'Policy' },
    description: { 'zh-CN': '社保、医保、办事指南咨询', 'en-US': 'Questions on insurance and procedures' },
    keywords: '社保,医保,咨询,policy',
  },
  other: {
    name: { 'zh-CN': '其他', 'en-US': 'Other' },
    description: { 'zh-CN': '其他诉求', 'en-US': 'Anything else' },
    keywords: '其他,other',
  },
};

/** Formats of the spec: `.json` and `.xml` suffixes. */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];
