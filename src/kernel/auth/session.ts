import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Actor } from '../context.js';
import type { Database } from '../db/client.js';
import { grantedTo, isRole, type Role } from '../rbac/rbac.js';
import { hashToken } from './auth.service.js';

/**
 * The light request path (decision 031): a signed-in request's session, account, roles and scope in ONE statement,
 * plain SQL prepared once per connection — no drizzle query building on the path every request takes. The same
 * statement moves `last_seen_at` on when it is due (a data-modifying CTE), so a request that touches its session
 * costs no second round trip. Everything is read afresh each time: a sign-out, a disabled account, a role or
 * scope change made by any process applies to the very next request of every process, with no cache to invalidate.
 * `session.test.ts` checks that this SQL and the drizzle schema agree (same answer as `authenticate`).
 */
export const SESSION_SQL = `with hit as (
  select s.last_seen_at, s.expires_at, a.id as account_id, a.username, a.display_name, a.roles, a.territory_id,
         a.disabled, a.must_change_password, a.totp_enabled, a.locale, t.path
    from sessions s
    join accounts a on a.id = s.account_id
    join territories t on t.id = a.territory_id
   where s.id = $1
), touch as (
  update sessions set last_seen_at = $2::timestamptz
    from accounts a
   where sessions.id = $1 and a.id = sessions.account_id and not a.disabled
     and sessions.last_seen_at <= $2::timestamptz - interval '1 minute'
     and sessions.last_seen_at > $2::timestamptz - $3::int * interval '1 minute'
     and sessions.expires_at > $2::timestamptz
  returning 1
)
select * from hit`;

interface SessionRow {
  last_seen_at: Date | string;
  expires_at: Date | string;
  account_id: number;
  username: string;
  display_name: string;
  roles: string[];
  territory_id: number;
  disabled: boolean;
  must_change_password: boolean;
  totp_enabled: boolean;
  locale: string;
  path: string;
}

/** What the request hooks need of a session: the actor and the account's setup state and language. */
export interface SessionAuth {
  actor: Actor;
  account: { roles: string[]; mustChangePassword: boolean; totpEnabled: boolean; locale: string };
}

const MINUTE = 60_000;
const ms = (v: Date | string) => (v instanceof Date ? v.getTime() : Date.parse(v));

/**
 * Resolves a session token to its actor in one round trip, or null (unknown, timed out, or the account disabled:
 * then the session row is deleted, as `authenticate` does).
 */
export async function authenticateSession(
  database: Database,
  config: Config,
  clock: Clock,
  token: string,
): Promise<SessionAuth | null> {
  const id = hashToken(token);
  const now = clock.now();
  const params = [id, now.toISOString(), config.SESSION_IDLE_MINUTES];
  const rows = database.queryNamed
    ? await database.queryNamed<SessionRow>('gz_session', SESSION_SQL, params)
    : await database.query<SessionRow>(SESSION_SQL, params);
  const row = rows[0];
  if (!row) return null;
  if (
    ms(row.expires_at) <= now.getTime() ||
    ms(row.last_seen_at) + config.SESSION_IDLE_MINUTES * MINUTE <= now.getTime() ||
    row.disabled
  ) {
    await database.query('delete from sessions where id = $1', [id]);
    return null;
  }
  const roles = row.roles.filter(isRole) as Role[];
  return {
    actor: {
      accountId: row.account_id,
      username: row.username,
      displayName: row.display_name,
      roles,
      permissions: grantedTo(roles),
      territoryId: row.territory_id,
      scopePath: row.path,
      sessionId: id,
    },
    account: {
      roles: row.roles,
      mustChangePassword: row.must_change_password,
      totpEnabled: row.totp_enabled,
      locale: row.locale,
    },
  };
}
