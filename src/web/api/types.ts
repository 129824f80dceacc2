/**
 * Shapes of the HTTP API as documented in docs/API.md. When modules publish `contract.ts` with zod schemas,
 * these types give way to `z.infer` of those contracts.
 */
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

export interface Account {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  territory: TerritoryRef;
  disabled: boolean;
  locked: boolean;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  actorRoles: string[];
  action: string;
  actionLabel: string;
  objectType: string;
  objectLabel: string;
  objectId: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  requestId: string | null;
}

export interface Territory {
  id: number;
  parentId: number | null;
  level: TerritoryLevel;
  name: string;
  divisionCode: string | null;
  path: string;
  depth: number;
  childCount: number;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export interface TerritoryDetail extends Territory {
  ancestors: TerritoryRef[];
}

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
