import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { readUrls } from './db/client.js';

const KEYS = {
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  PII_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs with nothing set: port 3000, ./data, the embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 3000,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      LOCKOUT_THRESHOLD: 5,
      PASSWORD_MIN_LENGTH: 8,
      MFA_REQUIRED_FOR_ADMINS: false,
      demoData: true,
    });
    expect(c.DATABASE_URL).toBeUndefined(); // → PGlite in DATA_DIR
  });

  it('treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', DATA_DIR: '' });
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data' });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads the values it is given', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/gz',
      TRUST_PROXY: 'yes',
      MFA_REQUIRED_FOR_ADMINS: '1',
    });
    expect(c).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://u:p@db:5432/gz',
      TRUST_PROXY: true,
      MFA_REQUIRED_FOR_ADMINS: true,
    });
  });

  it('lists every wrong variable by name at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/gz',
      LOG_LEVEL: 'chatty',
      NODE_ENV: 'staging',
      TRUST_PROXY: 'maybe',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'NODE_ENV', 'PORT', 'TRUST_PROXY']);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/postgres:\/\/ or postgresql:\/\//);
  });

  it('takes read replicas from DATABASE_READ_URL, comma-separated (decision 050)', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://db1/gz',
      DATABASE_READ_URL: 'postgres://db2/gz, postgresql://u:p@db3:5433/gz',
    });
    expect(readUrls(c)).toEqual(['postgres://db2/gz', 'postgresql://u:p@db3:5433/gz']);
    expect(c).toMatchObject({ DATABASE_READ_MAX_LAG_SECONDS: 10, DATABASE_READ_AFTER_WRITE_SECONDS: 10 });
    expect(readUrls(loadConfig({}))).toEqual([]);
    expect(problemsOf({ DATABASE_READ_URL: 'postgres://db2/gz,mysql://db3/gz' })[0]).toMatch(/^DATABASE_READ_URL: /);
    // Past the read-your-writes window a writer's reads may go to any replica within the lag limit: never shorter.
    expect(
      problemsOf({
        DATABASE_URL: 'postgres://db1/gz',
        DATABASE_READ_URL: 'postgres://db2/gz',
        DATABASE_READ_MAX_LAG_SECONDS: '30',
        DATABASE_READ_AFTER_WRITE_SECONDS: '5',
      })[0],
    ).toMatch(/^DATABASE_READ_AFTER_WRITE_SECONDS: must be at least DATABASE_READ_MAX_LAG_SECONDS/);
  });

  it('says what is wrong in the error message', () => {
    expect(() => loadConfig({ PORT: '70000', PASSWORD_MIN_LENGTH: '3' })).toThrow(
      /Invalid configuration:[\s\S]*PORT[\s\S]*PASSWORD_MIN_LENGTH/,
    );
    const problems = problemsOf({ PORT: '-1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT: /);
  });

  it('fills demo data by default outside production, never by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...KEYS }).demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).demoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true', ...KEYS }).demoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', DEMO_DATA: 'false' }).demoData).toBe(false);
  });

  it('in production, refuses to start without the keys for personal numbers, naming each', () => {
    expect(
      problemsOf({ NODE_ENV: 'production' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['PII_ENCRYPTION_KEY', 'PII_HASH_KEY']);
    expect(problemsOf({ PII_ENCRYPTION_KEY: 'short' }).map((p) => p.split(':')[0])).toEqual(['PII_ENCRYPTION_KEY']);
  });
});

describe('security defaults (issue 18)', () => {
  const keys = {
    PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    PII_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  };
  it('requires a second factor for admins and throttles in production unless told otherwise', () => {
    const prod = loadConfig({ NODE_ENV: 'production', ...keys });
    expect(prod.MFA_REQUIRED_FOR_ADMINS).toBe(true);
    expect(prod.RATE_LIMITS).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'production', MFA_REQUIRED_FOR_ADMINS: 'false', ...keys }).MFA_REQUIRED_FOR_ADMINS,
    ).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).RATE_LIMITS).toBe(false);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example.cn, https://B.example.cn/' }).allowedOrigins).toEqual([
      'https://a.example.cn',
      'https://b.example.cn',
    ]);
  });
});
