import { registerPermissions, type PermissionDef, type Role } from '../../kernel/rbac/rbac.js';

const STAFF: Role[] = [
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
];
const UPPER: Role[] = ['streetAdmin', 'districtAdmin', 'cityAdmin'];
const ORG: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

/**
 * Assessment 考评督导 permissions. Staff read; the district or street (UPPER) edits checklists, opens assessments,
 * reviews as the superior, keeps the workload list, rating periods and service units; organisations self-check,
 * review their peers and work off rectification items; residents (and supervisors) rate; a unit contact replies.
 */
export const ASSESSMENT_ROLES = {
  read: STAFF,
  manage: UPPER,
  check: ORG,
  rate: ['resident', 'partyMember'] as Role[],
  reply: ['unitContact'] as Role[],
  sendTask: UPPER,
  book: [...ORG, 'unitContact'] as Role[],
  /** 述职评议: party members and residents inside the organisation's node (the superior rates with `manage`). */
  reviewRate: ['partyMember', 'resident'] as Role[],
};

export const ASSESSMENT_PERMISSIONS: readonly PermissionDef[] = [
  {
    key: 'assessment.read',
    label: { 'zh-CN': '查看考评督导', 'en-US': 'View assessment and supervision' },
    roles: ASSESSMENT_ROLES.read,
  },
  {
    key: 'assessment.manage',
    label: { 'zh-CN': '制定考评清单、复查定级、管理评议与减负清单', 'en-US': 'Keep checklists, review, rating, lists' },
    roles: ASSESSMENT_ROLES.manage,
    levels: ['city', 'district', 'street'],
  },
  {
    key: 'assessment.check',
    label: { 'zh-CN': '自查、互评、整改', 'en-US': 'Self-check, peer review, rectify' },
    roles: ASSESSMENT_ROLES.check,
  },
  {
    key: 'assessment.rate',
    label: { 'zh-CN': '评议服务单位', 'en-US': 'Rate public service units' },
    roles: ASSESSMENT_ROLES.rate,
  },
  {
    key: 'assessment.reply',
    label: { 'zh-CN': '查看并回复本单位评议', 'en-US': "Read and reply to your unit's ratings" },
    roles: ASSESSMENT_ROLES.reply,
  },
  {
    key: 'assessment.sendTask',
    label: { 'zh-CN': '向社区派发事项', 'en-US': 'Send a task down to a community' },
    roles: ASSESSMENT_ROLES.sendTask,
  },
  {
    key: 'assessment.book',
    label: { 'zh-CN': '预约党群服务中心场地', 'en-US': 'Book a service-centre room' },
    roles: ASSESSMENT_ROLES.book,
  },
  {
    key: 'assessment.reviewRate',
    label: { 'zh-CN': '述职评议打分', 'en-US': "Rate a secretary's annual report" },
    roles: ASSESSMENT_ROLES.reviewRate,
  },
];
registerPermissions(ASSESSMENT_PERMISSIONS);
