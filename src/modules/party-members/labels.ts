import type { Label } from '../../kernel/rbac/rbac.js';
import type { MemberKind, MemberPost } from './constants.js';

export const KIND_LABELS: Record<MemberKind, Label> = {
  resident: { 'zh-CN': '社区党员', 'en-US': 'Resident' },
  inService: { 'zh-CN': '在职党员', 'en-US': 'In-service' },
  retired: { 'zh-CN': '离退休党员', 'en-US': 'Retired' },
  mobile: { 'zh-CN': '流动党员', 'en-US': 'Mobile' },
};
export const POST_LABELS: Record<MemberPost, Label> = {
  vanguardPost: { 'zh-CN': '党员先锋岗', 'en-US': 'Vanguard post' },
  modelPost: { 'zh-CN': '党员示范岗', 'en-US': 'Model post' },
  responsibilityArea: { 'zh-CN': '党员责任区', 'en-US': 'Responsibility area' },
  buildingLead: { 'zh-CN': '楼栋长', 'en-US': 'Building lead' },
  volunteerPost: { 'zh-CN': '志愿服务岗', 'en-US': 'Volunteer post' },
};
