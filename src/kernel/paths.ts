import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
  return dir;
}

/** The project folder, found the same way from src/ (tsx, vitest) and from dist/ (built server). */
export const PROJECT_ROOT = findRoot(import.meta.dirname);
export const fromRoot = (...parts: string[]) => path.join(PROJECT_ROOT, ...parts);
