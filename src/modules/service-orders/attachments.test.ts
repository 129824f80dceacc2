import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { chunk, demoPhoto } from './attachments.png.js';
import { contentDisposition } from './attachments.service.js';
import { orderAttachments } from './schema.js';
import { makeMember, makeUnit } from './testing.js';

/** Photos and files on orders (issue 5 item 6): typed by content, size-limited, stored by hash, served by visibility. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let staff: Signed,
  resident: Signed,
  neighbour: Signed,
  otherStaff: Signed,
  streetA: Signed,
  streetB: Signed,
  contact: Signed,
  member: Signed;
let unitId: number;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-attach-'));
const LIMIT = 1024 * 1024;

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;

beforeAll(async () => {
  t = await testApp({ DATA_DIR: dataDir, FILE_MAX_BYTES: String(LIMIT) });
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  otherStaff = await t.as(['communityStaff'], A2().community.id);
  streetA = await t.as(['streetAdmin'], tree.streetA.street.id);
  streetB = await t.as(['streetAdmin'], tree.streetB.street.id);
  resident = await t.as(['resident'], A1().household.id);
  neighbour = await t.as(['resident'], A2().household.id);
  contact = await t.as(['unitContact'], A1().community.id);
  member = await t.as(['partyMember'], A1().community.id);
  unitId = (await makeUnit(t.db, A1().community, '文亭物业', contact.account.id)).id;
  await makeMember(t.db, A1().community, '王党员', member.account.id);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Part {
  name: string;
  bytes: Buffer;
  type?: string;
}
/** A multipart/form-data body as a browser sends it. */
function multipart(files: Part[], fields: Record<string, string> = {}) {
  const boundary = `----gongzhi${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function upload(c: Client, orderId: number, files: Part[], fields: Record<string, string> = {}) {
  if (!c.cookies.has('gz_csrf')) await c.get('/api/auth/csrf');
  const mp = multipart(files, fields);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/orders/${orderId}/attachments`,
    headers: {
      'content-type': mp.contentType,
      cookie: cookieOf(c),
      'x-csrf-token': c.cookies.get('gz_csrf') ?? '',
      ...(c.lang ? { 'accept-language': c.lang } : {}),
    },
    payload: mp.payload,
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

async function download(c: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookieOf(c) } });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
}

async function report(c: Client = resident) {
  const res = await c.post('/api/orders', {
    kind: 'problem',
    category: 'repair',
    title: '楼道灯坏了',
    territoryId: A1().household.id,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

const PHOTO = demoPhoto(1);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('upload and download', () => {
  it('the reporter adds a photo and a PDF; the bytes come back identical, typed by content, with the Chinese name', async () => {
    const order = await report();
    const up = await upload(resident, order.id, [
      { name: '楼道照片.png', bytes: PHOTO, type: 'application/octet-stream' },
      { name: '说明.pdf', bytes: PDF, type: 'text/plain' },
    ]);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.items).toHaveLength(2);
    expect(up.body.items[0]).toMatchObject({
      orderId: order.id,
      stage: 'report',
      name: '楼道照片.png',
      mime: 'image/png',
      size: PHOTO.length,
      uploader: { id: resident.account.id },
    });
    expect(up.body.items[1]).toMatchObject({ name: '说明.pdf', mime: 'application/pdf', size: PDF.length });

    const photo = await download(resident, up.body.items[0].url);
    expect(photo.status).toBe(200);
    expect(photo.bytes.equals(PHOTO)).toBe(true);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.headers['content-disposition']).toBe(
      `inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('楼道照片.png')}`,
    );
    const pdf = await download(staff, `${up.body.items[1].url}?download=1`);
    expect(pdf.bytes.equals(PDF)).toBe(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^attachment; /);

    // Stored once, by hash, under DATA_DIR/files/ab/cd/<hash>.
    const sha = up.body.items[0].sha256 as string;
    expect(fs.readFileSync(path.join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha)).equals(PHOTO)).toBe(
      true,
    );

    // The order detail lists them; the timeline has one 'attach' event they link to; audited.
    const detail = (await resident.get(`/api/orders/${order.id}`)).body;
    expect(detail.attachments.map((a: { name: string }) => a.name)).toEqual(['楼道照片.png', '说明.pdf']);
    const ev = detail.timeline.find((e: { action: string }) => e.action === 'attach');
    expect(ev).toMatchObject({ actor: { id: resident.account.id }, data: { stage: 'report' } });
    expect(detail.attachments[0].eventId).toBe(ev.id);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.objectType, 'serviceOrder'),
          eq(auditLog.objectId, String(order.id)),
          eq(auditLog.action, 'order.attach'),
        ),
      );
    expect(audits).toHaveLength(1);
  });

  it('stores photos without their metadata: the GPS position and the owner written by the phone never reach the disk', async () => {
    const order = await report();
    const clean = demoPhoto(3);
    const tagged = Buffer.concat([
      clean.subarray(0, 33),
      chunk('tEXt', Buffer.from('GPS\x0036.6171N 101.7782E 张三', 'utf8')),
      clean.subarray(33),
    ]);
    const up = await upload(resident, order.id, [{ name: '现场.png', bytes: tagged, type: 'image/png' }]);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.items[0]).toMatchObject({ size: clean.length });
    const back = await download(resident, up.body.items[0].url);
    expect(back.bytes.equals(clean)).toBe(true);
    const sha = up.body.items[0].sha256 as string;
    expect(
      fs.readFileSync(path.join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha)).includes(Buffer.from('GPS')),
    ).toBe(false);
  });

  it('refuses a file whose content is not an allowed type, whatever its name and declared type — per file, nothing kept', async () => {
    const order = await report();
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    const res = await upload(resident, order.id, [
      { name: 'ok.png', bytes: PHOTO, type: 'image/png' },
      { name: '现场.jpg', bytes: html, type: 'image/jpeg' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.fields).toEqual([
      { field: 'files.1', message: expect.stringContaining('「现场.jpg」不是允许的类型') },
    ]);
    expect(await t.db.select().from(orderAttachments).where(eq(orderAttachments.orderId, order.id))).toEqual([]);

    resident.lang = 'en-US';
    const en = await upload(resident, order.id, [
      { name: 'x.jpg', bytes: Buffer.from('MZ\x90\x00not really'), type: 'image/jpeg' },
    ]);
    resident.lang = undefined;
    expect(en.status).toBe(400);
    expect(en.body.fields[0].message).toContain('“x.jpg” is not an accepted type');
  });

  it('refuses a file over the size limit with 413 and a clear message; just under it passes', async () => {
    const order = await report();
    const big = Buffer.concat([PHOTO, Buffer.alloc(LIMIT + 1 - PHOTO.length)]);
    const res = await upload(resident, order.id, [{ name: '大照片.png', bytes: big }]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payloadTooLarge', message: '文件「大照片.png」超过大小上限 1 MB' });
    expect(await t.db.select().from(orderAttachments).where(eq(orderAttachments.orderId, order.id))).toEqual([]);
    // Larger than the app's 2 MB JSON body limit does not matter; the file limit is what counts.
    const fits = Buffer.concat([PHOTO, Buffer.alloc(LIMIT - PHOTO.length)]);
    expect((await upload(resident, order.id, [{ name: 'ok.png', bytes: fits }])).status).toBe(201);
  });

  it('refuses an upload that is not multipart, or has no file, or too many files', async () => {
    const order = await report();
    const json = await resident.post(`/api/orders/${order.id}/attachments`, { files: [] });
    expect(json.status).toBe(400);
    expect((await upload(resident, order.id, [], { stage: 'report' })).status).toBe(400);
    const many = await upload(
      resident,
      order.id,
      Array.from({ length: 10 }, (_, i) => ({ name: `${i}.png`, bytes: PHOTO })),
    );
    expect(many.status).toBe(413);
  });
});

describe('who may see and add', () => {
  it('a resident of another household, staff outside the subtree and another street get 404; staff above see it', async () => {
    const order = await report();
    const up = await upload(resident, order.id, [{ name: 'a.png', bytes: PHOTO }]);
    const url = up.body.items[0].url as string;
    for (const c of [neighbour, otherStaff, streetB, contact, member]) {
      expect((await download(c, url)).status).toBe(404);
      expect((await upload(c, order.id, [{ name: 'b.png', bytes: PHOTO }])).status).toBe(404);
    }
    expect((await download(staff, url)).status).toBe(200);
    expect((await download(streetA, url)).status).toBe(200);
    // Another order's id with this attachment's id: not found.
    const other = await report();
    expect((await download(resident, `/api/orders/${other.id}/attachments/${up.body.items[0].id}`)).status).toBe(404);
    expect((await download(resident, `/api/orders/${order.id}/attachments/999999`)).status).toBe(404);
    // Anonymous: 401.
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('the handler adds photos of the work (stage resolve) and can see the reporter’s; stages are checked by role', async () => {
    const order = await report();
    await upload(resident, order.id, [{ name: '报修.png', bytes: PHOTO }]);
    expect((await staff.post(`/api/orders/${order.id}/dispatch`, { target: 'unit', unitId })).status).toBe(200);
    // Dispatched, not yet accepted: the unit sees it but has nothing to show yet.
    expect((await upload(contact, order.id, [{ name: 'x.png', bytes: PHOTO }])).status).toBe(409);
    expect((await contact.post(`/api/orders/${order.id}/accept`, {})).status).toBe(200);
    const done = await upload(contact, order.id, [{ name: '修好了.png', bytes: demoPhoto(2) }]);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.items[0].stage).toBe('resolve');
    const wrong = await upload(contact, order.id, [{ name: 'x.png', bytes: PHOTO }], { stage: 'report' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields[0].field).toBe('stage');
    const detail = (await contact.get(`/api/orders/${order.id}`)).body;
    expect(detail.attachments.map((a: { stage: string }) => a.stage)).toEqual(['report', 'resolve']);
    expect((await download(contact, detail.attachments[0].url)).status).toBe(200);
    // Staff may file under any stage.
    expect(
      (await upload(staff, order.id, [{ name: '核查.pdf', bytes: PDF }], { stage: 'other' })).body.items[0].stage,
    ).toBe('other');

    expect((await contact.post(`/api/orders/${order.id}/resolve`, { note: '已更换灯泡' })).status).toBe(200);
    expect((await resident.post(`/api/orders/${order.id}/rate`, { rating: 'satisfied' })).status).toBe(200);
    // Finished: the reporter can no longer add photos.
    const late = await upload(resident, order.id, [{ name: 'late.png', bytes: PHOTO }]);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('conflict');
  });

  it('a party member who only sees an open micro-wish may not add photos to it', async () => {
    const wish = (
      await resident.post('/api/orders', {
        kind: 'microWish',
        category: 'elderly',
        title: '想要一副老花镜',
        territoryId: A1().household.id,
      })
    ).body;
    expect((await staff.post(`/api/orders/${wish.id}/dispatch`, { target: 'open' })).status).toBe(200);
    expect((await member.get(`/api/orders/${wish.id}`)).status).toBe(200);
    expect((await upload(member, wish.id, [{ name: 'x.png', bytes: PHOTO }])).status).toBe(403);
  });
});

describe('content disposition', () => {
  it('gives an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('report.pdf', 'inline')).toBe(
      `inline; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition('a"b;c.pdf', 'attachment')).toBe(
      `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf`,
    );
  });
});
