import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { parsePostBody } from './open311.service.js';
import { geoClient, xmlTexts } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let sec: Signed, staff: Signed, handler: Signed;
let key: string;
let farKey: string;
let geo: ReturnType<typeof geoClient>;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
const V2 = '/open311/v2';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  sec = await t.as(['securityAdmin'], tree.district.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  handler = await t.as(['communityStaff'], A1().community.id);
  geo = geoClient(t);
  const made = await sec.post('/api/open311/clients', { name: '12345 热线', territoryId: A1().community.id });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  key = made.body.key;
  farKey = (await sec.post('/api/open311/clients', { name: '乙街道 App', territoryId: B1().community.id })).body.key;
});
afterAll(() => t.close());

/** Staff dispatch the order to a colleague, who accepts and resolves it (the normal loop, in the console API). */
async function handle(id: string, note: string) {
  const d = await staff.post(`/api/orders/${id}/dispatch`, { target: 'person', accountId: handler.account.id });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  expect((await handler.post(`/api/orders/${id}/accept`, {})).status).toBe(200);
  const r = await handler.post(`/api/orders/${id}/resolve`, { note });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('API keys 接口密钥', () => {
  it('are made by the security admin only, stored hashed, listed without the key, audited and revocable', async () => {
    expect(key).toMatch(/^o311_[\w-]{40,}$/);
    expect((await staff.post('/api/open311/clients', { name: 'x', territoryId: A1().community.id })).status).toBe(403);
    const list = await sec.get('/api/open311/clients');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.map((c: { name: string }) => c.name)).toContain('12345 热线');
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'open311.clientCreate'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audits)).not.toContain(key);
    // A node outside the admin's subtree is 404; a revoked key answers 403 at once.
    const outside = await t.factory.territory(null, 'city', '兰州市');
    expect((await sec.post('/api/open311/clients', { name: 'y', territoryId: outside.id })).status).toBe(404);
    const temp = await sec.post('/api/open311/clients', { name: '临时', territoryId: A1().community.id });
    expect((await geo.get(`${V2}/requests.json?api_key=${temp.body.key}`)).status).toBe(200);
    expect((await sec.post(`/api/open311/clients/${temp.body.id}/revoke`)).status).toBe(200);
    expect((await geo.get(`${V2}/requests.json?api_key=${temp.body.key}`)).status).toBe(403);
    expect((await sec.post(`/api/open311/clients/${temp.body.id}/revoke`)).status).toBe(409);
  });
});

describe('GeoReport v2', () => {
  it('answers discovery, services and service definitions in JSON and XML without a key', async () => {
    const d = await geo.get(`${V2}/discovery.json`);
    expect(d.json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2' });
    const dx = await geo.get(`${V2}/discovery.xml`);
    expect(dx.type).toMatch(/^text\/xml/);
    expect(dx.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery>/);
    expect(xmlTexts(dx.body, 'format')).toEqual(['application/json', 'text/xml']);
    const s = await geo.get(`${V2}/services.json`);
    expect(s.json.map((x: { service_code: string }) => x.service_code)).toContain('repair');
    expect(s.json[0]).toMatchObject({ metadata: true, type: 'realtime' });
    const sx = await geo.get(`${V2}/services.xml`);
    expect(xmlTexts(sx.body, 'service_code')).toEqual(s.json.map((x: { service_code: string }) => x.service_code));
    const def = await geo.get(`${V2}/services/repair.json`);
    expect(def.json.service_code).toBe('repair');
    expect(def.json.attributes.map((a: { code: string }) => a.code)).toEqual(['title', 'place_detail', 'facility']);
    const defx = await geo.get(`${V2}/services/repair.xml`);
    expect(defx.body).toContain('<service_definition><service_code>repair</service_code><attributes><attribute>');
    expect(xmlTexts(defx.body, 'key')).toEqual(['streetlight', 'lift', 'pipe', 'gate', 'road']);
  });

  it('round trip in JSON: created through Open311, handled in the console, closed with its updates', async () => {
    const c = await geo.post(`${V2}/requests.json`, {
      api_key: key,
      service_code: 'repair',
      lat: '36.6171',
      long: '101.7660',
      address_string: '文亭巷 3号楼',
      description: '3号楼2单元楼道灯坏了，晚上一片漆黑',
      'attribute[facility]': 'streetlight',
      'attribute[place_detail]': '2单元3楼',
    });
    expect(c.status, c.body).toBe(200);
    const [created] = c.json;
    expect(created).toMatchObject({ service_request_id: expect.stringMatching(/^\d+$/), token: expect.any(String) });
    const id = created.service_request_id;
    // It is an ordinary problem report in the console: staff of the community see it.
    const o = await staff.get(`/api/orders/${id}`);
    expect(o.body).toMatchObject({ kind: 'problem', category: 'repair', status: 'submitted' });
    expect(o.body.community.id).toBe(A1().community.id);
    expect((await geo.get(`${V2}/requests/${id}.json?api_key=${key}`)).json[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'repair',
      lat: 36.6171,
      long: 101.766,
      address: '文亭巷 3号楼',
    });
    expect((await geo.get(`${V2}/tokens/${created.token}.json?api_key=${key}`)).json).toEqual([
      { service_request_id: id, token: created.token },
    ]);
    await handle(id, '已更换楼道灯');
    const after = (await geo.get(`${V2}/requests/${id}.json?api_key=${key}`)).json[0];
    expect(after).toMatchObject({ status: 'closed', status_notes: '已更换楼道灯' });
    const ups = await geo.get(`${V2}/servicerequestupdates.json?api_key=${key}&service_request_id=${id}`);
    expect(ups.status).toBe(200);
    expect(ups.json.map((u: { external_status_code: string }) => u.external_status_code)).toEqual([
      'submitted',
      'dispatched',
      'accepted',
      'resolved',
    ]);
    expect(ups.json.at(-1)).toMatchObject({ status: 'closed', service_request_id: id });
    expect(ups.json.at(-1).description).toContain('已更换楼道灯');
    // Lists filter as the spec says.
    const closed = await geo.get(`${V2}/requests.json?api_key=${key}&status=closed&service_code=repair`);
    expect(closed.json.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const open = await geo.get(`${V2}/requests.json?api_key=${key}&status=open`);
    expect(open.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    // A key of another community neither sees nor finds it.
    expect((await geo.get(`${V2}/requests/${id}.json?api_key=${farKey}`)).status).toBe(404);
    const far = await geo.get(`${V2}/requests.json?api_key=${farKey}`);
    expect(far.json.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
  });

  it('round trip in XML', async () => {
    const c = await geo.post(`${V2}/requests.xml`, {
      api_key: key,
      service_code: 'environment',
      address_string: '小区东门口垃圾站',
      description: '垃圾桶满了没人清运',
    });
    expect(c.status, c.body).toBe(200);
    expect(c.type).toMatch(/^text\/xml/);
    expect(c.body).toMatch(/<service_requests><request><service_request_id>\d+<\/service_request_id>/);
    const [id] = xmlTexts(c.body, 'service_request_id');
    const before = await geo.get(`${V2}/requests/${id}.xml?api_key=${key}`);
    expect(xmlTexts(before.body, 'status')).toEqual(['open']);
    await handle(id!, '已清运');
    const after = await geo.get(`${V2}/requests/${id}.xml?api_key=${key}`);
    expect(xmlTexts(after.body, 'status')).toEqual(['closed']);
    expect(xmlTexts(after.body, 'service_code')).toEqual(['environment']);
    const ups = await geo.get(`${V2}/servicerequestupdates.xml?api_key=${key}&service_request_id=${id}`);
    expect(ups.body).toContain('<service_request_updates><request_update><update_id>');
    expect(xmlTexts(ups.body, 'status')).toEqual(['open', 'open', 'open', 'closed']);
  });

  it('answers a bad api_key, an unknown service code and a missing location as the spec says', async () => {
    const bad = await geo.post(`${V2}/requests.json`, {
      api_key: 'o311_not-a-real-key-at-all-000000',
      service_code: 'repair',
      lat: '36.6',
      long: '101.7',
    });
    expect(bad.status).toBe(403);
    expect(bad.json).toEqual([{ code: 403, description: expect.any(String) }]);
    const none = await geo.get(`${V2}/requests.xml`);
    expect(none.status).toBe(403);
    expect(none.body).toMatch(/<errors><error><code>403<\/code><description>[^<]+<\/description><\/error><\/errors>$/);
    const unknown = await geo.post(`${V2}/requests.json`, {
      api_key: key,
      service_code: '033',
      lat: '36.6',
      long: '101.7',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json[0]).toMatchObject({ code: 404 });
    expect((await geo.get(`${V2}/services/033.xml`)).body).toContain('<code>404</code>');
    const nowhere = await geo.post(`${V2}/requests.xml`, {
      api_key: key,
      service_code: 'repair',
      description: '路灯坏了',
    });
    expect(nowhere.status).toBe(400);
    expect(xmlTexts(nowhere.body, 'code')).toEqual(['400']);
    // Places outside the key's area and bad dates are 400 too, never a 500.
    const sf = await geo.post(`${V2}/requests.json`, {
      api_key: key,
      service_code: 'repair',
      lat: '37.76',
      long: '-122.42',
    });
    expect(sf.status).toBe(400);
    expect((await geo.get(`${V2}/requests.json?api_key=${key}&start_date=yesterday`)).status).toBe(400);
    expect((await geo.get(`${V2}/requests.json?api_key=${key}&jurisdiction_id=nowhere`)).status).toBe(404);
  });

  it("parses the spec's own example requests", async () => {
    // GeoReport v2 "POST Service Request", sample body as the wiki gives it.
    const sample =
      'api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Fmedia.example.com%2Fasdf.png&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001';
    const parsed = parsePostBody(Object.fromEntries(new URLSearchParams(sample)));
    expect(parsed).toMatchObject({
      api_key: 'xyz',
      jurisdiction_id: 'city.gov',
      service_code: '001',
      lat: '37.76524078',
      long: '-122.4212043',
      address_string: '1234 5th street',
      description: 'A large sinkhole is destroying the street',
      media_url: 'http://media.example.com/asdf.png',
      attributes: { WHISPAWN: '123456', WHISDORN: 'COISL001' },
    });
    // Sent as it is, it is answered in the spec's error format (its key is not one of ours).
    const res = await t.app.inject({
      method: 'POST',
      url: `${V2}/requests.xml`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: sample,
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<errors><error><code>403</code>');
    // The sample GET URLs (with our key): list by dates and status, one request, a service definition.
    const list = await geo.get(
      `${V2}/requests.xml?api_key=${key}&start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open`,
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatch(/<service_requests\/>|<service_requests><\/service_requests>/);
    expect((await geo.get(`${V2}/services/033.xml?jurisdiction_id=city.gov`)).status).toBe(404);
    expect((await geo.get(`${V2}/requests/638344.xml?api_key=${key}`)).status).toBe(404);
  });

  it('needs no cookie or CSRF token, and a JSON create honours Idempotency-Key', async () => {
    const body = new URLSearchParams({
      api_key: key,
      service_code: 'parking',
      address_string: '东门',
      description: '车辆乱停',
    });
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `${V2}/requests.json`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'open311-test-0001' },
        payload: body.toString(),
      });
    const a = await send();
    const b = await send();
    expect(a.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(b.body)[0].service_request_id).toBe(JSON.parse(a.body)[0].service_request_id);
  });

  it('answers junk in every parameter with a 4xx in the spec format, never a 5xx', async () => {
    const junk = [
      '',
      ' ',
      '%00',
      "'; drop table x;--",
      '9'.repeat(40),
      '-1',
      '1e309',
      'é\u0001',
      '2026-13-45',
      ',,,',
      '[]',
    ];
    const enc = encodeURIComponent;
    for (const v of junk) {
      for (const url of [
        `${V2}/requests.json?api_key=${key}&service_request_id=${enc(v)}`,
        `${V2}/requests.xml?api_key=${key}&status=${enc(v)}&service_code=${enc(v)}`,
        `${V2}/requests.json?api_key=${key}&start_date=${enc(v)}&end_date=${enc(v)}`,
        `${V2}/requests.json?api_key=${key}&jurisdiction_id=${enc(v)}`,
        `${V2}/requests/${enc(v)}.json?api_key=${key}`,
        `${V2}/tokens/${enc(v)}.xml?api_key=${key}`,
        `${V2}/services/${enc(v)}.json`,
        `${V2}/servicerequestupdates.json?api_key=${key}&start_date=${enc(v)}`,
        `${V2}/requests.json?api_key=${enc(v)}`,
      ]) {
        const r = await geo.get(url);
        expect(r.status, `${url} → ${r.body}`).toBeLessThan(500);
      }
      for (const field of ['service_code', 'lat', 'long', 'address_string', 'description', 'attribute[title]']) {
        const r = await geo.post(`${V2}/requests.json`, {
          api_key: key,
          service_code: 'repair',
          address_string: 'x',
          [field]: v,
        });
        expect(r.status, `${field}=${v} → ${r.body}`).toBeLessThan(500);
        if (r.status >= 400) expect(r.json[0]).toMatchObject({ code: r.status });
      }
    }
    const huge = await geo.post(`${V2}/requests.json`, {
      api_key: key,
      service_code: 'repair',
      address_string: 'x',
      description: '长'.repeat(5000),
    });
    expect(huge.status).toBe(400);
    const broken = await t.app.inject({
      method: 'POST',
      url: `${V2}/requests.json`,
      headers: { 'content-type': 'application/json' },
      payload: '{"api_key":',
    });
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(broken.body)[0]).toMatchObject({ code: 400 });
  });
});
