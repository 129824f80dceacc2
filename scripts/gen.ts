import { parseArgs } from 'node:util';
import { generate, isScale, SCALES } from './bench/generate.js';

/**
 * npm run gen -- --scale street|district|city [--seed N] [--years N] [--database-url postgres://…] [--data-dir DIR]
 * Fills an empty database (PGlite in --data-dir, or PostgreSQL at --database-url; default: the app's own
 * DATABASE_URL / DATA_DIR) with the benchmark data. The development PII keys live in DATA_DIR/keys in both
 * cases: start the app with the same DATA_DIR to read the residents' numbers.
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'street' },
    seed: { type: 'string', default: '1' },
    /** Years of order history (default 3; `--years 10`: ten years, the orders per year unchanged). */
    years: { type: 'string', default: '3' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const scale = values.scale ?? 'street';
if (!isScale(scale)) {
  process.stderr.write(`--scale must be one of ${Object.keys(SCALES).join(', ')}\n`);
  process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  process.stderr.write('--seed must be an integer\n');
  process.exit(2);
}
const years = Number(values.years);
if (!Number.isInteger(years) || years < 1 || years > 30) {
  process.stderr.write('--years must be a whole number of years from 1 to 30\n');
  process.exit(2);
}
const summary = await generate({
  scale,
  seed,
  years,
  databaseUrl: values['database-url'] ?? process.env.DATABASE_URL,
  dataDir: values['data-dir'] ?? process.env.DATA_DIR ?? './data',
});
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
