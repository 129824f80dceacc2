import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../kernel/paths.js';

const run = promisify(execFile);

/**
 * The generator and the bench script at the tiny scale (one community, ~600 residents, half-second loads), so they
 * cannot rot. Benchmarks themselves never run in `npm test`: this only checks that both scripts work end to end
 * on PGlite (the real app in a child process, autocannon, the ceilings, JSON and the Markdown table).
 */
describe('benchmark tooling (tiny scale)', () => {
  it('generates data the app reads and runs the bench end to end', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-test-'));
    try {
      // Generate where the bench looks for its data (<work-dir>/<engine>-<scale>-s<seed>-y<years>), then let it reuse
      // it. Four years of history (decision 051): the orders and their timelines spread over ~50 monthly partitions
      // (`--years 10` works the same; the suite keeps the shorter history for its time).
      const dataDir = path.join(work, 'pglite-tiny-s3-y4');
      const gen = await run(
        'npx',
        ['tsx', fromRoot('scripts', 'gen.ts'), '--scale', 'tiny', '--seed', '3', '--years', '4', '--data-dir', dataDir],
        { cwd: fromRoot(), maxBuffer: 1 << 24 },
      );
      expect(gen.stdout).toMatch(/\[gen\] residents .*rows\/s/);
      const json0 = gen.stdout.slice(gen.stdout.indexOf('{\n'));
      const summary = JSON.parse(json0) as { rows: Record<string, number> };
      expect(summary.rows.residents).toBeGreaterThan(500);
      expect(summary.rows.grids).toBe(24);
      expect(gen.stdout).toMatch(/\[gen\] monthly partitions: \d+ created for 4 years of history/);
      expect(summary.rows.service_orders).toBe(800); // 600 per three years, over four
      expect(summary.rows.order_events).toBeGreaterThan(600);
      expect(summary.rows.order_rollups).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(dataDir, 'generated.json'))).toBe(true);

      const docs = path.join(work, 'BENCHMARKS.md');
      const results = path.join(work, 'results');
      const bench = await run(
        'npx',
        [
          'tsx',
          fromRoot('scripts', 'bench.ts'),
          '--engine',
          'pglite',
          '--scale',
          'tiny',
          '--seed',
          '3',
          '--years',
          '4',
          '--duration',
          '0.5',
          '--list-requests',
          '3',
          '--skip-console',
          '--work-dir',
          work,
          '--results-dir',
          results,
          '--docs',
          docs,
        ],
        { cwd: fromRoot(), maxBuffer: 1 << 24 },
      );
      expect(bench.stdout).toContain('reusing generated data');
      expect(bench.stdout).toContain('| ceiling: bare Fastify GET | 10 |');
      expect(bench.stdout).toContain('| app: POST /api/orders');
      const [file] = fs.readdirSync(results);
      const json = JSON.parse(fs.readFileSync(path.join(results, file!), 'utf8')) as {
        app: {
          orderIntake: { rps: number; errors: number }[];
          lists: { p95: number }[];
          figures: { found: number; level: string }[];
          peakRssKb: number;
          locateInProcess: { lookupsPerSecond: number };
        };
        ceilings: { bareFastify: { rps: number }[]; database: { perSecond: number; errors: number }[] };
        targets: { target: string; holds: boolean }[];
      };
      expect(json.ceilings.bareFastify[0]!.rps).toBeGreaterThan(0);
      expect(json.ceilings.database[0]!.perSecond).toBeGreaterThan(0);
      expect(json.ceilings.database.every((l) => l.errors === 0)).toBe(true);
      expect(json.app.orderIntake[0]!.rps).toBeGreaterThan(0);
      expect(json.app.orderIntake.every((l) => l.errors === 0)).toBe(true);
      expect(json.app.lists).toHaveLength(4);
      // Community, district and city, all time and the last 30 days; the generated orders are in the figures.
      expect(json.app.figures).toHaveLength(6);
      expect(json.app.figures.find((f) => f.level === 'community')!.found).toBeGreaterThan(600);
      expect(json.targets.length).toBeGreaterThanOrEqual(5);
      expect(json.app.locateInProcess.lookupsPerSecond).toBeGreaterThan(0);
      expect(json.app.peakRssKb).toBeGreaterThan(0);
      expect(fs.readFileSync(docs, 'utf8')).toContain('<!-- bench:pglite-tiny:start -->');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 300_000); // generation and five short loads: minutes when both engines' projects share two busy cores
});
