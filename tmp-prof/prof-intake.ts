import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/kernel/clock.js';
import { openDatabase } from '../src/kernel/db/client.js';
import { BENCH_RESIDENTS_SQL, genConfig } from '../scripts/bench/generate.js';

const [url, dataDir] = process.argv.slice(2);
const config = { ...genConfig({ databaseUrl: url, dataDir: dataDir! }), LOG_LEVEL: 'silent' as const };
const database = await openDatabase(config);
const app = await createApp({ config, database, clock: systemClock }, pino({ level: 'silent' }));
const base = await app.listen({ port: 0, host: '127.0.0.1' });
async function login(username: string) {
  const jar = new Map<string, string>();
  const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.set(c.split(';')[0]!.split('=')[0]!, c.split(';')[0]!.split('=')[1]!));
  keep(await fetch(`${base}/api/auth/csrf`));
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  keep(await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': jar.get('gz_csrf')!, cookie: cookie() }, body: JSON.stringify({ username, password: 'Gongzhi@2026' }) }));
  return { cookie: cookie(), 'x-csrf-token': jar.get('gz_csrf')!, 'content-type': 'application/json' };
}
const who = await database.query<{ username: string; territory_id: number; a: number; b: number; c: number; d: number }>(BENCH_RESIDENTS_SQL);
const heads = [];
for (const r of who.slice(0, 50)) heads.push(await login(r.username));
const bodies = who.slice(0, 50).map((r, i) => JSON.stringify({ kind: 'problem', category: 'repair', title: `压测${i}`, description: '楼道灯不亮', territoryId: r.territory_id, location: { lng: r.a + (r.c - r.a) * 0.37, lat: r.b + (r.d - r.b) * 0.61 } }));
let k = 0;
const run = (s: number) => autocannon({ url: base, connections: 10, duration: s, requests: [{ method: 'POST', path: '/api/orders', headers: heads[0], body: bodies[0], setupRequest: (raw: any) => { const i = k++ % heads.length; return { ...raw, headers: heads[i], body: bodies[i] }; } }] } as any);
await run(2);
const { Session } = await import('node:inspector/promises');
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const r = await run(6);
const { profile } = await session.post('Profiler.stop');
(await import('node:fs')).writeFileSync('/tmp/intake.cpuprofile', JSON.stringify(profile));
console.log('rps', r.requests.average, 'p99', r.latency.p99, 'non2xx', r.non2xx);
// self time by function
const nodes = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const self = new Map<string, number>();
const dt = profile.timeDeltas as number[];
const total = dt.reduce((a, b) => a + b, 0);
profile.samples.forEach((id: number, i: number) => { const n = nodes.get(id); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0)); });
[...self].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log((v / total * 100).toFixed(1).padStart(5), k));
// by package (url)
const pk = new Map<string, number>();
profile.samples.forEach((id: number, i: number) => { const n = nodes.get(id); const u = n.callFrame.url; const key = u.includes('node_modules/') ? u.split('node_modules/')[1].split('/').slice(0, u.split('node_modules/')[1].startsWith('@') ? 2 : 1).join('/') : u.includes('/work/main/src') ? 'app:' + u.split('/work/main/')[1] : (u || n.callFrame.functionName); pk.set(key, (pk.get(key) ?? 0) + (dt[i] ?? 0)); });
console.log('--- by package');
[...pk].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log((v / total * 100).toFixed(1).padStart(5), k));
await app.close();
await database.close();
process.exit(0);
