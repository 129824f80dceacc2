/**
 * A PostgreSQL primary and a streaming standby in a temp folder, made with the machine's PostgreSQL tools (initdb,
 * pg_ctl, pg_basebackup): for the read-replica test (src/kernel/db/reads.pg-pair.test.ts) and the bench's replica
 * figures (decision 050). Never touches another server: two new clusters on free ports, removed by stop().
 *
 *   npx tsx scripts/replica-pair.ts            starts the pair, prints DATABASE_URL and DATABASE_READ_URL, and stops
 *                                               and removes it on Ctrl-C / SIGTERM
 *
 * PG_BIN names the tools' folder (default /usr/lib/postgresql/15/bin). PostgreSQL refuses to run as root: as root
 * the tools run as the `postgres` user (runuser), the folder owned by it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ReplicaPair {
  dir: string;
  primaryUrl: string;
  standbyUrl: string;
  /** Stops the standby (fast shutdown: its connections are cut, as when the machine goes away). */
  stopStandby(): void;
  startStandby(): void;
  /** Stops both servers and removes the folder; safe to call twice. */
  stop(): void;
}

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

function run(tool: string, args: string[]): string {
  const file = path.join(BIN, tool);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** A port free right now on 127.0.0.1 (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function appendConf(dataDir: string, lines: string[]) {
  fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n${lines.join('\n')}\n`);
}

/** Creates and starts the pair; the standby streams from the primary and answers reads (hot standby). */
export async function startReplicaPair(opts: { database?: string } = {}): Promise<ReplicaPair> {
  if (!fs.existsSync(path.join(BIN, 'pg_basebackup'))) {
    throw new Error(`PostgreSQL's server tools (initdb, pg_ctl, pg_basebackup) are not in ${BIN}: set PG_BIN`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-replicas-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const primary = path.join(dir, 'primary');
  const standby = path.join(dir, 'standby');
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  let started: string[] = [];
  const stopServer = (dataDir: string) => {
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    } catch {
      /* not running */
    }
    started = started.filter((d) => d !== dataDir);
  };
  const startServer = (dataDir: string) => {
    run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, `${path.basename(dataDir)}.log`), '-w', '-t', '60', 'start']);
    started.push(dataDir);
  };
  const stop = () => {
    for (const d of [...started].reverse()) stopServer(d);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const common = [
      `unix_socket_directories = '${dir}'`,
      "listen_addresses = '127.0.0.1'",
      'fsync = off',
      'full_page_writes = off',
      "shared_buffers = '32MB'",
      'max_connections = 250', // the bench's database ceiling opens 100 at once
    ];
    appendConf(primary, [...common, `port = ${primaryPort}`, 'wal_level = replica', 'max_wal_senders = 4']);
    startServer(primary);
    const db = opts.database ?? 'postgres';
    // Made before the base backup, so the standby has it from its first start.
    if (db !== 'postgres') run('createdb', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', db]);
    // -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
    run(
      'pg_basebackup',
      ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'].concat([
        '-D',
        standby,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
      ]),
    );
    appendConf(standby, [`port = ${standbyPort}`, 'hot_standby = on', 'hot_standby_feedback = on']);
    startServer(standby);
    return {
      dir,
      primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/${db}`,
      standbyUrl: `postgres://postgres@127.0.0.1:${standbyPort}/${db}`,
      stopStandby: () => stopServer(standby),
      startStandby: () => startServer(standby),
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pair = await startReplicaPair({ database: process.env.REPLICA_PAIR_DB ?? 'gongzhi' });
  process.stdout.write(
    `primary and standby running in ${pair.dir}\n` +
      `  DATABASE_URL=${pair.primaryUrl}\n  DATABASE_READ_URL=${pair.standbyUrl}\n` +
      'Ctrl-C stops both and removes the folder.\n',
  );
  const done = () => {
    pair.stop();
    process.exit(0);
  };
  process.on('SIGINT', done);
  process.on('SIGTERM', done);
  setInterval(() => undefined, 1 << 30);
}
