import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { geoClient, xmlTexts } from './testing.js';

/** Issue 16 item 5: POST servicerequestupdates (mySociety's extension) adds a comment to the order's timeline. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client;
let key: string;
let farKey: string;
let geo: ReturnType<typeof geoClient>;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
const V2 = '/open311/v2';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  const sec = await t.as(['securityAdmin'], tree.district.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  geo = geoClient(t);
  key = (await sec.post('/api/open311/clients', { name: '12345 热线', territoryId: A1().community.id })).body.key;
  farKey = (await sec.post('/api/open311/clients', { name: '乙街道 App', territoryId: B1().community.id })).body.key;
});
afterAll(() => t.close());

async function request(description: string): Promise<string> {
  const c = await geo.post(`${V2}/requests.json`, {
    api_key: key,
    service_code: 'environment',
    address_string: '小区东门口垃圾站',
    description,
  });
  expect(c.status, c.body).toBe(200);
  return c.json[0].service_request_id as string;
}

interface TimelineEvent {
  action: string;
  note: string | null;
  actor: { id: number; name: string } | null;
}

describe('POST servicerequestupdates', () => {
  it('adds a comment to the order’s timeline in JSON, seen by staff and in GET updates, without moving the order', async () => {
    const id = await request('垃圾桶满了没人清运');
    const res = await geo.post(`${V2}/servicerequestupdates.json`, {
      api_key: key,
      service_request_id: id,
      description: '今早又满了，气味很大',
      status: 'OPEN',
      email: 'wang@example.com',
      first_name: '王',
      last_name: '大爷',
      updated_datetime: '2026-12-01T08:00:00+08:00',
    });
    expect(res.status, res.body).toBe(200);
    expect(res.json).toEqual([{ update_id: expect.stringMatching(/^\d+$/) }]);
    const updateId = res.json[0].update_id as string;

    const order = await staff.get(`/api/orders/${id}`);
    expect(order.body.status).toBe('submitted');
    const events = order.body.timeline as TimelineEvent[];
    const comment = events.find((e) => e.action === 'comment')!;
    expect(comment).toMatchObject({ note: '今早又满了，气味很大', actor: { name: '王 大爷（12345 热线）' } });
    // The e-mail address is checked, never stored.
    expect(JSON.stringify(order.body)).not.toContain('wang@example.com');
    const audited = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.comment'), eq(auditLog.objectId, id)));
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain('wang@example.com');

    const ups = await geo.get(`${V2}/servicerequestupdates.json?api_key=${key}&service_request_id=${id}`);
    const mine = ups.json.find((u: { update_id: string }) => u.update_id === updateId);
    expect(mine).toMatchObject({ service_request_id: id, status: 'open' });
    expect(mine.description).toContain('今早又满了，气味很大');
  });

  it('answers in XML as the extension does', async () => {
    const id = await request('路灯坏了');
    const res = await geo.post(`${V2}/servicerequestupdates.xml`, {
      api_key: key,
      service_request_id: id,
      description: '补充：是 3 号楼前那盏',
    });
    expect(res.status, res.body).toBe(200);
    expect(res.type).toMatch(/^text\/xml/);
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_request_updates><request_update><update_id>\d+<\/update_id><\/request_update><\/service_request_updates>$/,
    );
    const [updateId] = xmlTexts(res.body, 'update_id');
    const ups = await geo.get(`${V2}/servicerequestupdates.xml?api_key=${key}&service_request_id=${id}`);
    expect(xmlTexts(ups.body, 'update_id')).toContain(updateId);
  });

  it('answers a bad key, an unknown or foreign request id and bad fields in the spec’s error format', async () => {
    const id = await request('楼道堆放杂物');
    const bad = await geo.post(`${V2}/servicerequestupdates.json`, {
      api_key: 'o311_not-a-real-key-at-all-000000',
      service_request_id: id,
      description: 'x',
    });
    expect(bad.status).toBe(403);
    expect(bad.json).toEqual([{ code: 403, description: expect.any(String) }]);
    const none = await geo.post(`${V2}/servicerequestupdates.json`, { service_request_id: id, description: 'x' });
    expect(none.status).toBe(403);

    const unknown = await geo.post(`${V2}/servicerequestupdates.xml`, {
      api_key: key,
      service_request_id: '999999999',
      description: '有人处理吗',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatch(
      /<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>/,
    );
    // Another community's key does not find it either (404, as for GET requests/{id}).
    const foreign = await geo.post(`${V2}/servicerequestupdates.json`, {
      api_key: farKey,
      service_request_id: id,
      description: '有人处理吗',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual([{ code: 404, description: expect.any(String) }]);

    for (const [form, field] of [
      [{ service_request_id: id }, 'description'],
      [{ description: '缺少编号' }, 'service_request_id'],
      [{ service_request_id: id, description: 'x', status: 'MAYBE' }, 'status'],
      [{ service_request_id: id, description: 'x', email: 'not-an-address' }, 'email'],
      [{ service_request_id: id, description: 'x', updated_datetime: 'yesterday' }, 'updated_datetime'],
    ] as const) {
      const r = await geo.post(`${V2}/servicerequestupdates.json`, { api_key: key, ...form });
      expect(r.status, JSON.stringify(form)).toBe(400);
      expect(r.json[0].code).toBe(400);
      expect(r.json[0].description).toContain(field);
    }
    // Nothing of the refused calls reached the timeline.
    const order = await staff.get(`/api/orders/${id}`);
    expect((order.body.timeline as TimelineEvent[]).filter((e) => e.action === 'comment')).toEqual([]);
  });
});
