import cluster, { type Worker } from 'node:cluster';
import { pino, type Logger } from 'pino';
import { createApp } from './app.js';
import { prepareDatabase, type StartupNotice } from './bootstrap.js';
import { systemClock } from './kernel/clock.js';
import { ConfigError, loadConfig, type Config } from './kernel/config.js';
import { DataDirLockedError, openDatabase, readUrls } from './kernel/db/client.js';

const out = (s: string) => process.stdout.write(`${s}\n`);

function banner(url: string, config: Config, engine: string, notice: StartupNotice) {
  out('');
  out(`  共治 Gongzhi is running at ${url}`);
  out(
    `  database: ${engine === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : engine.startsWith('postgres') ? `PostgreSQL (DATABASE_URL)${engine.slice('postgres'.length)}` : engine}`,
  );
  const replicas = readUrls(config).length;
  if (replicas) {
    out(
      config.DATABASE_URL
        ? `  reads: ${replicas} replica${replicas > 1 ? 's' : ''} (DATABASE_READ_URL) for figures, lists, dashboard, map, exports`
        : '  reads: DATABASE_READ_URL ignored — the embedded PGlite has no replicas',
    );
  }
  out(`  API docs: ${url}/api/docs`);
  if (notice.kind === 'demo') {
    out('');
    out(`  Demo accounts (password for all: ${notice.password}):`);
    for (const a of notice.accounts) out(`    ${a.username.padEnd(16)} ${a.role.padEnd(20)} ${a.node}`);
  }
  if (notice.kind === 'initialAdmin') {
    out('');
    out('  First start: one system admin was created. Its password is shown only now; change it at first sign-in.');
    out(`    username: ${notice.username}`);
    out(`    password: ${notice.password}`);
  }
  out('');
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

async function openOrExit(config: Config, log: Logger) {
  if (!config.DATABASE_URL && config.DATABASE_READ_URL) {
    log.warn('DATABASE_READ_URL is ignored: the embedded PGlite has no replicas (set DATABASE_URL to use them)');
  }
  try {
    return await openDatabase(config, log);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** One server process: the app on the port (alone, or as one of WORKERS sharing it). Resolves with its URL. */
async function serve(
  config: Config,
  log: Logger,
  prepare: boolean,
): Promise<{ url: string; engine: string; notice: StartupNotice }> {
  const database = await openOrExit(config, log);
  const notice: StartupNotice = prepare ? await prepareDatabase(database, config, log) : { kind: 'none' };
  const app = await createApp({ config, database, clock: systemClock }, log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  return { url: address.replace('127.0.0.1', 'localhost'), engine: database.engine, notice };
}

/**
 * WORKERS > 1 (PostgreSQL): this process migrates and seeds once, then forks the workers, which share the port
 * (node:cluster). Only the first runs the schedulers (they are safe together — SKIP LOCKED — but one is enough). A
 * worker that dies is replaced; SIGINT/SIGTERM stop them all.
 */
async function primary(config: Config, log: Logger) {
  const database = await openOrExit(config, log);
  const notice = await prepareDatabase(database, config, log);
  await database.close();
  let stopping = false;
  let up = false;
  const fork = (index: number): Worker => {
    const w = cluster.fork(
      index > 0
        ? { ORDER_SCHEDULER_SECONDS: '0', NOTIFICATION_DIGEST_SECONDS: '0', ASSESSMENT_REMINDER_SECONDS: '0' }
        : {},
    );
    w.on('exit', (code, signal) => {
      if (stopping) return;
      if (!up) {
        // A worker that cannot start (the port taken, the database away) would fail again: stop, as one process would.
        process.stderr.write(`Gongzhi failed to start: worker ${index} exited (${signal ?? code})\n`);
        stop('SIGTERM', 1);
        return;
      }
      log.error({ worker: index, code, signal }, 'worker exited: starting another');
      setTimeout(() => stopping || fork(index), 1000);
    });
    return w;
  };
  const stop = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping workers');
    const alive = () => Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    for (const w of alive()) w!.process.kill(signal);
    setTimeout(() => process.exit(exitCode), 10_000).unref();
    cluster.on('exit', () => {
      if (!alive().length) process.exit(exitCode);
    });
    if (!alive().length) process.exit(exitCode);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const listening = new Promise<{ address: string; port: number }>((resolve) =>
    cluster.once('listening', (_w, a) => resolve(a)),
  );
  for (let i = 0; i < config.WORKERS; i++) fork(i);
  const address = await listening;
  up = true;
  const host = address.address === '127.0.0.1' || address.address === '::1' ? 'localhost' : address.address;
  banner(`http://${host}:${address.port}`, config, `${database.engine} (${config.WORKERS} workers)`, notice);
}

async function main() {
  const config = loadConfigOrExit();
  const log = pino({ level: config.LOG_LEVEL });
  if (cluster.isWorker) {
    await serve(config, log, false);
    return;
  }
  if (config.WORKERS > 1) {
    if (!config.DATABASE_URL) {
      process.stderr.write(
        'WORKERS > 1 needs PostgreSQL (DATABASE_URL): the embedded PGlite is opened by one process only.\n',
      );
      process.exit(1);
    }
    await primary(config, log);
    return;
  }
  const { url, engine, notice } = await serve(config, log, true);
  banner(url, config, engine, notice);
}

main().catch((e: unknown) => {
  process.stderr.write(`Gongzhi failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
