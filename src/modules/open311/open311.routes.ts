import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hit } from '../../kernel/http/throttle.js';
import { AppError } from '../../kernel/http/errors.js';
import type { App } from '../../kernel/http/types.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import { clientNodes, createClient, listClients, revokeClient } from './clients.service.js';
import { FORMATS, type Format } from './constants.js';
import {
  CreateClient,
  CreatedClient,
  DispatchSuggestion,
  IdParams,
  Node,
  Open311Client,
  TrainResult,
} from './contract.js';
import { suggestForOrder, trainDispatchModel } from './dispatch.service.js';
import { audit } from '../../kernel/audit/audit.js';
import {
  clientActor,
  clientOfKey,
  createRequest,
  fromAppError,
  getRequest,
  jurisdictionPath,
  listRequests,
  listServices,
  listUpdates,
  Open311Error,
  parsePostBody,
  parseUpdateBody,
  postUpdate,
  requestOfToken,
  serviceDefinition,
  type Client,
  type ListQuery,
} from './open311.service.js';
import { xmlDocument, xmlList, type XmlNode, type XmlValue } from './xml.js';

const manage = { access: { permission: 'apiClient.manage' } } as const;

/** The /api routes: API keys for the security admin, and the learned dispatch suggestion for dispatchers. */
export async function open311Routes(app: App) {
  app.get(
    '/api/open311/clients',
    { config: manage, schema: { response: { 200: z.array(Open311Client) } } },
    async (req) => listClients(req.ctx()),
  );
  app.post(
    '/api/open311/clients',
    {
      config: { ...manage, throttle: [{ name: 'open311.clientCreate', per: 'actor', limit: 30, windowSeconds: 3600 }] },
      schema: { body: CreateClient, response: { 201: CreatedClient } },
    },
    async (req, reply) => reply.status(201).send(await createClient(req.ctx(), req.body)),
  );
  app.get('/api/open311/nodes', { config: manage, schema: { response: { 200: z.array(Node) } } }, async (req) =>
    clientNodes(req.ctx()),
  );
  app.post(
    '/api/open311/clients/:id/revoke',
    { config: manage, schema: { params: IdParams, response: { 200: Open311Client } } },
    async (req) => revokeClient(req.ctx(), req.params.id),
  );
  app.get(
    '/api/dispatch/orders/:id/suggestion',
    {
      config: { access: { permission: 'dispatch.suggest' } },
      schema: { params: IdParams, response: { 200: DispatchSuggestion } },
    },
    async (req) => suggestForOrder(req.ctx(), req.params.id),
  );
  app.post(
    '/api/dispatch/train',
    {
      config: {
        access: { permission: 'dispatch.train' },
        throttle: [{ name: 'dispatch.train', per: 'actor', limit: 10, windowSeconds: 3600 }],
      },
      schema: { response: { 200: TrainResult } },
    },
    async (req) => {
      const ctx = req.ctx();
      const done = await trainDispatchModel(ctx.db, ctx.clock);
      await ctx.db.transaction((tx) =>
        audit(tx, ctx, {
          action: 'dispatch.train',
          objectType: 'dispatchModel',
          objectId: done?.id ?? null,
          scopePath: ctx.actor.scopePath,
          after: done,
        }),
      );
      return { trained: done !== null, modelId: done?.id ?? null, samples: done?.samples ?? 0 };
    },
  );
  await app.register(geoReportRoutes);
}

const BASE = '/open311/v2';
const CONTENT: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** `requests.json` → json; `033.xml` → ['033', 'xml']; no suffix → json. */
function splitFormat(file: string): [string, Format] {
  const m = /^(.*)\.(json|xml)$/.exec(file);
  return m ? [m[1]!, m[2] as Format] : [file, 'json'];
}
const formatOf = (req: FastifyRequest): Format => splitFormat(req.url.split('?')[0]!)[1];

function send(reply: FastifyReply, fmt: Format, json: unknown, xml: () => string, status = 200) {
  return reply
    .status(status)
    .type(CONTENT[fmt])
    .send(fmt === 'json' ? JSON.stringify(json) : xml());
}

function sendError(req: FastifyRequest, reply: FastifyReply, e: Open311Error) {
  const errors = [{ code: e.status, description: e.description }];
  return send(reply, formatOf(req), errors, () => xmlList('errors', 'error', asXml(errors)), e.status);
}

const asXml = (v: object[]) => v as unknown as XmlValue[];
const Query = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
function query(req: FastifyRequest): Record<string, string> {
  const parsed = Query.safeParse(req.query ?? {});
  if (!parsed.success) return {};
  return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : v]));
}

const clients = new WeakMap<FastifyRequest, { client: Client; path: string }>();
const keyed = (req: FastifyRequest) => {
  const c = clients.get(req);
  if (!c) throw new Open311Error(403, t(req.locale, 'open311.keyRequired'));
  return c;
};

/**
 * GeoReport v2 (wiki.open311.org/GeoReport_v2) with mySociety's servicerequestupdates, outside /api: no session,
 * no CSRF (a client sends no cookie; its api_key is the credential), errors as the spec's list of {code,
 * description}. Discovery and services are public; requests, tokens and updates need an api_key, and see only the
 * key's node; each key is rate-limited in the kernel's database-counted windows.
 */
async function geoReportRoutes(app: App) {
  const { config, database, clock } = app.deps;
  const db = database.db;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  app.setErrorHandler(async (err, req, reply) => {
    if (err instanceof Open311Error) return sendError(req, reply, err);
    if (err instanceof AppError) {
      if (err.code === 'rateLimited' && typeof err.params.retryAfter === 'number')
        reply.header('retry-after', String(err.params.retryAfter));
      return sendError(req, reply, fromAppError(err, req.locale));
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return sendError(req, reply, new Open311Error(status === 413 ? 413 : 400, (err as Error).message));
    req.log.error({ err }, 'open311 request failed');
    return sendError(req, reply, new Open311Error(500, t(req.locale, 'open311.internal')));
  });

  /** The API key of a request (query string, or the form body of a POST): 403 when missing, unknown or revoked. */
  const requireKey = async (req: FastifyRequest) => {
    const q = query(req);
    const body = req.method === 'POST' ? parsePostBody(req.body) : null;
    const key = body?.api_key ?? q.api_key ?? (req.headers['x-api-key'] as string | undefined);
    const jurisdiction = body?.jurisdiction_id ?? q.jurisdiction_id;
    if (!key) throw new Open311Error(403, t(req.locale, 'open311.keyRequired'));
    const client = await clientOfKey(db, key);
    if (!client) {
      // Guessing keys is slowed down per address (the key itself has 256 random bits).
      if (config.RATE_LIMITS) await hit(db, clock, `open311.badKey:ip:${req.ip}`, 20, 600);
      throw new Open311Error(403, t(req.locale, 'open311.badKey'));
    }
    if (config.RATE_LIMITS) await hit(db, clock, `open311.key:${client.id}`, client.perMinute, 60);
    const path = await jurisdictionPath(db, client, jurisdiction, req.locale);
    clients.set(req, { client, path });
    // The client's own account acts: the kernel's idempotency and request log see who it is.
    req.actor = clientActor(client);
  };
  app.addHook('preValidation', async (req) => {
    const url = req.routeOptions.url ?? '';
    if (/\/(requests|tokens|servicerequestupdates)/.test(url)) await requireKey(req);
  });

  const ctxOf = (req: FastifyRequest) => req.ctx();
  const locale = (req: FastifyRequest): Locale => req.locale;

  for (const suffix of ['', ...FORMATS.map((f) => `.${f}`)]) {
    const fmt: Format = suffix === '.xml' ? 'xml' : 'json';

    app.get(`${BASE}/discovery${suffix}`, { schema: { hide: true } }, async (req, reply) => {
      const origin = `${req.protocol}://${req.host}`;
      const doc = {
        changeset: '2026-12-06T00:00:00Z',
        contact: t(locale(req), 'open311.group'),
        key_service: `${origin}/`,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${origin}${BASE}`,
            changeset: '2026-12-06T00:00:00Z',
            type: 'production',
            formats: ['application/json', 'text/xml'],
          },
        ],
      };
      return send(reply, fmt, doc, () =>
        xmlDocument('discovery', {
          ...doc,
          endpoints: {
            item: 'endpoint',
            entries: doc.endpoints.map((e) => ({ ...e, formats: { item: 'format', entries: e.formats } })),
          },
        } as unknown as XmlNode),
      );
    });

    app.get(`${BASE}/services${suffix}`, { schema: { hide: true } }, async (req, reply) => {
      const services = listServices(locale(req));
      return send(reply, fmt, services, () => xmlList('services', 'service', asXml(services)));
    });

    app.get(`${BASE}/requests${suffix}`, { schema: { hide: true } }, async (req, reply) => {
      const { path } = keyed(req);
      const list = await listRequests(ctxOf(req), path, query(req) as ListQuery);
      return send(reply, fmt, list, () => xmlList('service_requests', 'request', asXml(list)));
    });

    app.post(
      `${BASE}/requests${suffix}`,
      { schema: { hide: true }, config: { idempotent: fmt === 'json' } },
      async (req, reply) => {
        const { client } = keyed(req);
        const created = await createRequest(ctxOf(req), client, parsePostBody(req.body));
        return send(reply, fmt, [created], () => xmlList('service_requests', 'request', asXml([created])));
      },
    );

    app.get(`${BASE}/servicerequestupdates${suffix}`, { schema: { hide: true } }, async (req, reply) => {
      const { path } = keyed(req);
      const list = await listUpdates(ctxOf(req), path, query(req) as ListQuery);
      return send(reply, fmt, list, () => xmlList('service_request_updates', 'request_update', asXml(list)));
    });

    app.post(
      `${BASE}/servicerequestupdates${suffix}`,
      { schema: { hide: true }, config: { idempotent: fmt === 'json' } },
      async (req, reply) => {
        const { path } = keyed(req);
        const done = [await postUpdate(ctxOf(req), path, parseUpdateBody(req.body))];
        return send(reply, fmt, done, () => xmlList('service_request_updates', 'request_update', asXml(done)));
      },
    );
  }

  app.get(`${BASE}/services/:file`, { schema: { hide: true } }, async (req, reply) => {
    const [code, fmt] = splitFormat((req.params as { file: string }).file);
    const def = serviceDefinition(code, locale(req));
    return send(reply, fmt, def, () =>
      xmlDocument('service_definition', {
        service_code: def.service_code,
        attributes: {
          item: 'attribute',
          entries: def.attributes.map((a) => ({
            ...a,
            values: a.values ? { item: 'value', entries: a.values } : undefined,
          })),
        },
      } as unknown as XmlNode),
    );
  });

  app.get(`${BASE}/requests/:file`, { schema: { hide: true } }, async (req, reply) => {
    const [id, fmt] = splitFormat((req.params as { file: string }).file);
    const r = await getRequest(ctxOf(req), keyed(req).path, id);
    return send(reply, fmt, [r], () => xmlList('service_requests', 'request', asXml([r])));
  });

  app.get(`${BASE}/tokens/:file`, { schema: { hide: true } }, async (req, reply) => {
    const [token, fmt] = splitFormat((req.params as { file: string }).file);
    const r = await requestOfToken(ctxOf(req), keyed(req).path, token);
    return send(reply, fmt, [r], () => xmlList('service_requests', 'request', asXml([r])));
  });
}
