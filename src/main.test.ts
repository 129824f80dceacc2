import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromRoot } from './kernel/paths.js';

/** Runs the real entry point (src/main.ts through tsx) as a user would, on a temporary data folder. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src/main.ts')], {
    cwd: fromRoot(),
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', WEB_DIR: '/nonexistent', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 60_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`did not see ${re}; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return out;
  };
  return { child, exited, waitFor, output: () => out };
}

const PII_KEYS = {
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  PII_HASH_KEY: Buffer.alloc(32, 4).toString('base64'),
};
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

describe('the server process', () => {
  it('starts on the embedded database with demo data, refuses a second server on the same folder, stops on SIGTERM', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-main-'));
    const first = start({ DATA_DIR: dir });
    children.push(first.child);
    const banner = await first.waitFor(/Demo accounts[\s\S]*audit_admin/, 110_000);
    expect(banner).toMatch(/running at http:\/\/localhost:\d+/);
    expect(banner).toMatch(/secretary\s+communitySecretary\s+文亭巷社区/);
    expect(banner).toContain('Gongzhi@2026');
    const url = /running at (http:\/\/localhost:\d+)/.exec(banner)![1]!;
    const health = await fetch(`${url}/api/health`).then((r) => r.json());
    expect(health).toEqual({ status: 'ok', db: 'pglite' });

    const second = start({ DATA_DIR: dir });
    children.push(second.child);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already used by another Gongzhi server/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'gongzhi.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
    // A first start migrates and loads every module's demo data (~15 s alone, more on two busy CI cores).
  }, 120_000);

  it('WORKERS > 1: refused on the embedded database; on PostgreSQL the workers share one port and stop together', async () => {
    const alone = start({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'gz-workers-')), WORKERS: '2' });
    children.push(alone.child);
    expect(await alone.exited).toBe(1);
    expect(alone.output()).toMatch(/WORKERS > 1 needs PostgreSQL/);

    // This file runs once per suite (vitest.config.ts ENGINE_FREE); with a server named, it runs the workers there.
    const server = process.env.TEST_DATABASE_URL;
    if (!server) return;
    const base = new URL(server);
    const name = `${base.pathname.slice(1) || 'gongzhi'}_${process.pid}_workers`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
    base.pathname = `/${name}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-workers-'));
    try {
      const p = start({ DATA_DIR: dir, WORKERS: '2', DATABASE_URL: base.toString() });
      children.push(p.child);
      const banner = await p.waitFor(/Demo accounts[\s\S]*audit_admin/, 120_000);
      expect(banner).toMatch(/PostgreSQL \(DATABASE_URL\) \(2 workers\)/);
      const url = /running at (http:\/\/localhost:\d+)/.exec(banner)![1]!;
      for (let i = 0; i < 4; i++)
        expect(await fetch(`${url}/api/health`).then((r) => r.json())).toEqual({ status: 'ok', db: 'postgres' });
      const workers = () =>
        execFileSync('ps', ['--ppid', String(p.child.pid), '-o', 'pid='], { encoding: 'utf8' })
          .trim()
          .split(/\s+/)
          .filter(Boolean);
      expect(workers()).toHaveLength(2);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('stops with a readable list when the configuration is wrong', async () => {
    const p = start({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_IDLE_MINUTES: '-5' });
    children.push(p.child);
    expect(await p.exited).toBe(1);
    const out = p.output();
    expect(out).toMatch(/Invalid configuration/);
    expect(out).toMatch(/PORT/);
    expect(out).toMatch(/DATABASE_URL: must be a postgres/);
    expect(out).toMatch(/SESSION_IDLE_MINUTES/);
  });

  it('in production creates no demo data but one system admin with a one-time password', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-prod-'));
    const p = start({ DATA_DIR: dir, NODE_ENV: 'production', ...PII_KEYS });
    children.push(p.child);
    const out = await p.waitFor(/password: \S+/);
    expect(out).not.toMatch(/Demo accounts/);
    const password = /password: (\S+)/.exec(out)![1]!;
    const url = /running at (http:\/\/localhost:\d+)/.exec(await p.waitFor(/running at/))![1]!;
    const csrf = await fetch(`${url}/api/auth/csrf`);
    const token = ((await csrf.json()) as { csrfToken: string }).csrfToken;
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: `gz_csrf=${token}` },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ roles: ['sysAdmin'], mustChangePassword: true });
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    // A restart does not print a password again.
    const again = start({ DATA_DIR: dir, NODE_ENV: 'production', ...PII_KEYS });
    children.push(again.child);
    const out2 = await again.waitFor(/running at/);
    expect(out2).not.toMatch(/password:/);
    again.child.kill('SIGTERM');
    await again.exited;
    fs.rmSync(dir, { recursive: true, force: true });
    // Two starts of a migrating server: room for busy CI cores (both engines' projects share them).
  }, 120_000);
});
