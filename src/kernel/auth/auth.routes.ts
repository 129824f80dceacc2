import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, territories, TERRITORY_LEVELS } from '../db/schema.js';
import { CSRF_COOKIE, SESSION_COOKIE, secureCookie } from '../http/cookies.js';
import { AppError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { allPermissions, ROLE_LABELS, ROLES, rolePermissions } from '../rbac/rbac.js';
import { changePassword, login, logout, mfaRequired, setTotpEnabled, setupTotp } from './auth.service.js';

const Label = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export const MeSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  territory: z.object({ id: z.number().int(), name: z.string(), level: z.enum(TERRITORY_LEVELS), path: z.string() }),
  locale: z.string(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
});
const ErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  requestId: z.string(),
});

/** Kernel routes: health, sign-in and session, own password and second factor, the role registry. */
export async function authRoutes(app: App): Promise<void> {
  const { database, config } = app.deps;

  async function me(accountId: number, permissions: ReadonlySet<string>) {
    const [row] = await database.db
      .select({ acc: accounts, terr: territories })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(eq(accounts.id, accountId));
    if (!row) throw new AppError('auth.required');
    const { acc, terr } = row;
    return {
      id: acc.id,
      username: acc.username,
      displayName: acc.displayName,
      roles: acc.roles,
      permissions: [...permissions].sort(),
      territory: { id: terr.id, name: terr.name, level: terr.level, path: terr.path },
      locale: acc.locale,
      mustChangePassword: acc.mustChangePassword,
      totpEnabled: acc.totpEnabled,
      totpRequired: mfaRequired(config, acc),
    };
  }

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['kernel'],
        summary: 'Liveness and engine',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await database.query('select 1');
      return { status: 'ok' as const, db: database.engine };
    },
  );

  app.get(
    '/api/auth/csrf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'CSRF token (also set as cookie gz_csrf)',
        response: { 200: z.object({ csrfToken: z.string() }) },
      },
    },
    async (req) => ({ csrfToken: req.csrfToken }),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password (and TOTP code when enabled)',
        body: z.object({
          username: z.string().trim().min(1).max(64),
          password: z.string().min(1).max(256),
          totpCode: z.string().trim().max(10).optional(),
        }),
        response: { 200: MeSchema, 401: ErrorSchema },
      },
    },
    async (req, reply) => {
      const { token, actor } = await login(database.db, config, app.deps.clock, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        requestId: req.id,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie(app.deps, req),
        maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
      });
      return me(actor.accountId, actor.permissions);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated', duringSetup: true },
      schema: { tags: ['auth'], summary: 'End the session on the server', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await logout(req.ctx());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account, or null (never 401: the console asks before sign-in)',
        response: { 200: z.object({ me: MeSchema.nullable() }) },
      },
    },
    async (req) => ({ me: req.actor ? await me(req.actor.accountId, req.actor.permissions) : null }),
  );

  app.get(
    '/api/auth/password-policy',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The password rules, for forms to state them',
        response: { 200: z.object({ minLength: z.number().int(), minClasses: z.number().int() }) },
      },
    },
    async () => ({ minLength: config.PASSWORD_MIN_LENGTH, minClasses: config.PASSWORD_MIN_CLASSES }),
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated', duringSetup: true },
      schema: { tags: ['auth'], summary: 'The signed-in account', response: { 200: MeSchema } },
    },
    async (req) => me(req.ctx().actor.accountId, req.ctx().actor.permissions),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', duringSetup: true },
      schema: {
        tags: ['auth'],
        summary: 'Change own password',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await changePassword(req.ctx(), config, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'authenticated', duringSetup: true },
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) },
      },
    },
    async (req) => setupTotp(req.ctx()),
  );

  const Code = z.object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  });
  app.post(
    '/api/auth/totp/enable',
    {
      config: { access: 'authenticated', duringSetup: true },
      schema: { tags: ['auth'], summary: 'Enable TOTP with a code', body: Code, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await setTotpEnabled(req.ctx(), req.body.code, true);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/totp/disable',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Disable TOTP with a code', body: Code, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await setTotpEnabled(req.ctx(), req.body.code, false);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/rbac/roles',
    {
      config: { access: 'authenticated', duringSetup: true },
      schema: {
        tags: ['rbac'],
        summary: 'Roles with their labels and permissions',
        response: { 200: z.array(z.object({ key: z.string(), label: Label, permissions: z.array(z.string()) })) },
      },
    },
    async () => ROLES.map((r) => ({ key: r, label: ROLE_LABELS[r], permissions: rolePermissions(r) })),
  );

  app.get(
    '/api/rbac/permissions',
    {
      config: { access: 'authenticated', duringSetup: true },
      schema: {
        tags: ['rbac'],
        summary: 'The permission registry',
        response: { 200: z.array(z.object({ key: z.string(), label: Label, roles: z.array(z.string()) })) },
      },
    },
    async () => allPermissions().map((p) => ({ key: p.key, label: p.label, roles: [...p.roles] })),
  );
}
