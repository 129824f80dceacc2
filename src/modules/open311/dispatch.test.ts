import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { demoCorpus } from '../service-orders/demo-texts.js';
import { makeOrder } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, admin: Client, far: Client;
const A1 = () => tree.streetA.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  far = await t.as(['communityStaff'], tree.streetB.communities[0]!.community.id);
  admin = await t.as(['sysAdmin'], tree.country.id);
});
afterAll(() => t.close());

describe('learned dispatch 智能分派', () => {
  it('is trained from resolved orders, suggested with confidence, and reloaded without a restart', async () => {
    const order = await makeOrder(t.db, A1().community, {
      title: '楼道灯不亮',
      description: '3号楼2单元楼道的声控灯坏了，晚上一片漆黑，请尽快派人来维修',
    });
    const url = `/api/dispatch/orders/${order.id}/suggestion`;
    expect((await staff.get(url)).body).toMatchObject({ available: false, categories: [] });
    // Too few resolved orders: nothing to learn from.
    expect((await admin.post('/api/dispatch/train')).body).toMatchObject({ trained: false });
    for (const r of demoCorpus(4))
      await makeOrder(t.db, A1().community, {
        title: r.text.slice(0, 12),
        description: r.text,
        category: r.category,
        status: 'closed',
      });
    const first = await admin.post('/api/dispatch/train');
    expect(first.body).toMatchObject({ trained: true, samples: 40 });
    const s = await staff.get(url);
    expect(s.status).toBe(200);
    expect(s.body.available).toBe(true);
    expect(s.body.modelId).toBe(first.body.modelId);
    expect(s.body.categories[0].category).toBe('repair');
    // A probability, above the uniform 1/10 of the ten categories and above the runner-up.
    expect(s.body.categories[0].confidence).toBeGreaterThan(0.1);
    expect(s.body.categories[0].confidence).toBeGreaterThan(s.body.categories[1].confidence);
    expect(s.body.categories[0].confidence).toBeLessThanOrEqual(1);
    // The suggestion changes nothing: the order keeps its category until someone decides.
    expect((await staff.get(`/api/orders/${order.id}`)).body.category).toBe('other');
    // A newer model is picked up by the running server at the next suggestion.
    const second = await admin.post('/api/dispatch/train');
    expect(second.body.modelId).toBeGreaterThan(first.body.modelId);
    expect((await staff.get(url)).body.modelId).toBe(second.body.modelId);
    // Outside the viewer's subtree the order is not found; training is the system admin's.
    expect((await far.get(url)).status).toBe(404);
    expect((await staff.post('/api/dispatch/train')).status).toBe(403);
  });
});
