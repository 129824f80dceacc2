import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const base64Key = z
  .string()
  .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be base64 of 32 random bytes (openssl rand -base64 32)');

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6).max(128).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  MFA_REQUIRED_FOR_ADMINS: bool.default(false),
  DEMO_DATA: bool.optional(),
  WEB_DIR: z.string().default('./dist/web'),
  /** AES-256-GCM key for phone and ID-card numbers at rest: base64 of 32 bytes (src/kernel/crypto/pii.ts). */
  PII_ENCRYPTION_KEY: base64Key.optional(),
  /** Earlier encryption keys, comma-separated, still read after a rotation (ciphertexts carry their key id). */
  PII_PREVIOUS_KEYS: z
    .string()
    .refine((v) => v.split(',').every((k) => base64Key.safeParse(k.trim()).success), 'must be base64 keys of 32 bytes, comma-separated')
    .optional(),
  /** HMAC-SHA256 key of the exact-match search hashes of phone and ID-card numbers: base64 of 32 bytes. */
  PII_HASH_KEY: base64Key.optional(),
});

export type Config = z.infer<typeof ConfigSchema> & { demoData: boolean };

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
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const c = parsed.data;
  // Personal numbers are encrypted with keys kept outside the database; a production server never invents them.
  if (c.NODE_ENV === 'production') {
    const missing = (['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'] as const).filter((k) => !c[k]);
    if (missing.length) {
      throw new ConfigError(missing.map((k) => `${k}: required in production (base64 of 32 random bytes: openssl rand -base64 32)`));
    }
  }
  return { ...c, demoData: c.DEMO_DATA ?? c.NODE_ENV !== 'production' };
}
