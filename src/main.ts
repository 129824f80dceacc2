import { pino } from 'pino';
import { createApp } from './app.js';
import { prepareDatabase, type StartupNotice } from './bootstrap.js';
import { systemClock } from './kernel/clock.js';
import { ConfigError, loadConfig, type Config } from './kernel/config.js';
import { DataDirLockedError, openDatabase } from './kernel/db/client.js';

const out = (s: string) => process.stdout.write(`${s}\n`);

function banner(url: string, config: Config, engine: string, notice: StartupNotice) {
  out('');
  out(`  共治 Gongzhi is running at ${url}`);
  out(`  database: ${engine === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`);
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

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = pino({ level: config.LOG_LEVEL });
  let database;
  try {
    database = await openDatabase(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const notice = await prepareDatabase(database, config, log);
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
  const url = address.replace('127.0.0.1', 'localhost');
  banner(url, config, database.engine, notice);
}

main().catch((e: unknown) => {
  process.stderr.write(`Gongzhi failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
