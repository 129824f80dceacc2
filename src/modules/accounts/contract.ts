import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { ROLES } from '../../kernel/rbac/rbac.js';
import { TERRITORY_LEVELS } from '../../kernel/territory-levels.js';

export const RoleKey = z.enum(ROLES);

export const Account = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  territory: z.object({ id: z.number().int(), name: z.string(), level: z.enum(TERRITORY_LEVELS) }),
  disabled: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});
export type Account = z.infer<typeof Account>;

export const AccountListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  role: RoleKey.optional(),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;

const Username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9_.-]+$/);

export const CreateAccount = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  roles: z.array(RoleKey).max(12).default([]),
  territoryId: z.number().int().positive(),
});
export type CreateAccount = z.infer<typeof CreateAccount>;

export const UpdateAccount = z
  .object({
    displayName: z.string().trim().min(1).max(64).optional(),
    roles: z.array(RoleKey).max(12).optional(),
    territoryId: z.number().int().positive().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UpdateAccount = z.infer<typeof UpdateAccount>;

export const ResetPassword = z.object({ password: z.string().min(1).max(256) });

export const Grant = z.object({
  id: z.number().int(),
  kind: z.enum(['grant', 'resetPassword']),
  state: z.enum(['pending', 'approved', 'rejected']),
  account: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
  beforeRoles: z.array(z.string()),
  roles: z.array(z.string()).nullable(),
  territory: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  requestedBy: z.object({ id: z.number().int(), displayName: z.string() }),
  decidedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});
/** A change that waits for a second admin (202). */
export const Pending = z.object({ pending: Grant });

export const GrantListQuery = PageQuery.extend({
  state: z.enum(['pending', 'approved', 'rejected']).optional(),
  accountId: z.coerce.number().int().positive().optional(),
});
export type GrantListQuery = z.infer<typeof GrantListQuery>;
