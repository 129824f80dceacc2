#!/usr/bin/env node
// The static checks of `npm test`, run side by side (decision 043): lint (server and console code apart, so each
// ESLint process builds only the TypeScript program it needs), formatting, module walls, the lockfile's sources
// (decision 035), both type checks and the console build. They used to run one after the other, each on one core; on CI's two cores running two at a time,
// longest first, takes about half the time. Each job's output is printed when it ends, with its time.
//   node scripts/check.mjs            every check
//   node scripts/check.mjs lint walls only the named ones
import { spawn } from 'node:child_process';
import os from 'node:os';

const UI = ['src/web/**', 'src/modules/*/ui/**'];
const JOBS = [
  // Longest first: the order of this list is the order they start in.
  {
    name: 'lint:server',
    group: 'lint',
    cmd: ['npx', 'eslint', '.', '--max-warnings=0', ...UI.flatMap((p) => ['--ignore-pattern', p])],
  },
  { name: 'build:web', group: 'build', cmd: ['npx', 'vite', 'build', '--logLevel', 'warn'] },
  { name: 'tsc:server', group: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  {
    name: 'lint:console',
    group: 'lint',
    cmd: ['npx', 'eslint', '--max-warnings=0', 'src/web/**/*.{ts,tsx}', 'src/modules/*/ui/**/*.{ts,tsx}'],
  },
  { name: 'tsc:console', group: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.web.json', '--noEmit'] },
  { name: 'walls', group: 'walls', cmd: ['npx', 'tsx', 'scripts/walls.ts'] },
  { name: 'format', group: 'format', cmd: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'] },
  { name: 'lockfile', group: 'lockfile', cmd: ['node', 'scripts/lockfile-check.mjs'] },
];

const wanted = process.argv.slice(2);
const jobs = wanted.length ? JOBS.filter((j) => wanted.includes(j.name) || wanted.includes(j.group)) : JOBS;
if (wanted.length && jobs.length === 0) {
  console.error(`unknown check: ${wanted.join(' ')} (known: ${JOBS.map((j) => j.name).join(', ')})`);
  process.exit(2);
}
const width = Math.max(1, Number(process.env.CHECK_JOBS) || Math.min(os.availableParallelism(), 4));

function run(job) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(job.cmd[0], job.cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const ok = code === 0;
      console.log(`${ok ? '✓' : '✗'} ${job.name} (${seconds} s)`);
      if (!ok || out.trim()) process.stdout.write(out.endsWith('\n') || !out ? out : `${out}\n`);
      resolve(ok);
    });
  });
}

const queue = [...jobs];
const failed = [];
const started = Date.now();
await Promise.all(
  Array.from({ length: Math.min(width, queue.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) if (!(await run(job))) failed.push(job.name);
  }),
);
const total = ((Date.now() - started) / 1000).toFixed(0);
if (failed.length) {
  console.log(`static checks failed: ${failed.join(', ')} (${total} s)`);
  process.exit(1);
}
console.log(`static checks passed: ${jobs.length} in ${total} s, ${width} at a time`);
