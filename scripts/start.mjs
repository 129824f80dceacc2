// `npm start`: builds the server and the console only when their output is missing or older than the sources,
// then runs the server in this process (node:cluster workers, when WORKERS > 1, re-run this file and skip the build).
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);

/** Newest modification time of the files under `dir` that `keep` accepts. */
function newest(dir, keep) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) max = Math.max(max, newest(full, keep));
    else if (keep(full)) max = Math.max(max, statSync(full).mtimeMs);
  }
  return max;
}
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const configs = (...files) => Math.max(...files.map((f) => mtime(at(f))));

const isTest = (f) => /\.test\.tsx?$/.test(f) || f.includes(`${path.sep}test${path.sep}`);
const builds = [
  {
    name: 'server',
    output: at('dist', 'server', 'main.js'),
    sources: () =>
      Math.max(
        newest(at('src'), (f) => f.endsWith('.ts') && !isTest(f)),
        configs('tsconfig.json', 'tsconfig.server.json', 'package-lock.json'),
      ),
    script: 'build:server',
  },
  {
    name: 'console',
    output: at('dist', 'web', 'index.html'),
    sources: () =>
      Math.max(
        newest(at('src'), (f) => !isTest(f)),
        configs('vite.config.ts', 'tsconfig.web.json', 'package-lock.json'),
      ),
    script: 'build:web',
  },
];

if (cluster.isPrimary) {
  for (const b of builds) {
    const built = mtime(b.output);
    if (built && built >= b.sources()) {
      console.log(`${b.name}: build is current (npm run build forces one)`);
      continue;
    }
    console.log(`${b.name}: ${built ? 'sources changed' : 'no build yet'}, building…`);
    const r = spawnSync('npm', ['run', b.script], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

await import(pathToFileURL(at('dist', 'server', 'main.js')).href);
