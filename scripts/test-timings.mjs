#!/usr/bin/env node
// Refreshes src/test/timings.json (the seconds each test file took, read by src/test/sequencer.ts to start the longest
// files first) from a vitest JSON report: `node scripts/test-timings.mjs <report.json>` (.ci/run prints its path).
import fs from 'node:fs';
import path from 'node:path';

const report = process.argv[2];
if (!report) {
  console.error('usage: node scripts/test-timings.mjs <vitest json report>');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const { testResults } = JSON.parse(fs.readFileSync(report, 'utf8'));
const out = {};
for (const r of testResults) {
  // From `src/` on: the report may come from another checkout of the repository (CI's clone).
  const name = r.name.split(path.sep).join('/');
  const rel = name.includes('/src/') ? name.slice(name.lastIndexOf('/src/') + 1) : path.relative(root, r.name);
  // The report does not name the project: a file that ran on both engines keeps the longer of its two times.
  out[rel] = Math.max(out[rel] ?? 0, Math.round((r.endTime - r.startTime) / 100) / 10);
}
const sorted = Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
fs.writeFileSync(path.join(root, 'src/test/timings.json'), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`timings of ${Object.keys(sorted).length} files written to src/test/timings.json`);
