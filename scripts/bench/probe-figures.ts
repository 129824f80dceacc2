/**
 * Times GET /api/orders/figures against generated bench data, split into the service (queries and ranking) and the
 * whole request (serialisation, transfer): `npx tsx scripts/bench/probe-figures.ts <postgres URL> <data dir>`.
 */
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/kernel/clock.js';
import { openDatabase } from '../../src/kernel/db/client.js';
import { genConfig } from './generate.js';

const [url, dataDir] = process.argv.slice(2);
const config = { ...genConfig({ databaseUrl: url, dataDir: dataDir! }), LOG_LEVEL: 'silent' as const };
const database = await openDatabase(config);
const app = await createApp({ config, database, clock: systemClock }, pino({ level: 'silent' }));
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const csrf = await fetch(`${base}/api/auth/csrf`);
const jar = new Map<string, string>();
const keep = (r: Response) =>
  r.headers.getSetCookie().forEach((c) => jar.set(c.split(';')[0]!.split('=')[0]!, c.split(';')[0]!.split('=')[1]!));
keep(csrf);
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-csrf-token': jar.get('gz_csrf')!, cookie: cookie() },
  body: JSON.stringify({ username: 'city_admin', password: 'Gongzhi@2026' }),
});
keep(login);
const places = await database.query<{ id: number; name: string }>(
  `select id, name from territories where division_code in ('630104006001','630104','6301') order by depth desc`,
);
for (const p of places) {
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/orders/figures?territoryId=${p.id}`, { headers: { cookie: cookie() } });
    const body = await res.text();
    if (i >= 5)
      process.stdout.write(
        `${p.name}: ${res.status} ${(performance.now() - t0).toFixed(1)} ms, ${body.length} bytes\n`,
      );
  }
}
await app.close();
await database.close();
