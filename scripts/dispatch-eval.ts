/**
 * `npm run dispatch:eval -- <file.csv>`: stratified 5-fold cross-validation of the learned dispatch's classifier
 * on any UTF-8 CSV with a header row and the columns `text,category`; prints accuracy and macro-F1 with F1 per
 * category beside a majority-class baseline. `--db` evaluates the problem reports of the configured database (an
 * empty development database gets the demo data first); `--demo` a corpus from the demo texts' generator.
 */
import fs from 'node:fs';
import { pino } from 'pino';
import { prepareDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/kernel/config.js';
import { openDatabase } from '../src/kernel/db/client.js';
import { labelledReports } from '../src/modules/open311/dispatch.service.js';
import { crossValidate, formatCrossValidation, parseCsv } from '../src/modules/open311/classifier.js';
import { demoCorpus } from '../src/modules/service-orders/demo-texts.js';

const arg = process.argv[2];
if (!arg) {
  process.stderr.write('usage: npm run dispatch:eval -- <file.csv>   (columns text,category; or --demo)\n');
  process.exit(2);
}
async function fromDatabase() {
  // The configured database (DATA_DIR / DATABASE_URL); an empty one in development gets the demo data first.
  const config = loadConfig();
  const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 2 });
  try {
    await prepareDatabase(database, config, pino({ level: 'warn' }));
    return await labelledReports(database.db);
  } finally {
    await database.close();
  }
}
const samples =
  arg === '--demo'
    ? demoCorpus(40).map((r) => ({ text: r.text, label: r.category }))
    : arg === '--db'
      ? await fromDatabase()
      : parseCsv(fs.readFileSync(arg, 'utf8')).map((r) => ({ text: r.text ?? '', label: (r.category ?? '').trim() }));
const usable = samples.filter((s) => s.text.trim() && s.label);
if (usable.length < 5) {
  process.stderr.write('need at least 5 rows with both text and category\n');
  process.exit(2);
}
process.stdout.write(`${formatCrossValidation(crossValidate(usable, 5))}\n`);
