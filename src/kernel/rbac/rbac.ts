import type { TerritoryLevel } from '../db/schema.js';

/** The roles of SPEC "Who uses it". The three 等保 admin roles are kept apart (see `assertRolesCompatible`). */
export const ROLES = [
  'resident',
  'partyMember',
  'gridWorker',
  'communityStaff',
  'communitySecretary',
  'streetAdmin',
  'districtAdmin',
  'cityAdmin',
  'unitContact',
  'sysAdmin',
  'securityAdmin',
  'auditAdmin',
] as const;
export type Role = (typeof ROLES)[number];

/** System, security and audit administration are separated duties (等保 三员分立). */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['sysAdmin', 'securityAdmin', 'auditAdmin'];

export interface Label {
  'zh-CN': string;
  'en-US': string;
}

export const ROLE_LABELS: Record<Role, Label> = {
  resident: { 'zh-CN': '居民', 'en-US': 'Resident' },
  partyMember: { 'zh-CN': '党员', 'en-US': 'Party member' },
  gridWorker: { 'zh-CN': '网格员', 'en-US': 'Grid worker' },
  communityStaff: { 'zh-CN': '社区工作者', 'en-US': 'Community staff' },
  communitySecretary: { 'zh-CN': '社区书记', 'en-US': 'Community secretary' },
  streetAdmin: { 'zh-CN': '街道管理员', 'en-US': 'Street admin' },
  districtAdmin: { 'zh-CN': '区县管理员', 'en-US': 'District admin' },
  cityAdmin: { 'zh-CN': '市级管理员', 'en-US': 'City admin' },
  unitContact: { 'zh-CN': '共建单位联络人', 'en-US': 'Unit contact' },
  sysAdmin: { 'zh-CN': '系统管理员', 'en-US': 'System admin' },
  securityAdmin: { 'zh-CN': '安全管理员', 'en-US': 'Security admin' },
  auditAdmin: { 'zh-CN': '审计管理员', 'en-US': 'Audit admin' },
};

export interface PermissionDef {
  /** `resource.action` */
  key: string;
  label: Label;
  /** Roles that hold it. */
  roles: readonly Role[];
  /** Levels of the account's node where it makes sense (informational; the scope rule does the limiting). */
  levels?: readonly TerritoryLevel[];
  /** Reads residents' personal data: never granted to the separated admin roles. */
  personalData?: boolean;
}

const registry = new Map<string, PermissionDef>();
/** permissionsOf per set of roles, kept until the registry grows: the request path reads it (decision 031). */
const granted = new Map<string, ReadonlySet<string>>();

/** Adds permissions to the one registry; refuses duplicates and personal-data grants to admin roles. */
export function registerPermissions(defs: readonly PermissionDef[]): void {
  for (const def of defs) {
    if (!/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(def.key)) throw new Error(`bad permission key ${def.key}`);
    const existing = registry.get(def.key);
    if (existing && existing !== def) throw new Error(`permission ${def.key} registered twice`);
    if (def.personalData && def.roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r))) {
      throw new Error(`permission ${def.key} reads personal data and cannot go to an admin role`);
    }
    if (!existing) granted.clear();
    registry.set(def.key, def);
  }
}

export function allPermissions(): PermissionDef[] {
  return [...registry.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function isPermission(key: string): boolean {
  return registry.has(key);
}

/** The permissions the given roles hold, read from the registry on every request. */
export function permissionsOf(roles: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const def of registry.values()) if (def.roles.some((r) => roles.includes(r))) out.add(def.key);
  return out;
}

/** The permissions the given roles hold, as one shared read-only set per distinct list of roles. */
export function grantedTo(roles: readonly string[]): ReadonlySet<string> {
  const key = roles.join(',');
  let set = granted.get(key);
  if (!set) {
    set = permissionsOf(roles);
    granted.set(key, set);
  }
  return set;
}

export function rolePermissions(role: Role): string[] {
  return allPermissions()
    .filter((p) => p.roles.includes(role))
    .map((p) => p.key);
}

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

/** Returns a message key when the role set breaks separation of duties, else null. */
export function roleConflict(roles: readonly Role[]): string | null {
  const admins = roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r));
  if (admins.length > 1) return 'account.adminRolesSeparated';
  if (admins.length === 1 && roles.length > 1) return 'account.adminRoleAlone';
  return null;
}
