import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest first (decision 043). Every project (api, browser, and their :pg twins) runs in one group on the two
 * workers, so the order decides how the run ends: a 150 s browser file started last leaves one core idle for minutes.
 * Files are sorted by the seconds they took in a recorded run (`src/test/timings.json`, refreshed by
 * `node scripts/test-timings.mjs <vitest json report>`), falling back to a guess from the kind and size of the file.
 */
const TIMINGS_FILE = path.join(import.meta.dirname, 'timings.json');

function loadTimings(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(TIMINGS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** The key of a file in timings.json: its path from the repository root (the longer time of its two engines). */
export function timingKey(file: string): string {
  return path
    .relative(path.join(import.meta.dirname, '..', '..'), file)
    .split(path.sep)
    .join('/');
}

export function guessSeconds(file: string): number {
  if (file.endsWith('.browser.test.ts')) return 60;
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    // a file that vanished sorts last
  }
  return 5 + size / 2000;
}

export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const timings = loadTimings();
    const seconds = (spec: TestSpecification) => {
      return timings[timingKey(spec.moduleId)] ?? guessSeconds(spec.moduleId);
    };
    const withTime = files.map((spec) => ({ spec, s: seconds(spec) }));
    withTime.sort((a, b) => b.s - a.s);
    return Promise.resolve(withTime.map((x) => x.spec));
  }
}
