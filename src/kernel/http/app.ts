import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { mfaRequired } from '../auth/auth.service.js';
import { authenticateSession } from '../auth/session.js';
import { authRoutes } from '../auth/auth.routes.js';
import type { Ctx } from '../context.js';
import { pickLocale, t, type Locale } from '../i18n/i18n.js';
import { every } from '../every.js';
import { registerModule } from '../modules.js';
import { isPermission } from '../rbac/rbac.js';
import { AppError, statusOf, type FieldError } from './errors.js';
import type { App, Deps, GongzhiModule, PendingSetup, RouteEntry } from './types.js';
import { originAllowed, setSecurityHeaders } from './headers.js';
import { throttle } from './throttle.js';
import { audit, auditWrites } from '../audit/audit.js';
import { auditSealer } from '../audit/seal.js';
import { XLSX_MIME } from '../ledger/ledger.js';
import { LSN_COOKIE } from '../db/reads.js';
import { claimIdempotencyKey, settleIdempotencyKey } from './idempotency.js';
import { controlCharacterFields } from './input-guard.js';
import { issueOfFastify, translateIssues } from './validation.js';

import { CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE, secureCookie } from './cookies.js';

export { CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE, secureCookie } from './cookies.js';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The error body every client sees: stable code, translated message, per-field messages; never a stack. */
function errorBody(req: FastifyRequest, code: string, message: string, fields?: FieldError[]) {
  return { code, message, ...(fields && fields.length ? { fields } : {}), requestId: req.id };
}

function sendAppError(req: FastifyRequest, reply: FastifyReply, e: AppError) {
  if (e.code === 'rateLimited' && typeof e.params.retryAfter === 'number')
    reply.header('retry-after', String(e.params.retryAfter));
  const message = t(req.locale, e.reason ?? `error.${e.code}`, e.params);
  return reply.status(statusOf(e.code)).send(errorBody(req, e.code, message, e.fields));
}

/** Maps database errors caused by the input (unique, foreign key, check) to a 409 instead of a 500. */
function dbConflict(e: unknown): AppError | null {
  const code =
    (e as { code?: unknown; cause?: { code?: unknown } }).code ?? (e as { cause?: { code?: unknown } }).cause?.code;
  if (code === '23505') return new AppError('conflict', 'error.duplicate');
  // 23001: ON DELETE RESTRICT (e.g. a territory that accounts are still bound to)
  if (code === '23001' || code === '23503' || code === '23514' || code === '23502') return new AppError('conflict');
  if (['22P02', '22003', '22007', '22008', '22021', '22P05', '54001'].includes(String(code)))
    return new AppError('validation');
  return null;
}

export interface BuildOptions extends Deps {
  modules: readonly GongzhiModule[];
  logger?: FastifyBaseLogger | boolean;
}

/** Builds the HTTP app: kernel hooks and routes, then each module's routes. Does not listen. */
export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config, database, clock } = opts;
  const app = Fastify({
    loggerInstance: typeof opts.logger === 'object' ? opts.logger : undefined,
    logger: typeof opts.logger === 'boolean' ? opts.logger : undefined,
    genReqId: () => randomUUID(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    // Fastify's own request lines carry the query string (phone and ID numbers of searches): our own line below.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', { config, database, clock });
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('pendingSetup', null as unknown as PendingSetup);
  app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
    if (!this.actor) throw new AppError('auth.required');
    return { db: database.db, actor: this.actor, clock, requestId: this.id, ip: this.ip, locale: this.locale };
  });
  // The one place that routes a request's heavy reads to a replica or the primary (kernel/db/reads.ts).
  app.decorateRequest('readCtx', function (this: FastifyRequest): Ctx {
    const ctx = this.ctx();
    const db = database.reads?.pick({ accountId: ctx.actor.accountId, cookieLsn: this.cookies[LSN_COOKIE] });
    return db ? { ...ctx, db } : ctx;
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Gongzhi 共治 API',
        description: 'Party-building-led grassroots governance. Conventions: docs/API.md.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Every /api route must declare who may call it; a route that forgets cannot start.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    if (route.config?.keyAuthenticated && access !== 'public')
      throw new Error(`route ${route.method} ${route.url} is key-authenticated, so its access must be public`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        routeTable.push({ method, url: route.url, access, schema: route.schema as RouteEntry['schema'] });
    const named = typeof access === 'object' ? ('permission' in access ? [access.permission] : access.anyOf) : [];
    for (const p of named) {
      if (!isPermission(p)) throw new Error(`route ${route.method} ${route.url} names unknown permission ${p}`);
    }
  });

  app.addHook('onSend', async (req, reply) => setSecurityHeaders(req, reply));
  // One line per answered request: the route pattern and path without the query string, never a body (issue 18).
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? null,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        account: req.actor?.accountId ?? null,
      },
      'request completed',
    );
  });

  app.addHook('onRequest', async (req, reply) => {
    req.pendingSetup = { mustChangePassword: false, totpRequired: false };
    req.locale = pickLocale(req.cookies[LANG_COOKIE], req.headers['accept-language']);
    const existing = req.cookies[CSRF_COOKIE];
    req.csrfToken = existing && /^[\w-]{20,100}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
    if (req.csrfToken !== existing) {
      reply.setCookie(CSRF_COOKIE, req.csrfToken, {
        path: '/',
        sameSite: 'lax',
        secure: secureCookie(app.deps, req),
        httpOnly: false,
      });
    }
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const auth = await authenticateSession(database, config, clock, token);
      if (auth) {
        req.actor = auth.actor;
        req.pendingSetup = {
          mustChangePassword: auth.account.mustChangePassword,
          totpRequired: mfaRequired(config, auth.account),
        };
        // A saved English preference applies when no cookie says otherwise; the column defaults to zh-CN for
        // everyone, so it must not hide the browser's Accept-Language (docs/API.md: cookie, header, zh-CN).
        if (!req.cookies[LANG_COOKIE] && auth.account.locale === 'en-US') req.locale = 'en-US';
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
  });

  // Before validation: an anonymous or forged request learns nothing about the body rules.
  app.addHook('preValidation', async (req) => {
    const cfg = req.routeOptions.config;
    const access = cfg?.access;
    if (!access) return; // non-API routes (static files, docs)
    if (UNSAFE.has(req.method) && !cfg.keyAuthenticated) {
      if (!originAllowed(req, config)) throw new AppError('forbidden', 'error.auth.origin');
      const header = req.headers['x-csrf-token'];
      const sent = typeof header === 'string' ? header : '';
      const cookieToken = req.cookies[CSRF_COOKIE] ?? '';
      if (!sameToken(sent, cookieToken)) throw new AppError('auth.csrf');
    }
    if (access === 'public') return;
    const actor = req.actor;
    if (!actor) throw new AppError('auth.required');
    if (!cfg.duringSetup) {
      if (req.pendingSetup.mustChangePassword) throw new AppError('auth.passwordChangeRequired');
      if (req.pendingSetup.totpRequired) throw new AppError('forbidden', 'error.auth.totpSetupRequired');
    }
    if (typeof access === 'object') {
      const ok =
        'permission' in access
          ? actor.permissions.has(access.permission)
          : access.anyOf.some((p) => actor.permissions.has(p));
      if (!ok) throw new AppError('forbidden');
    }
  });

  // After access: every string of every body, query and path parameter is free of control characters (016).
  app.addHook('preValidation', async (req) => {
    if (!req.routeOptions.config?.access) return;
    const fields = controlCharacterFields({ body: req.body, query: req.query, params: req.params }, req.locale);
    if (fields.length) throw new AppError('validation', undefined, {}, fields);
  });

  // After validation (the body is parsed and sane): the route's request limits, unless switched off (tests).
  app.addHook('preHandler', async (req) => {
    const rules = req.routeOptions.config?.throttle;
    if (rules?.length && config.RATE_LIMITS) await throttle(database.db, clock, req, rules);
  });
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.config?.idempotent) return claimIdempotencyKey(database.db, clock, req, reply);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.idempotency) await settleIdempotencyKey(database.db, req, reply.statusCode, payload);
    return payload;
  });

  /**
   * Refused requests of a signed-in account (403, or 404 on records outside its subtree) are audited, each in its
   * own transaction: probing other people's records leaves a trace (issue 18, point 6). Never fails the answer.
   */
  const auditRefusal = async (req: FastifyRequest, e: AppError) => {
    if (!req.actor || !req.url.startsWith('/api/') || (e.code !== 'forbidden' && e.code !== 'notFound')) return;
    const actor = req.actor;
    try {
      await database.db.transaction((tx) =>
        audit(
          tx,
          { actor, clock, requestId: req.id, ip: req.ip },
          {
            action: 'request.refused',
            objectType: 'request',
            objectId: null,
            scopePath: actor.scopePath,
            after: { method: req.method, route: req.routeOptions.url ?? null, status: statusOf(e.code), code: e.code },
          },
        ),
      );
    } catch (auditError) {
      req.log.error({ err: auditError }, 'could not audit a refused request');
    }
  };

  // Downloads of lists (xlsx exports) by a signed-in account are audited (templates are not: they hold no data).
  app.addHook('onSend', async (req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!req.actor || req.method !== 'GET' || reply.statusCode !== 200 || !type.startsWith(XLSX_MIME)) return payload;
    if (/\/template\.xlsx$/.test(req.routeOptions.url ?? '')) return payload;
    const actor = req.actor;
    await database.db.transaction((tx) =>
      audit(
        tx,
        { actor, clock, requestId: req.id, ip: req.ip },
        {
          action: 'export.download',
          objectType: 'export',
          objectId: null,
          scopePath: actor.scopePath,
          after: { route: req.routeOptions.url ?? null, filters: Object.keys((req.query as object | undefined) ?? {}) },
        },
      ),
    );
    return payload;
  });

  // Read-your-writes with replicas (decision 050): a write that succeeded leaves the primary's WAL position after it
  // in a cookie (and this process's note of the account), so the caller's next reads wait for a replica that has
  // replayed it. Last onSend hook: the idempotency record and the export audit are written before it. The cookie
  // plugin has written its headers already, so the cookie is appended to them here.
  const reads = database.reads;
  if (reads) {
    app.addHook('onSend', async (req, reply, payload) => {
      if (!UNSAFE.has(req.method) || reply.statusCode >= 400 || !req.url.startsWith('/api/')) return payload;
      const lsn = await reads.primaryLsn().catch(() => null);
      if (!lsn) return payload;
      reads.noteWrite(req.actor?.accountId, lsn);
      const prev = reply.getHeader('set-cookie');
      const cookies = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)];
      const cookie = app.serializeCookie(LSN_COOKIE, lsn, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: secureCookie(app.deps, req),
        maxAge: reads.opts.afterWriteSeconds,
      });
      reply.header('set-cookie', [...cookies, cookie]);
      return payload;
    });
  }

  app.setErrorHandler(async (err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      await auditRefusal(req, err);
      return sendAppError(req, reply, err);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map(issueOfFastify);
      const prefix = err.validationContext === 'body' ? '' : (err.validationContext ?? '');
      return sendAppError(
        req,
        reply,
        new AppError('validation', undefined, {}, translateIssues(issues, req.locale, prefix)),
      );
    }
    const fe = err as FastifyError;
    if (
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (fe.statusCode === 400 && err instanceof SyntaxError)
    ) {
      return sendAppError(req, reply, new AppError('validation', 'validation.json'));
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendAppError(req, reply, new AppError('payloadTooLarge'));
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendAppError(req, reply, new AppError('unsupportedMediaType'));
    const conflict = dbConflict(err);
    if (conflict) {
      req.log.info({ err }, 'input rejected by a database constraint');
      return sendAppError(req, reply, conflict);
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendAppError(
        req,
        reply,
        new AppError(fe.statusCode === 404 ? 'notFound' : fe.statusCode === 429 ? 'rateLimited' : 'validation'),
      );
    }
    if (isResponseSerializationError(err))
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    else req.log.error({ err }, 'unhandled error');
    return sendAppError(req, reply, new AppError('internal'));
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(authRoutes);
  for (const mod of opts.modules) registerModule(mod);
  for (const mod of opts.modules) mod.setup?.();
  const running: { stop(): void }[] = [];
  // The audit chain is sealed after commit (decision 052): every few seconds, and soon after a request that audited.
  const sealing = config.NODE_ENV !== 'test' && config.AUDIT_SEAL_SECONDS > 0;
  const sealer = auditSealer(
    () => opts.database.db,
    (e) => app.log.error({ err: e }, 'audit seal pass failed'),
  );
  let auditsSeen = auditWrites.count;
  if (sealing)
    app.addHook('onResponse', async () => {
      if (auditWrites.count === auditsSeen) return;
      auditsSeen = auditWrites.count;
      sealer.nudge();
    });
  app.addHook('onReady', async () => {
    if (config.NODE_ENV === 'test') return;
    if (sealing)
      running.push(
        every(config.AUDIT_SEAL_SECONDS, sealer.pass, (e) => app.log.error({ err: e }, 'audit seal pass failed')),
      );
    for (const mod of opts.modules)
      for (const s of mod.schedulers ?? []) {
        const seconds = s.seconds(config);
        if (seconds > 0)
          running.push(
            every(
              seconds,
              () => s.pass({ db: opts.database.db, clock: opts.clock, config }),
              (e) => app.log.error({ err: e }, `${s.name} pass failed`),
            ),
          );
      }
  });
  app.addHook('onClose', async () => {
    for (const r of running.splice(0)) r.stop();
    await sealer.stop();
  });
  for (const mod of opts.modules) {
    if (mod.routes) await app.register(async (scoped) => mod.routes!(scoped.withTypeProvider<ZodTypeProvider>()));
  }

  const webDir = path.resolve(config.WEB_DIR);
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt console is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || !hasWeb || req.method !== 'GET') {
      return sendAppError(req, reply, new AppError('notFound'));
    }
    return reply.type('text/html').sendFile('index.html'); // the console's client-side routes
  });
  return app;
}

export type { Locale };
