/**
 * Shapes of the HTTP API the console shares. A module's shapes come from its zod contract (`Wire<z.infer<...>>`,
 * imported with `import type` so no server code enters the bundle); what is written out here is the kernel's
 * (session, errors, pages), which has no contract module.
 */
import type { z } from 'zod';
import type * as AccountsContract from '../../modules/accounts/contract';
import type * as AuditContract from '../../modules/audit-log/contract';
import type * as TerritoryContract from '../../modules/territory/contract';

export type { Wire, WireOf, BodyOf } from './wire';
import type { Wire } from './wire';

export type Locale = 'zh-CN' | 'en-US';

export { TERRITORY_LEVELS, type TerritoryLevel } from '../../kernel/territory-levels.js';
import type { TerritoryLevel } from '../../kernel/territory-levels.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

export interface TerritoryRef {
  id: number;
  name: string;
  level: TerritoryLevel;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  territory: TerritoryRef & { path: string };
  locale: Locale;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
}

export interface LocalizedLabel {
  'zh-CN': string;
  'en-US': string;
}

export interface Role {
  key: string;
  label: LocalizedLabel;
  permissions: string[];
}

export type Account = Wire<z.infer<typeof AccountsContract.Account>>;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** An audit record; `before`/`after` are JSON snapshots (the contract says `unknown`). */
export type AuditEntry = Omit<Wire<z.infer<typeof AuditContract.AuditEntry>>, 'before' | 'after'> & {
  before: Json;
  after: Json;
};

export type Territory = Wire<z.infer<typeof TerritoryContract.Territory>>;
export type TerritoryDetail = Wire<z.infer<typeof TerritoryContract.TerritoryDetail>>;

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/** Permission keys the console checks (docs/API.md "Permissions"). */
export type Permission =
  | 'territory.read'
  | 'territory.create'
  | 'territory.update'
  | 'territory.delete'
  | 'audit.read'
  | 'account.read'
  | 'account.create'
  | 'account.update'
  | 'account.assignRoles'
  | 'account.unlock'
  | 'account.resetPassword';
