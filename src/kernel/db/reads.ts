import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * Reads on PostgreSQL replicas (decision 050). One place decides, per request, whether its heavy reads (figures,
 * lists, dashboard, map, exports: the routes that opt in with `req.readCtx()`) go to a replica or to the primary:
 *
 * - a replica serves only while its last check (every `checkMs`, 1 s) found it up, in recovery and lagging no more than
 *   `maxLagSeconds`; a replica that fails between checks (refused, timed out, cut) is marked down at once and the
 *   query runs again on the primary — the request still answers;
 * - read-your-writes: every successful write request leaves the primary's WAL position after it (the `gz_lsn`
 *   cookie, and in this process a note per account); for `afterWriteSeconds` after it that caller's reads go to a
 *   replica only if the replica has replayed that position, else to the primary.
 *
 * Only reads go through it: a single write statement that slipped into a read path (PostgreSQL's 25006 on a standby)
 * runs again on the primary, but a write inside a transaction opened on the read handle fails.
 */
/** The same type as client.ts's `Db` (not imported from there: client.ts imports this file). */
type Db = PgDatabase<PgQueryResultHKT>;

export interface ReadsOptions {
  maxLagSeconds: number;
  afterWriteSeconds: number;
  /** Where a replica going down or coming back is told (once per change). */
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Milliseconds between health checks (default 1000). */
  checkMs?: number;
}

export interface ReplicaState {
  url: string;
  up: boolean;
  /** Why it is skipped, when it is. */
  reason: string | null;
  lagSeconds: number | null;
  replayLsn: string | null;
  /** Requests whose reads were routed to it. */
  served: number;
}

interface Replica {
  url: string;
  pool: pg.Pool;
  db: Db;
  up: boolean;
  reason: string | null;
  lagSeconds: number | null;
  replay: bigint | null;
  served: number;
}

/** `16/B374D848` → a number that orders like the WAL. */
export function parseLsn(lsn: string): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** The cookie that carries a writer's last commit position across requests and server processes. */
export const LSN_COOKIE = 'gz_lsn';

/** Errors that say the server is away or cannot serve this read, not that the query is wrong. */
function replicaUnfit(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? '');
  if (!code) return true; // socket errors: refused, reset, timed out, "Connection terminated"
  if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT …
  // 08: connection exceptions; 57P01-57P03: shutdown; 40001: cancelled by recovery conflict; 25006: a write
  return code.startsWith('08') || /^57P0[123]$/.test(code) || code === '40001' || code === '25006';
}

const HEALTH_SQL = `select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replay,
  case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
       else extract(epoch from now() - pg_last_xact_replay_timestamp()) end::float8 as lag`;

/** The primary's WAL position at a moment (ms since the epoch), sampled by every health pass. */
export interface LsnSample {
  at: number;
  lsn: bigint;
}

/**
 * How far behind, in seconds, a standby that has replayed up to `replay` is: how long ago the primary was last
 * seen no further than that (the upper bound between two samples). `samples` ascend in time. With no sample that
 * old, at least the span of the samples, or the standby's own estimate (`fallback`: seconds since its last replayed
 * commit while WAL waits to be replayed), whichever is more. The standby's estimate alone would call a standby
 * "behind" during a primary's long transaction (no commit to replay for minutes), so it serves only until the
 * samples cover the lag limit.
 */
export function lagSeconds(samples: readonly LsnSample[], replay: bigint, now: number, fallback: number): number {
  if (!samples.length) return fallback;
  if (replay >= samples[samples.length - 1]!.lsn) return 0;
  for (let i = samples.length - 2; i >= 0; i--) {
    if (samples[i]!.lsn <= replay) return (now - samples[i]!.at) / 1000;
  }
  return Math.max((now - samples[0]!.at) / 1000, fallback);
}

export class ReadReplicas {
  private readonly replicas: Replica[];
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private readonly writes = new Map<number, { lsn: bigint; until: number }>();
  private readonly samples: LsnSample[] = [];
  /** Requests whose reads the primary served although replicas are configured. */
  primaryServed = 0;

  constructor(
    private readonly primary: pg.Pool,
    urls: string[],
    readonly opts: ReadsOptions,
  ) {
    this.replicas = urls.map((url) => {
      const pool = new pg.Pool({ connectionString: url, max: primary.options.max, connectionTimeoutMillis: 2000 });
      pool.on('error', () => undefined);
      const r: Replica = {
        url,
        pool,
        db: null as unknown as Db,
        up: false,
        reason: 'not checked yet',
        lagSeconds: null,
        replay: null,
        served: 0,
      };
      r.db = drizzlePg({
        client: new ReplicaPool(r, primary, (e) => this.down(r, e)) as unknown as pg.Pool,
        casing: 'snake_case',
      });
      return r;
    });
  }

  /** Checks every replica now, then every `checkMs`. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.opts.checkMs ?? 1000);
    this.timer.unref();
  }

  /** One health pass over the replicas (passes never overlap). */
  check(): Promise<void> {
    this.checking ??= this.sample()
      .then(() => Promise.all(this.replicas.map((r) => this.checkOne(r))))
      .then(
        () => {
          this.checking = null;
        },
        () => {
          this.checking = null;
        },
      );
    return this.checking;
  }

  /** The primary's position now, kept for as long as the lag limit needs (plus a few seconds). */
  private async sample() {
    try {
      const lsn = parseLsn(await this.primaryLsn());
      const now = Date.now();
      if (lsn !== null) this.samples.push({ at: now, lsn });
      const keep = now - (this.opts.maxLagSeconds + 5) * 1000;
      while (this.samples.length > 2 && this.samples[1]!.at < keep) this.samples.shift();
    } catch {
      /* the primary's own errors surface on its requests */
    }
  }

  private async checkOne(r: Replica) {
    try {
      const { rows } = await r.pool.query<{ recovery: boolean; replay: string | null; lag: number | null }>(HEALTH_SQL);
      const row = rows[0]!;
      r.replay = row.replay ? parseLsn(row.replay) : null;
      const lag = r.replay === null ? null : lagSeconds(this.samples, r.replay, Date.now(), row.lag ?? 0);
      r.lagSeconds = lag;
      const reason = !row.recovery
        ? 'not a standby (not in recovery)'
        : lag !== null && lag > this.opts.maxLagSeconds
          ? `lagging ${lag.toFixed(1)} s (limit ${this.opts.maxLagSeconds} s)`
          : null;
      this.mark(r, reason);
    } catch (e) {
      this.down(r, e);
    }
  }

  private down(r: Replica, e: unknown) {
    this.mark(r, `down: ${(e as Error).message || String((e as { code?: unknown }).code)}`);
  }

  private mark(r: Replica, reason: string | null) {
    const up = reason === null;
    if (up !== r.up) {
      if (up) this.opts.log?.info({ replica: redact(r.url) }, 'read replica serving');
      else
        this.opts.log?.warn({ replica: redact(r.url), reason }, 'read replica skipped: the primary serves its reads');
    }
    r.up = up;
    r.reason = reason;
  }

  /** The primary's WAL position now: taken after a write request's commit. */
  async primaryLsn(): Promise<string> {
    const { rows } = await this.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    return rows[0]!.lsn;
  }

  /** Remembers in this process that the account wrote up to `lsn` (callers without the cookie: API clients). */
  noteWrite(accountId: number | null | undefined, lsn: string, now = Date.now()) {
    const pos = parseLsn(lsn);
    if (!accountId || pos === null) return;
    this.writes.set(accountId, { lsn: pos, until: now + this.opts.afterWriteSeconds * 1000 });
    if (this.writes.size > 10_000) {
      for (const [k, v] of this.writes) if (v.until <= now) this.writes.delete(k);
    }
  }

  /**
   * The handle for one request's heavy reads: a replica that is up, not lagging and has replayed the caller's last
   * write (from its cookie or this process's note), in turn; null when the primary must serve.
   */
  pick(opts: { accountId?: number | null; cookieLsn?: string | undefined }, now = Date.now()): Db | null {
    let need: bigint | null = opts.cookieLsn ? parseLsn(opts.cookieLsn) : null;
    const noted = opts.accountId ? this.writes.get(opts.accountId) : undefined;
    if (noted && noted.until > now && (need === null || noted.lsn > need)) need = noted.lsn;
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.next + i) % n]!;
      if (!r.up) continue;
      if (need !== null && (r.replay === null || r.replay < need)) continue;
      this.next = (this.next + i + 1) % n;
      r.served++;
      return r.db;
    }
    this.primaryServed++;
    return null;
  }

  state(): ReplicaState[] {
    return this.replicas.map((r) => ({
      url: redact(r.url),
      up: r.up,
      reason: r.reason,
      lagSeconds: r.lagSeconds,
      replayLsn:
        r.replay === null
          ? null
          : `${(r.replay >> 32n).toString(16).toUpperCase()}/${(r.replay & 0xffffffffn).toString(16).toUpperCase()}`,
      served: r.served,
    }));
  }

  async close() {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => undefined)));
  }
}

/** A URL without its password, for logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * What drizzle queries through for a replica: the replica's pool, and the primary's when the replica cannot serve
 * (marked down by the check, or failing now). Its name ends in "Pool" so drizzle opens transactions with
 * `connect()`: on the replica too (a read transaction, e.g. `set local work_mem` before a big read), or on the
 * primary when the replica cannot be reached. A write inside such a transaction fails on a standby: read paths only.
 */
class ReplicaPool {
  constructor(
    private readonly r: Replica,
    private readonly primary: pg.Pool,
    private readonly onUnfit: (e: unknown) => void,
  ) {}

  async query(config: pg.QueryConfig, values?: unknown[]) {
    if (!this.r.up) return this.primary.query(config, values);
    try {
      return await this.r.pool.query(config, values);
    } catch (e) {
      if (!replicaUnfit(e)) throw e;
      // A write in a read path (25006) or a read cancelled by a recovery conflict (40001) is not the standby
      // being away: it stays up.
      const code = (e as { code?: unknown }).code;
      if (code !== '25006' && code !== '40001') this.onUnfit(e);
      return this.primary.query(config, values);
    }
  }

  async connect() {
    if (!this.r.up) return this.primary.connect();
    try {
      return await this.r.pool.connect();
    } catch (e) {
      this.onUnfit(e);
      return this.primary.connect();
    }
  }
}
