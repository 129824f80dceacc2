import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const base64Key = z
  .string()
  .refine(
    (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32,
    'must be base64 of 32 random bytes (openssl rand -base64 32)',
  );

/** Every setting the server reads, each with a local default, validated once at start. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Read replicas of DATABASE_URL (streaming standbys), comma-separated: they serve the heavy reads (figures, lists,
   * dashboard, map, exports) — decision 050. Ignored on PGlite.
   */
  DATABASE_READ_URL: z
    .string()
    .refine(
      (v) => v.split(',').every((u) => /^postgres(ql)?:\/\/.+/.test(u.trim())),
      'must be postgres:// or postgresql:// URLs, comma-separated',
    )
    .optional(),
  /** A replica further behind than this many seconds is skipped (the primary serves) until it catches up. */
  DATABASE_READ_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /**
   * After a write, for this many seconds the writer's reads go to a replica only once it has replayed that write
   * (else to the primary): read-your-writes.
   */
  DATABASE_READ_AFTER_WRITE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /**
   * App processes serving the port (node:cluster), for PostgreSQL: each has its own pool of DATABASE_POOL_SIZE.
   * The embedded PGlite is one process: more than 1 is refused there.
   */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6).max(128).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  /** Admins must enrol a second factor; on by default in production, off elsewhere (issue 18). */
  MFA_REQUIRED_FOR_ADMINS: bool.optional(),
  /** Per-IP and per-account request limits on sign-in, codes, sign-up and resets; on except in tests by default. */
  RATE_LIMITS: bool.optional(),
  /**
   * Origins besides the app's own from which state-changing requests are accepted (comma-separated, e.g.
   * `https://gov.example.cn`). A write whose Origin (or Referer) names another origin is refused (403).
   */
  ALLOWED_ORIGINS: z
    .string()
    .refine(
      (v) => v.split(',').every((o) => /^https?:\/\/[^/\s]+\/?$/.test(o.trim())),
      'must be origins such as https://gov.example.cn, comma-separated',
    )
    .optional(),
  DEMO_DATA: bool.optional(),
  WEB_DIR: z.string().default('./dist/web'),
  /** AES-256-GCM key for phone and ID-card numbers at rest: base64 of 32 bytes (src/kernel/crypto/pii.ts). */
  PII_ENCRYPTION_KEY: base64Key.optional(),
  /** Earlier encryption keys, comma-separated, still read after a rotation (ciphertexts carry their key id). */
  PII_PREVIOUS_KEYS: z
    .string()
    .refine(
      (v) => v.split(',').every((k) => base64Key.safeParse(k.trim()).success),
      'must be base64 keys of 32 bytes, comma-separated',
    )
    .optional(),
  /** HMAC-SHA256 key of the exact-match search hashes of phone and ID-card numbers: base64 of 32 bytes. */
  PII_HASH_KEY: base64Key.optional(),
  /** Duplicate reports (issue 5 item 4): a report of the same category this near (metres) and this recent (hours). */
  ORDER_DUPLICATE_METERS: z.coerce.number().int().min(1).max(50_000).default(200),
  ORDER_DUPLICATE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  /**
   * Seconds between passes of the audit chain's sealer (decision 052), which also runs right after each request
   * that audited something; 0 = off (then only `npm run audit:verify` seals). Off when NODE_ENV=test.
   */
  AUDIT_SEAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  /** `npm run audit:verify` fails when an audit row is still unsealed this many seconds after it was written. */
  AUDIT_UNSEALED_LIMIT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400 * 7)
    .default(300),
  /** Seconds between passes of the order time-limit scheduler (reminders, escalation); 0 = off. Off when NODE_ENV=test. */
  ORDER_SCHEDULER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Seconds between passes composing daily notification digests; 0 = off. Off when NODE_ENV=test. */
  NOTIFICATION_DIGEST_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Seconds between passes of the monthly reminder list push (acts on the 1st of a month, China time); 0 = off. */
  ASSESSMENT_REMINDER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  /** Seconds between passes of the shared-items 便民共享服务柜 reminders (due tomorrow, overdue); 0 = off. Off in tests. */
  SHARED_ITEMS_SCHEDULER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /**
   * Retention of closed records (issue 18 point 7, decision 035): orders and mediation cases closed, cancelled or
   * merged longer ago than this many years lose their personal data (reporter name, address text, free text);
   * their figures stay.
   */
  RETENTION_CLOSED_YEARS: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Audit rows kept, in days (decision 051): whole monthly partitions of the audit log entirely older than this are
   * dropped by the retention pass, the drop recorded and audited. 0 = keep everything (the default); otherwise at
   * least 180 (等保).
   */
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(36_500)
    .default(0)
    .refine((d) => d === 0 || d >= 180, { message: 'at least 180 days of audit rows are kept (等保), or 0 = all' }),
  /** Seconds between retention passes (and passes creating monthly partitions ahead); 0 = off. Off when NODE_ENV=test. */
  RETENTION_PASS_SECONDS: z.coerce.number().int().min(0).max(604_800).default(3600),
  /** Where order photos and files go: `local` (DATA_DIR/files) or `s3` (an S3-compatible store, path-style). */
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  /** Largest accepted upload, per file, in bytes (default 10 MB). */
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  S3_ENDPOINT: z.string().url('must be a URL such as https://s3.example.com or http://127.0.0.1:9000').optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name')
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, 'MFA_REQUIRED_FOR_ADMINS' | 'RATE_LIMITS'> & {
  demoData: boolean;
  MFA_REQUIRED_FOR_ADMINS: boolean;
  RATE_LIMITS: boolean;
  allowedOrigins: string[];
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every wrong variable. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  // Personal numbers are encrypted with keys kept outside the database; a production server never invents them.
  if (c.NODE_ENV === 'production') {
    const missing = (['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'] as const).filter((k) => !c[k]);
    if (missing.length) {
      throw new ConfigError(
        missing.map((k) => `${k}: required in production (base64 of 32 random bytes: openssl rand -base64 32)`),
      );
    }
  }
  if (c.FILE_STORE === 's3') {
    const missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter(
      (k) => !c[k],
    );
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when FILE_STORE=s3`));
  }
  if (c.DATABASE_READ_URL && c.DATABASE_READ_AFTER_WRITE_SECONDS < c.DATABASE_READ_MAX_LAG_SECONDS) {
    // Past the read-your-writes window a writer's reads may go to any replica within the lag limit.
    throw new ConfigError([
      'DATABASE_READ_AFTER_WRITE_SECONDS: must be at least DATABASE_READ_MAX_LAG_SECONDS, or a writer could read a replica that has not replayed its write',
    ]);
  }
  return {
    ...c,
    demoData: c.DEMO_DATA ?? c.NODE_ENV !== 'production',
    MFA_REQUIRED_FOR_ADMINS: c.MFA_REQUIRED_FOR_ADMINS ?? c.NODE_ENV === 'production',
    RATE_LIMITS: c.RATE_LIMITS ?? c.NODE_ENV !== 'test',
    allowedOrigins: (c.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, '').toLowerCase())
      .filter(Boolean),
  };
}
