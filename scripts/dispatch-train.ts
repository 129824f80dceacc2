/**
 * `npm run dispatch:train`: trains the learned dispatch (docs/decisions/024) from the deployment's own resolved
 * orders on the configured database (DATABASE_URL, else the embedded one in DATA_DIR) and stores it as the newest
 * model; running servers use it from their next suggestion on, without a restart. The embedded database admits
 * one process at a time: with it, stop the server first or use the console's "train now" (POST /api/dispatch/train).
 */
import { systemClock } from '../src/kernel/clock.js';
import { loadConfig } from '../src/kernel/config.js';
import { openDatabase } from '../src/kernel/db/client.js';
import { MIN_SAMPLES, trainDispatchModel } from '../src/modules/open311/dispatch.service.js';

const config = loadConfig();
const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 2 });
try {
  await database.migrate();
  const done = await trainDispatchModel(database.db, systemClock);
  if (!done) {
    process.stdout.write(`fewer than ${MIN_SAMPLES} resolved orders: no model stored\n`);
    process.exitCode = 1;
  } else process.stdout.write(`dispatch model #${done.id} trained on ${done.samples} resolved orders\n`);
} finally {
  await database.close();
}
