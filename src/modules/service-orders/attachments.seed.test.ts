import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { demoDatabase } from '../../test/db.js';
import { ensureDemoPhotos } from './attachments.seed.js';
import { sniffType } from './attachments.sniff.js';
import { LocalStore } from './attachments.store.js';
import { orderAttachments, orderEvents, serviceOrders } from './schema.js';

/** The demo photos (attachments.seed.ts): rows at seed time, bytes put in the store when the server starts. */
let database: Database;
let release: (() => Promise<void>) | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-demo-photos-'));
beforeAll(async () => {
  ({ database, release } = await demoDatabase());
});
afterAll(async () => {
  await release?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo photos', () => {
  it('sit on the demo resident’s reports and on resolved orders, each linked to an attach event that keeps the timeline consistent', async () => {
    const db = database.db;
    const rows = await db.select().from(orderAttachments);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.some((r) => r.stage === 'resolve')).toBe(true);
    const [resident] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'resident'));
    const mine = await db
      .select({ id: serviceOrders.id })
      .from(serviceOrders)
      .where(eq(serviceOrders.reporterAccountId, resident!.id));
    expect(rows.filter((r) => mine.some((o) => o.id === r.orderId)).length).toBeGreaterThan(0);
    const orderIds = [...new Set(rows.map((r) => r.orderId))];
    const events = await db
      .select()
      .from(orderEvents)
      .where(inArray(orderEvents.orderId, orderIds))
      .orderBy(asc(orderEvents.orderId), asc(orderEvents.at), asc(orderEvents.id));
    const orders = await db.select().from(serviceOrders).where(inArray(serviceOrders.id, orderIds));
    for (const o of orders) {
      const tl = events.filter((e) => e.orderId === o.id);
      expect(tl[0]!.action).toBe('create');
      expect(tl.at(-1)!.toStatus).toBe(o.status);
      for (let i = 1; i < tl.length; i++)
        expect(tl[i]!.fromStatus, `order ${o.id} step ${i}`).toBe(tl[i - 1]!.toStatus);
    }
    for (const r of rows) expect(events.find((e) => e.id === r.eventId)?.action).toBe('attach');

    // At start the server puts the bytes in the store; every row's hash is then there, and is a real PNG.
    const store = new LocalStore(dir);
    await ensureDemoPhotos(store, db);
    for (const sha of new Set(rows.map((r) => r.sha256))) {
      const file = path.join(dir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha);
      expect(sniffType(fs.readFileSync(file))).toBe('image/png');
    }
  });
});
