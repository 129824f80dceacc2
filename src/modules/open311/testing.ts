import type { InjectOptions } from 'fastify';
import type { Db } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import type { TestApp } from '../../test/app.js';
import type { OrderStatus } from '../service-orders/index.js';
import { serviceOrders } from '../service-orders/schema.js';
import { keyHash, newKey } from './open311.service.js';
import { open311Clients } from './schema.js';

/** A GeoReport v2 client: no cookie, no CSRF header, just the api_key (as an outside system calls it). */
export function geoClient(t: TestApp) {
  const call = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const opts: InjectOptions = { method, url };
    if (form) {
      opts.payload = new URLSearchParams(form).toString();
      opts.headers = { 'content-type': 'application/x-www-form-urlencoded' };
    }
    const res = await t.app.inject(opts);
    let json: unknown = null;
    if (String(res.headers['content-type']).startsWith('application/json')) json = JSON.parse(res.body);
    return {
      status: res.statusCode,
      body: res.body,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the spec's JSON as a user would
      json: json as any,
      type: String(res.headers['content-type']),
    };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, form: Record<string, string>) => call('POST', url, form),
  };
}

/** The text of every `<name>` element of an XML document, in order (enough to read the spec's flat answers). */
export function xmlTexts(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}>([^<]*)</${name}>|<${name}/>`, 'g');
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(re)].map((m) => unescape(m[1] ?? ''));
}

type Place = { id: number; path: string };

/** An Open311 client of this node, with its sign-in-disabled account (for tests that need one directly). */
export async function makeClient(db: Db, at: Place, name: string) {
  const [acc] = await db
    .insert(accounts)
    .values({
      username: `open311-t${Math.random().toString(36).slice(2, 10)}`,
      displayName: name,
      passwordHash: '!',
      territoryId: at.id,
      disabled: true,
    })
    .returning({ id: accounts.id });
  const key = newKey();
  const [c] = await db
    .insert(open311Clients)
    .values({
      name,
      keyHash: keyHash(key),
      keyPrefix: key.slice(0, 9),
      territoryId: at.id,
      scopePath: at.path,
      accountId: acc!.id,
    })
    .returning();
  return { ...c!, key };
}

/** A problem report at a community (title and description as given), in any state. */
export async function makeOrder(
  db: Db,
  at: Place,
  o: { title: string; description?: string; category?: string; status?: OrderStatus; at?: Date },
) {
  const now = o.at ?? new Date();
  const [row] = await db
    .insert(serviceOrders)
    .values({
      kind: 'problem',
      status: o.status ?? 'submitted',
      category: o.category ?? 'other',
      title: o.title,
      description: o.description ?? null,
      communityId: at.id,
      territoryId: at.id,
      scopePath: at.path,
      respondHours: 24,
      resolveHours: 72,
      respondBy: new Date(now.getTime() + 24 * 3_600_000),
      resolveBy: new Date(now.getTime() + 72 * 3_600_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}
