import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.js';
import { escapeLike } from './search.js';

/** Every file under src/ that holds TypeScript product code (tests, too: they may build filters the same way). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('search boxes match their text literally', () => {
  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('no contains-search (i)like pattern is built from a value without escapeLike', () => {
    // A pattern "%" + text + "%" with the text straight from a query lets 「%」 or 「_」 typed in a search box match
    // everything. (Prefix matches on tree paths, `${path}%`, are left alone: paths hold no wildcards.)
    const pattern = /\b(?:i?like)\(\s*[^,]+,\s*`%\$\{(?!escapeLike\()[^`]*`/g;
    const offenders: string[] = [];
    for (const file of sources(fromRoot('src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(pattern)) {
        const line = text.slice(0, m.index).split('\n').length;
        offenders.push(`${path.relative(fromRoot(), file)}:${line} ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
