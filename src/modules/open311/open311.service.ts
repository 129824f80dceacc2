import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, notInArray, or, type SQL } from 'drizzle-orm';
import type { Actor, Ctx } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError } from '../../kernel/http/errors.js';
import type { Locale } from '../../kernel/i18n/i18n.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import {
  commentOnOrder,
  createOrder,
  FINISHED,
  orderEvents,
  serviceOrders,
  type OrderStatus,
} from '../service-orders/index.js';
import { SERVICE_CODES, SERVICE_TEXTS, type ServiceCode } from './constants.js';
import { open311Clients, open311Requests } from './schema.js';

/** An error in the spec's shape: the HTTP status is also the error's `code` (GeoReport v2 "Errors"). */
export class Open311Error extends Error {
  constructor(
    public readonly status: number,
    public readonly description: string,
  ) {
    super(description);
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const isService = (c: string): c is ServiceCode => (SERVICE_CODES as readonly string[]).includes(c);

// ---------------------------------------------------------------------------------------------------------------
// API keys
// ---------------------------------------------------------------------------------------------------------------

export type Client = typeof open311Clients.$inferSelect;

/** The client of an API key, or null when the key is unknown or revoked (compared by its SHA-256). */
export async function clientOfKey(db: Db, key: string): Promise<Client | null> {
  if (!/^[\w-]{20,100}$/.test(key)) return null;
  const [c] = await db
    .select()
    .from(open311Clients)
    .where(and(eq(open311Clients.keyHash, sha256(key)), isNull(open311Clients.revokedAt)));
  return c ?? null;
}

/** The actor an Open311 client acts as: its own account, bound to the key's node (so scope rules apply as usual). */
export function clientActor(c: Client): Actor {
  return {
    accountId: c.accountId,
    username: `open311-${c.id}`,
    displayName: c.name,
    roles: [],
    permissions: new Set(),
    territoryId: c.territoryId,
    scopePath: c.scopePath,
    sessionId: '',
  };
}

/** A new key: 32 random bytes, base64url, with the `o311_` prefix. Only its hash is stored. */
export function newKey(): string {
  return `o311_${randomBytes(32).toString('base64url')}`;
}
export const keyHash = sha256;

// ---------------------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------------------

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/** GET services: one service per problem category. */
export function listServices(locale: Locale): Service[] {
  return SERVICE_CODES.map((code) => ({
    service_code: code,
    service_name: SERVICE_TEXTS[code].name[locale],
    description: SERVICE_TEXTS[code].description[locale],
    metadata: true,
    type: 'realtime',
    keywords: SERVICE_TEXTS[code].keywords,
    group: t(locale, 'open311.group'),
  }));
}

export interface Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'text' | 'singlevaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

const FACILITIES = ['streetlight', 'lift', 'pipe', 'gate', 'road'] as const;

/** GET services/{code}: the service definition with its attributes (404 for an unknown code). */
export function serviceDefinition(code: string, locale: Locale): { service_code: string; attributes: Attribute[] } {
  if (!isService(code)) throw new Open311Error(404, t(locale, 'open311.unknownService', { code }));
  const attributes: Attribute[] = [
    {
      variable: true,
      code: 'title',
      datatype: 'string',
      required: false,
      datatype_description: t(locale, 'open311.attr.titleFormat'),
      order: 1,
      description: t(locale, 'open311.attr.title'),
    },
    {
      variable: true,
      code: 'place_detail',
      datatype: 'string',
      required: false,
      datatype_description: t(locale, 'open311.attr.placeFormat'),
      order: 2,
      description: t(locale, 'open311.attr.place'),
    },
  ];
  if (code === 'repair')
    attributes.push({
      variable: true,
      code: 'facility',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: '',
      order: 3,
      description: t(locale, 'open311.attr.facility'),
      values: FACILITIES.map((k) => ({ key: k, name: t(locale, `open311.facility.${k}`) })),
    });
  return { service_code: code, attributes };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------------

/** The fields of a POST requests body (form-encoded or JSON), as strings; `attribute[x]` gathered. */
export interface PostRequest {
  service_code?: string;
  lat?: string;
  long?: string;
  address_string?: string;
  address_id?: string;
  description?: string;
  media_url?: string;
  device_id?: string;
  first_name?: string;
  last_name?: string;
  attributes: Record<string, string>;
}

/** Reads a POST body (form fields or a JSON object) into the spec's fields, `attribute[code]` into attributes. */
export function parsePostBody(body: unknown): PostRequest & { api_key?: string; jurisdiction_id?: string } {
  const out: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, raw] of Object.entries(body as Record<string, unknown>)) {
      const v = Array.isArray(raw) ? raw[0] : raw;
      if (typeof v !== 'string' && typeof v !== 'number') {
        if (k === 'attribute' && v && typeof v === 'object')
          for (const [ak, av] of Object.entries(v as Record<string, unknown>))
            if (typeof av === 'string' || typeof av === 'number') attributes[ak] = String(av);
        continue;
      }
      const m = /^attribute\[([\w-]{1,40})\]$/.exec(k);
      if (m) attributes[m[1]!] = String(v);
      else out[k] = String(v);
    }
  }
  return { ...out, attributes };
}

const MAX = { description: 2000, title: 100, address: 200, attr: 200 };

/** Refuses control characters (as the kernel does for /api, decision 016) and over-long values: 400. */
function clean(locale: Locale, field: string, v: string | undefined, max: number): string | undefined {
  if (v === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v))
    throw new Open311Error(400, t(locale, 'open311.badField', { field }));
  const s = v.trim();
  if (s.length > max) throw new Open311Error(400, t(locale, 'open311.tooLong', { field, max }));
  return s || undefined;
}

export interface Created {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: null;
}

/**
 * POST requests: places a problem report 诉求 through the service-orders face, as the client's account, so it
 * follows the normal loop (dispatch, handling, rating). A location is required: lat/long, address_string or
 * address_id (400 otherwise); an unknown service code is 404.
 */
export async function createRequest(ctx: Ctx, client: Client, req: PostRequest): Promise<Created> {
  const L = ctx.locale;
  const code = clean(L, 'service_code', req.service_code, 40);
  if (!code) throw new Open311Error(400, t(L, 'open311.required', { field: 'service_code' }));
  if (!isService(code)) throw new Open311Error(404, t(L, 'open311.unknownService', { code }));
  const address = clean(L, 'address_string', req.address_string, MAX.address);
  const addressId = clean(L, 'address_id', req.address_id, 40);
  const lat = clean(L, 'lat', req.lat, 30);
  const lng = clean(L, 'long', req.long, 30);
  if ((lat === undefined) !== (lng === undefined))
    throw new Open311Error(400, t(L, 'open311.required', { field: lat === undefined ? 'lat' : 'long' }));
  if (lat === undefined && !address && !addressId) throw new Open311Error(400, t(L, 'open311.locationRequired'));
  let location: { lng: number; lat: number; address: string | null } | null = null;
  if (lat !== undefined && lng !== undefined) {
    const y = Number(lat);
    const x = Number(lng);
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < 73.4 || x > 135.1 || y < 3.8 || y > 53.6)
      throw new Open311Error(400, t(L, 'open311.outsideArea'));
    location = { lng: x, lat: y, address: address ?? null };
  }
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.attributes)) {
    const s = clean(L, `attribute[${k}]`, v, MAX.attr);
    if (s) attributes[k] = s;
  }
  if (code === 'repair' && attributes.facility && !(FACILITIES as readonly string[]).includes(attributes.facility))
    throw new Open311Error(400, t(L, 'open311.badField', { field: 'attribute[facility]' }));
  const description = clean(L, 'description', req.description, MAX.description);
  const media = clean(L, 'media_url', req.media_url, 500);
  if (media) attributes.media_url = media;
  const device = clean(L, 'device_id', req.device_id, 100);
  if (device) attributes.device_id = device;
  if (address) attributes.address_string = address;
  if (addressId) attributes.address_id = addressId;
  const title =
    attributes.title?.slice(0, MAX.title) ?? (description ? description.slice(0, 30) : SERVICE_TEXTS[code].name[L]);
  const body = [description, attributes.place_detail && `${t(L, 'open311.attr.place')}: ${attributes.place_detail}`]
    .filter(Boolean)
    .join('\n');
  const token = randomBytes(16).toString('base64url');
  try {
    const orderId = await ctx.db.transaction(async (tx) => {
      const order = await createOrder(
        { ...ctx, db: tx as unknown as Db },
        {
          kind: 'problem',
          category: code,
          title,
          description: body || null,
          location,
          territoryId: null,
        },
      );
      await tx.insert(open311Requests).values({
        orderId: order.id,
        clientId: client.id,
        token,
        serviceCode: code,
        attributes,
        scopePath: await pathOf(tx as unknown as Db, order.territory.id),
        createdAt: ctx.clock.now(),
      });
      return order.id;
    });
    return { service_request_id: String(orderId), token, service_notice: '', account_id: null };
  } catch (e) {
    if (e instanceof AppError) throw fromAppError(e, L);
    throw e;
  }
}

async function pathOf(db: Db, id: number): Promise<string> {
  const [r] = await db.select({ path: territories.path }).from(territories).where(eq(territories.id, id));
  return r!.path;
}

/** The spec's error for a kernel error the service-orders face threw (a place outside the key's node, a field). */
export function fromAppError(e: AppError, locale: Locale): Open311Error {
  const fields = e.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
  const message = fields || t(locale, e.reason ?? `error.${e.code}`, e.params);
  switch (e.code) {
    case 'validation':
      return new Open311Error(400, message);
    case 'notFound':
      return new Open311Error(400, t(locale, 'open311.outsideArea'));
    case 'forbidden':
      return new Open311Error(403, message);
    case 'rateLimited':
      return new Open311Error(429, message);
    default:
      return new Open311Error(e.code === 'conflict' ? 409 : 500, message);
  }
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** open while the order is being handled, closed once it is resolved, rated, closed, merged or cancelled. */
export const open311Status = (s: OrderStatus): 'open' | 'closed' => (FINISHED.includes(s) ? 'closed' : 'open');

export interface ListQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const DAY = 86_400_000;
const LIMIT = 1000;

function parseDate(locale: Locale, field: string, v: string | undefined): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime()))
    throw new Open311Error(400, t(locale, 'open311.badDate', { field }));
  return d;
}
const csv = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The orders Open311 serves as service requests: problem reports, not the one-window applications 一窗受理 filed as
 * orders (decision 045), which are a resident's own business, not an issue in a public place.
 */
const problemReports = () => [eq(serviceOrders.kind, 'problem'), ne(serviceOrders.origin, 'oneWindow')];

/**
 * GET requests: problem reports in the key's node (and the jurisdiction's, when one is named), filtered as the
 * spec says: ids, service codes, status, dates (90 days back from end_date when no id is named; at most 1000).
 */
export async function listRequests(ctx: Ctx, scopePath: string, q: ListQuery): Promise<ServiceRequest[]> {
  const L = ctx.locale;
  const ids = csv(q.service_request_id);
  if (ids.some((i) => !/^\d{1,9}$/.test(i)))
    throw new Open311Error(400, t(L, 'open311.badField', { field: 'service_request_id' }));
  const codes = csv(q.service_code);
  for (const c of codes) if (!isService(c)) throw new Open311Error(404, t(L, 'open311.unknownService', { code: c }));
  const statuses = csv(q.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed'))
    throw new Open311Error(400, t(L, 'open311.badField', { field: 'status' }));
  let end = parseDate(L, 'end_date', q.end_date);
  let start = parseDate(L, 'start_date', q.start_date);
  if (!ids.length) {
    end ??= start ? new Date(start.getTime() + 90 * DAY) : ctx.clock.now();
    start ??= new Date(end.getTime() - 90 * DAY);
  }
  const o = serviceOrders;
  const where: SQL[] = [inSubtree(o.scopePath, scopePath), ...problemReports()];
  if (ids.length) where.push(inArray(o.id, ids.map(Number)));
  if (codes.length) where.push(inArray(o.category, codes));
  if (start) where.push(gte(o.createdAt, start));
  if (end) where.push(lte(o.createdAt, end));
  if (statuses.length === 1)
    where.push(statuses[0] === 'closed' ? inArray(o.status, [...FINISHED]) : notInArray(o.status, [...FINISHED]));
  return requestsWhere(ctx, and(...where)!);
}

async function requestsWhere(ctx: Ctx, where: SQL): Promise<ServiceRequest[]> {
  const o = serviceOrders;
  const rows = await ctx.db
    .select({ o, community: territories.name, attributes: open311Requests.attributes })
    .from(o)
    .innerJoin(territories, eq(territories.id, o.communityId))
    .leftJoin(open311Requests, eq(open311Requests.orderId, o.id))
    .where(where)
    .orderBy(desc(o.createdAt), desc(o.id))
    .limit(LIMIT);
  const ids = rows.map((r) => r.o.id);
  const notes = new Map<number, string>();
  if (ids.length) {
    const done = await ctx.db
      .select({ orderId: orderEvents.orderId, note: orderEvents.note })
      .from(orderEvents)
      .where(and(inArray(orderEvents.orderId, ids), inArray(orderEvents.action, ['resolve', 'cancel'])))
      .orderBy(asc(orderEvents.at), asc(orderEvents.id));
    for (const d of done) if (d.note) notes.set(d.orderId, d.note);
  }
  return rows.map(({ o: r, community, attributes }) => {
    const status = open311Status(r.status as OrderStatus);
    const code = isService(r.category) ? r.category : 'other';
    return {
      service_request_id: String(r.id),
      status,
      status_notes: status === 'closed' ? (notes.get(r.id) ?? null) : null,
      service_name: SERVICE_TEXTS[code].name[ctx.locale],
      service_code: r.category,
      description: r.description,
      agency_responsible: community,
      service_notice: null,
      requested_datetime: r.createdAt.toISOString(),
      updated_datetime: r.updatedAt.toISOString(),
      expected_datetime: FINISHED.includes(r.status as OrderStatus) ? null : r.resolveBy.toISOString(),
      address: r.address,
      address_id: attributes?.address_id ?? null,
      zipcode: null,
      lat: r.lat,
      long: r.lng,
      media_url: attributes?.media_url ?? null,
    };
  });
}

/** GET requests/{id}: one request in the key's node (404 outside it, as for an unknown id). */
export async function getRequest(ctx: Ctx, scopePath: string, id: string): Promise<ServiceRequest> {
  if (!/^\d{1,9}$/.test(id)) throw new Open311Error(404, t(ctx.locale, 'open311.requestNotFound'));
  const o = serviceOrders;
  const [r] = await requestsWhere(
    ctx,
    and(eq(o.id, Number(id)), ...problemReports(), inSubtree(o.scopePath, scopePath))!,
  );
  if (!r) throw new Open311Error(404, t(ctx.locale, 'open311.requestNotFound'));
  return r;
}

/** GET tokens/{token}: the request id a token stands for, in the key's node. */
export async function requestOfToken(ctx: Ctx, scopePath: string, token: string) {
  const [r] = /^[\w-]{10,60}$/.test(token)
    ? await ctx.db
        .select({ orderId: open311Requests.orderId })
        .from(open311Requests)
        .where(and(eq(open311Requests.token, token), inSubtree(open311Requests.scopePath, scopePath)))
    : [];
  if (!r) throw new Open311Error(404, t(ctx.locale, 'open311.tokenNotFound'));
  return { service_request_id: String(r.orderId), token };
}

export interface RequestUpdate {
  update_id: string;
  service_request_id: string;
  status: 'open' | 'closed';
  updated_datetime: string;
  description: string;
  media_url: string | null;
  external_status_code: string;
}

/** Timeline actions a resident may read about; the note is shown for these only (staff notes stay inside). */
const PUBLIC_NOTES = new Set(['resolve', 'cancel', 'close', 'comment']);

/**
 * GET servicerequestupdates (mySociety's extension): the timelines of the problem reports in the key's node,
 * between start_date and end_date (default: the last 7 days), each event one update with open/closed after it.
 */
export async function listUpdates(ctx: Ctx, scopePath: string, q: ListQuery): Promise<RequestUpdate[]> {
  const L = ctx.locale;
  const end = parseDate(L, 'end_date', q.end_date) ?? ctx.clock.now();
  const start = parseDate(L, 'start_date', q.start_date) ?? new Date(end.getTime() - 7 * DAY);
  const ids = csv(q.service_request_id);
  if (ids.some((i) => !/^\d{1,9}$/.test(i)))
    throw new Open311Error(400, t(L, 'open311.badField', { field: 'service_request_id' }));
  const e = orderEvents;
  const where: SQL[] = [
    inSubtree(serviceOrders.scopePath, scopePath),
    ...problemReports(),
    gte(e.at, start),
    lte(e.at, end),
  ];
  if (ids.length) where.push(inArray(e.orderId, ids.map(Number)));
  const rows = await ctx.db
    .select({ e })
    .from(e)
    .innerJoin(serviceOrders, eq(serviceOrders.id, e.orderId))
    .where(and(...where))
    .orderBy(asc(e.at), asc(e.id))
    .limit(LIMIT);
  return rows.map(({ e: ev }) => {
    const label = t(L, `open311.action.${ev.action}`);
    return {
      update_id: String(ev.id),
      service_request_id: String(ev.orderId),
      status: open311Status((ev.toStatus ?? 'submitted') as OrderStatus),
      updated_datetime: ev.at.toISOString(),
      description: PUBLIC_NOTES.has(ev.action) && ev.note ? `${label}: ${ev.note}` : label,
      media_url: null,
      external_status_code: ev.toStatus ?? '',
    };
  });
}

/** The node a `jurisdiction_id` names inside the key's node (its division code or id); 404 when it names none. */
export async function jurisdictionPath(db: Db, client: Client, jurisdiction: string | undefined, locale: Locale) {
  const s = (jurisdiction ?? '').trim();
  if (!s) return client.scopePath;
  const byId = /^\d{1,9}$/.test(s) ? eq(territories.id, Number(s)) : undefined;
  const [r] = /^[\w.-]{1,40}$/.test(s)
    ? await db
        .select({ path: territories.path })
        .from(territories)
        .where(or(eq(territories.divisionCode, s), byId))
        .limit(1)
    : [];
  const path = r?.path;
  if (!path || !(path.startsWith(client.scopePath) || client.scopePath.startsWith(path)))
    throw new Open311Error(404, t(locale, 'open311.unknownJurisdiction'));
  // A jurisdiction above the key's node is the key's node: a key never reaches beyond it.
  return path.startsWith(client.scopePath) ? path : client.scopePath;
}

/** The states a mySociety client may report with an update (its Open311 updates extension), compared lower-case. */
const UPDATE_STATES = [
  'open',
  'closed',
  'fixed',
  'in_progress',
  'action_scheduled',
  'investigating',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
  'unable_to_fix',
] as const;

/** The fields of a POST servicerequestupdates body (form-encoded or JSON), as strings. */
export interface PostUpdate {
  service_request_id?: string;
  description?: string;
  status?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  title?: string;
  media_url?: string;
  updated_datetime?: string;
  account_id?: string;
}

/** Reads a POST servicerequestupdates body: the same form or JSON reading as for requests. */
export function parseUpdateBody(body: unknown): PostUpdate {
  const { attributes: _attributes, ...fields } = parsePostBody(body);
  return fields as PostUpdate;
}

/**
 * POST servicerequestupdates (mySociety's extension): the client's update becomes a comment event on the order's
 * timeline through the service-orders face (it never moves the order: the loop's moves stay with its handlers; a
 * status the client reports is kept on the comment). The request must be a problem report in the key's node (404
 * otherwise, as for GET requests/{id}); `description` is required; the e-mail address is checked and not stored.
 * Answered as the extension does: one `request_update` with its `update_id`.
 */
export async function postUpdate(ctx: Ctx, scopePath: string, u: PostUpdate): Promise<{ update_id: string }> {
  const L = ctx.locale;
  const id = clean(L, 'service_request_id', u.service_request_id, 20);
  if (!id) throw new Open311Error(400, t(L, 'open311.required', { field: 'service_request_id' }));
  if (!/^\d{1,9}$/.test(id)) throw new Open311Error(404, t(L, 'open311.requestNotFound'));
  const description = clean(L, 'description', u.description, MAX.description);
  if (!description) throw new Open311Error(400, t(L, 'open311.required', { field: 'description' }));
  const status = clean(L, 'status', u.status, 40)?.toLowerCase();
  if (status !== undefined && !(UPDATE_STATES as readonly string[]).includes(status))
    throw new Open311Error(400, t(L, 'open311.badField', { field: 'status' }));
  const email = clean(L, 'email', u.email, 200);
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw new Open311Error(400, t(L, 'open311.badField', { field: 'email' }));
  const name = [clean(L, 'first_name', u.first_name, 50), clean(L, 'last_name', u.last_name, 50)]
    .filter(Boolean)
    .join(' ');
  const media = clean(L, 'media_url', u.media_url, 500);
  if (media !== undefined && !/^https?:\/\//.test(media))
    throw new Open311Error(400, t(L, 'open311.badField', { field: 'media_url' }));
  const reported = parseDate(L, 'updated_datetime', u.updated_datetime);
  const data: Record<string, string> = { channel: 'open311' };
  if (status) data.status = status;
  if (media) data.media_url = media;
  if (reported) data.updated_datetime = reported.toISOString();
  try {
    const done = await commentOnOrder(
      ctx,
      Number(id),
      scopePath,
      { note: description, authorName: name || null, data },
      'problem',
    );
    return { update_id: String(done.eventId) };
  } catch (e) {
    if (e instanceof AppError && e.code === 'notFound') throw new Open311Error(404, t(L, 'open311.requestNotFound'));
    if (e instanceof AppError) throw fromAppError(e, L);
    throw e;
  }
}
