import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { serviceOrders } from './schema.js';

/** A retried create with the same Idempotency-Key is answered once (issue 18, point 9). */
let t: TestApp;
let household: number;
beforeAll(async () => {
  t = await testApp();
  household = (await t.factory.tree()).streetA.communities[0]!.household.id;
});
afterAll(() => t.close());

async function post(c: Awaited<ReturnType<TestApp['as']>>, key: string | undefined, title = '楼道灯坏了') {
  if (!c.cookies.has('gz_csrf')) await c.get('/api/auth/csrf');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/orders',
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': c.cookies.get('gz_csrf') ?? '',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: { kind: 'problem', category: 'repair', title, territoryId: household },
  });
  return { status: res.statusCode, body: res.json(), replayed: res.headers['idempotent-replayed'] };
}

const ordersOf = async (accountId: number) =>
  (await t.db.select({ n: count() }).from(serviceOrders).where(eq(serviceOrders.reporterAccountId, accountId)))[0]!.n;

describe('Idempotency-Key on creates', () => {
  it('answers a retry with the first answer and creates one order', async () => {
    const resident = await t.as(['resident'], household);
    const first = await post(resident, 'retry-key-0001');
    expect(first.status).toBe(201);
    const retry = await post(resident, 'retry-key-0001');
    expect(retry).toMatchObject({ status: 201, replayed: 'true', body: { id: first.body.id } });
    expect(await ordersOf(resident.account.id)).toBe(1);
    // Another key, or none, creates another order; the same key from another account is that account's own.
    expect((await post(resident, 'retry-key-0002')).body.id).not.toBe(first.body.id);
    expect((await post(resident, undefined)).status).toBe(201);
    expect(await ordersOf(resident.account.id)).toBe(3);
    const other = await t.as(['resident'], household);
    expect((await post(other, 'retry-key-0001')).body.id).not.toBe(first.body.id);
  });

  it('frees the key when the create fails, and refuses a malformed key', async () => {
    const resident = await t.as(['resident'], household);
    const bad = await post(resident, 'failing-key-01', '');
    expect(bad.status).toBe(400);
    expect((await post(resident, 'failing-key-01')).status).toBe(201);
    expect((await post(resident, 'short')).status).toBe(400);
  });
});
