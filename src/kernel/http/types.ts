import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Actor, Ctx } from '../context.js';
import type { Database, Db, DbOrTx } from '../db/client.js';
import type { FigureDef } from '../figures.js';
import type { AuditLabels } from '../audit/labels.js';
import type { Locale, MessageBundle } from '../i18n/i18n.js';
import type { PermissionDef } from '../rbac/rbac.js';
import type { ThrottleRule } from './throttle.js';

/**
 * Who may call a route; every /api route must say (the app refuses to start otherwise, and the authorization
 * matrix test enumerates them): `public`, any signed-in account, or one permission from the registry.
 */
export type Access = 'public' | 'authenticated' | { permission: string } | { anyOf: readonly string[] };

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  /** The route's zod schemas (body, querystring, params), for the fuzz test (src/test/fuzz.ts). */
  schema?: { body?: unknown; querystring?: unknown; params?: unknown };
}

export interface PendingSetup {
  mustChangePassword: boolean;
  totpRequired: boolean;
}

export interface Deps {
  config: Config;
  database: Database;
  clock: Clock;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    csrfToken: string;
    /** What a signed-in account must do before it may use anything but /api/auth. */
    pendingSetup: PendingSetup;
    /** The service context of a signed-in request (throws auth.required otherwise). */
    ctx(): Ctx;
    /**
     * The service context for a heavy read (figures, lists, dashboard, map, exports): its `db` is a read replica
     * when DATABASE_READ_URL names one that is up, not lagging and has the caller's last write; else the primary,
     * as `ctx()` (decision 050). Only for reads: a write through it still runs on the primary, but costs a try.
     */
    readCtx(): Ctx;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the account must still change its password or set up a second factor. */
    duringSetup?: boolean;
    /** Request limits of this route (429 + Retry-After past them), counted in the database (throttle.ts). */
    throttle?: readonly ThrottleRule[];
    /** A create that honours the `Idempotency-Key` header (idempotency.ts). */
    idempotent?: boolean;
    /**
     * A machine endpoint that authenticates each request by a key of its own (a sensor gateway's station key) and
     * reads no session: origin and CSRF checks do not apply (no cookie grants it anything). Only with access `public`.
     */
    keyAuthenticated?: boolean;
  }
  interface FastifyInstance {
    deps: Deps;
    /** Every /api route with its declared access, for the authorization matrix. */
    routeTable: RouteEntry[];
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A periodic pass a module runs inside the server (e.g. order time limits, notification digests). */
export interface ModuleScheduler {
  name: string;
  /** Seconds between passes from the configuration; 0 = off. The kernel keeps every scheduler off in tests. */
  seconds: (config: Config) => number;
  /** One pass; passes never overlap (kernel/every.ts). */
  pass: (deps: { db: Db; clock: Clock; config: Config }) => Promise<unknown>;
}

/**
 * What a module plugs into the app (STYLE: module.ts): one object the kernel reads; nothing is registered by an
 * import's side effect.
 */
export interface GongzhiModule {
  name: string;
  /** Its permissions (the kernel adds them to the one registry; the same list twice is fine). */
  permissions?: readonly PermissionDef[];
  /** Its server-side messages (errors, notifications), per locale. */
  messages?: Partial<Record<Locale, MessageBundle>>;
  /** Periodic passes, started when the app is ready and stopped when it closes. */
  schedulers?: readonly ModuleScheduler[];
  /**
   * Connects this module to the modules it depends on, before any route or seed runs: subscriptions to their
   * events, figures handed to their pages (decision 015). Idempotent: it may run once per app built.
   */
  setup?: () => void;
  routes?: (app: App) => void | Promise<void>;
  /** Figures it declares for the dashboard (kernel/figures.ts): counted from its records, with formula and drill-down. */
  figures?: readonly FigureDef[];
  /** How the audit log names its actions and objects (kernel/audit/labels.ts); every audited action needs one. */
  auditLabels?: AuditLabels;
  /**
   * Adds this module's demo data on first start, inside the bootstrap transaction, after the modules before it
   * in src/modules/index.ts (territory and demo accounts come first). Deterministic: same seed, same data.
   */
  seedDemo?: (db: DbOrTx) => Promise<void>;
  /**
   * Runs once after every module's seedDemo: for work on demo data that modules after this one add too (the
   * service orders' points on the map, whichever module seeded the order).
   */
  seedDemoFinal?: (db: DbOrTx) => Promise<void>;
}
