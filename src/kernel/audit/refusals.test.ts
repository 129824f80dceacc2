import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { auditLog } from '../db/schema.js';

/** Refused requests and exports leave a trace in the audit log (issue 18, point 6). */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

const rowsOf = (actorId: number, action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action)));

describe('audited refusals and exports', () => {
  it('audits a 403 and a 404 on a record outside the subtree', async () => {
    const staff = await t.as(['communityStaff'], tree.streetA.street.id);
    expect((await staff.get('/api/audit')).status).toBe(403);
    expect((await staff.get(`/api/territories/${tree.streetB.street.id}`)).status).toBe(404);
    const rows = await rowsOf(staff.account.id, 'request.refused');
    expect(rows.map((r) => r.after)).toEqual([
      { method: 'GET', route: '/api/audit', status: 403, code: 'forbidden' },
      { method: 'GET', route: '/api/territories/:id', status: 404, code: 'notFound' },
    ]);
  });

  it('audits an xlsx export, naming the filters but not their values', async () => {
    const staff = await t.as(['communityStaff'], tree.streetA.street.id);
    const res = await t.app.inject({
      url: '/api/people/residents/export.xlsx?q=13800001111',
      headers: { cookie: [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(200);
    const rows = await rowsOf(staff.account.id, 'export.download');
    expect(rows.map((r) => r.after)).toEqual([{ route: '/api/people/residents/export.xlsx', filters: ['q'] }]);
    expect(JSON.stringify(rows)).not.toContain('13800001111');
  });
});
