import { describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '../../kernel/rbac/rbac.js';
import { DEMO_ACCOUNTS } from './accounts.seed.js';

/** Demo display names are people's names (issue 10 item 22): no role or office before them, as a real roster reads. */
describe('demo account names', () => {
  it('carry no role prefix or office', () => {
    const words = [
      ...Object.values(ROLE_LABELS).map((l) => l['zh-CN']),
      '社区工作者',
      '网格员',
      '党员',
      '居民',
      '组织部',
      '党工委',
      '书记',
      '联络人',
      '管理员',
      '河长',
    ];
    for (const a of DEMO_ACCOUNTS) {
      expect(a.displayName, a.username).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      for (const w of words) expect(a.displayName, a.username).not.toContain(w);
    }
  });
});
