import type { Clock } from './clock.js';
import type { Db } from './db/client.js';
import type { Locale } from './i18n/i18n.js';
import type { Role } from './rbac/rbac.js';

/** Who is acting: loaded from the session on every request, so role and scope changes apply at once. */
export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<string>;
  territoryId: number;
  /** Path of the account's node: the account sees rows whose path starts with it. */
  scopePath: string;
  sessionId: string;
}

/** What a service needs to act for a request. */
export interface Ctx {
  db: Db;
  actor: Actor;
  clock: Clock;
  requestId: string;
  ip: string;
  locale: Locale;
}

/** Context of the system itself (seeding, scheduler): sees everything, audited as "system". */
export function systemActor(rootPath = '/'): Actor {
  return {
    accountId: 0,
    username: 'system',
    displayName: 'system',
    roles: [],
    permissions: new Set(),
    territoryId: 0,
    scopePath: rootPath,
    sessionId: '',
  };
}
