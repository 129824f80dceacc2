import type { PermissionDef } from '../../kernel/rbac/rbac.js';

/** Community staff confirm residents' sign-ups 实名认证审核 (reads names and masked phones: personal data). */
export const permissions: readonly PermissionDef[] = [
  {
    key: 'signup.review',
    label: { 'zh-CN': '审核居民注册', 'en-US': 'Review resident sign-ups' },
    roles: ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'],
    personalData: true,
  },
];
