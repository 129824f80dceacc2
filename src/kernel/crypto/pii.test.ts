import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PII_KEYS } from '../../test/app.js';
import { ConfigError, loadConfig } from '../config.js';
import { configurePii, currentPiiKeyId, decryptPii, encryptPii, hashPii } from './pii.js';

const key = (b: number) => Buffer.alloc(32, b).toString('base64');
// Tests share the process: leave the harness keys in place afterwards.
afterAll(() => configurePii({ DATA_DIR: '/nonexistent', ...TEST_PII_KEYS }));

describe('personal numbers at rest', () => {
  it('refuses to start in production without both keys, naming them', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PII_ENCRYPTION_KEY', 'PII_HASH_KEY']);
    }
    expect(() => loadConfig({ PII_ENCRYPTION_KEY: 'short' })).toThrow(/PII_ENCRYPTION_KEY/);
    expect(
      loadConfig({ NODE_ENV: 'production', PII_ENCRYPTION_KEY: key(1), PII_HASH_KEY: key(2) }).PII_ENCRYPTION_KEY,
    ).toBe(key(1));
  });

  it('in development generates the key files once (mode 0600) and reuses them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-pii-'));
    configurePii({ DATA_DIR: dir });
    const file = path.join(dir, 'keys', 'pii-encryption.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'keys', 'pii-hash.key')).mode & 0o777).toBe(0o600);
    const id = currentPiiKeyId();
    const ct = encryptPii('phone', '13800001234');
    configurePii({ DATA_DIR: dir });
    expect(currentPiiKeyId()).toBe(id);
    expect(decryptPii('phone', ct)).toBe('13800001234');
  });

  it('encrypts with a fresh IV, binds the field, and hashes by a keyed HMAC of the normalised value', () => {
    configurePii({ DATA_DIR: '/nonexistent', PII_ENCRYPTION_KEY: key(5), PII_HASH_KEY: key(6) });
    const a = encryptPii('phone', '13800001234');
    expect(a).not.toBe(encryptPii('phone', '13800001234'));
    expect(a).not.toContain('13800001234');
    expect(() => decryptPii('idNumber', a)).toThrow(); // moved to another column: the tag does not match
    expect(hashPii('phone', '138 0000-1234')).toBe(hashPii('phone', '13800001234'));
    expect(hashPii('idNumber', '63010419900101001x')).toBe(hashPii('idNumber', '63010419900101001X'));
    const before = hashPii('phone', '13800001234');
    configurePii({ DATA_DIR: '/nonexistent', PII_ENCRYPTION_KEY: key(5), PII_HASH_KEY: key(7) });
    expect(hashPii('phone', '13800001234')).not.toBe(before); // keyed: useless without the key
  });

  it('rotates: new writes use the new key, old ciphertexts still read through PII_PREVIOUS_KEYS', () => {
    configurePii({ DATA_DIR: '/nonexistent', PII_ENCRYPTION_KEY: key(10), PII_HASH_KEY: key(6) });
    const old = encryptPii('idNumber', '630104199001010015');
    const oldId = old.split(':')[1];
    configurePii({
      DATA_DIR: '/nonexistent',
      PII_ENCRYPTION_KEY: key(11),
      PII_PREVIOUS_KEYS: key(10),
      PII_HASH_KEY: key(6),
    });
    const fresh = encryptPii('idNumber', '630104199001010015');
    expect(fresh.split(':')[1]).not.toBe(oldId);
    expect(decryptPii('idNumber', old)).toBe('630104199001010015');
    configurePii({ DATA_DIR: '/nonexistent', PII_ENCRYPTION_KEY: key(11), PII_HASH_KEY: key(6) });
    expect(() => decryptPii('idNumber', old)).toThrow(/PII_PREVIOUS_KEYS/);
  });
});
