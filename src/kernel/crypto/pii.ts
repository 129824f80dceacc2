import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * Personal numbers at rest (issue 3, item 6): phone and ID-card numbers are stored as AES-256-GCM ciphertext
 * (`v1:<key id>:<iv>:<ciphertext+tag>`, the field name bound in as associated data so a value cannot be moved
 * to another column) plus a keyed HMAC-SHA256 of the normalised value for exact-match search. The keys live
 * outside the database: from configuration (PII_ENCRYPTION_KEY, PII_HASH_KEY), or in development from key files
 * generated once in DATA_DIR/keys (mode 0600). Rotation: set a new PII_ENCRYPTION_KEY and move the old one to
 * PII_PREVIOUS_KEYS; old ciphertexts still decrypt by their key id, new writes use the new key. The hash key
 * cannot rotate without recomputing every hash (search would stop matching), so it is kept.
 */
export type PiiField = 'phone' | 'idNumber';

interface Keyring {
  currentId: string;
  keys: Map<string, Buffer>;
  hashKey: Buffer;
}

let ring: Keyring | undefined;

/** The id stored with a ciphertext: the first 8 hex digits of the key's SHA-256 (reveals nothing usable). */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function keyFile(dataDir: string, name: string): Buffer {
  const dir = path.resolve(dataDir, 'keys');
  const file = path.join(dir, name);
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a base64 key of 32 bytes`);
    return key;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // wx: two processes starting at once must not overwrite each other's key.
  try {
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return keyFile(dataDir, name);
    throw e;
  }
  return key;
}

/**
 * Loads the keys for this process from the configuration (production must configure them: loadConfig
 * refuses to start otherwise) or from the development key files. Idempotent; call before any PII is touched.
 */
export function configurePii(
  config: Pick<Config, 'DATA_DIR' | 'PII_ENCRYPTION_KEY' | 'PII_PREVIOUS_KEYS' | 'PII_HASH_KEY'>,
): void {
  const current = config.PII_ENCRYPTION_KEY
    ? Buffer.from(config.PII_ENCRYPTION_KEY, 'base64')
    : keyFile(config.DATA_DIR, 'pii-encryption.key');
  const hashKey = config.PII_HASH_KEY
    ? Buffer.from(config.PII_HASH_KEY, 'base64')
    : keyFile(config.DATA_DIR, 'pii-hash.key');
  const keys = new Map<string, Buffer>();
  for (const k of (config.PII_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const b = Buffer.from(k, 'base64');
    keys.set(keyId(b), b);
  }
  const currentId = keyId(current);
  keys.set(currentId, current);
  ring = { currentId, keys, hashKey };
}

function keyring(): Keyring {
  if (!ring) throw new Error('PII keys are not configured (configurePii was not called)');
  return ring;
}

/** Canonical form before hashing: digits only for phones, upper-case X for ID numbers. */
export function normalizePii(field: PiiField, value: string): string {
  const v = value.replace(/[\s-]/g, '');
  return field === 'idNumber' ? v.toUpperCase() : v;
}

/** Encrypts one personal number with the current key. */
export function encryptPii(field: PiiField, value: string): string {
  return encryptPiiText(field, normalizePii(field, value));
}

/** Encrypts a value as written (a landline keeps its dash): the encrypted columns of pii-columns.ts. */
export function encryptPiiText(field: PiiField, value: string): string {
  const { currentId, keys } = keyring();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.get(currentId)!, iv);
  cipher.setAAD(Buffer.from(field));
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1:${currentId}:${iv.toString('base64')}:${ct.toString('base64')}`;
}

/** Decrypts a value written by encryptPii with the key its id names (current or previous). */
export function decryptPii(field: PiiField, stored: string): string {
  const [version, kid, ivB64, ctB64] = stored.split(':');
  if (version !== 'v1' || !kid || !ivB64 || !ctB64) throw new Error('not a PII ciphertext');
  const key = keyring().keys.get(kid);
  if (!key) throw new Error(`PII key ${kid} is not configured (add it to PII_PREVIOUS_KEYS)`);
  const data = Buffer.from(ctB64, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64'));
  decipher.setAAD(Buffer.from(field));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** The keyed search hash of a personal number (hex HMAC-SHA256 of the field and the normalised value). */
export function hashPii(field: PiiField, value: string): string {
  return createHmac('sha256', keyring().hashKey)
    .update(`${field}:${normalizePii(field, value)}`)
    .digest('hex');
}

/** The id of the key new ciphertexts are written with. */
export const currentPiiKeyId = (): string => keyring().currentId;
