import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Issue 18 point 10 (decision 035): scripts/lockfile-check.mjs (run by `npm run lint`) and scripts/sbom.mjs (run
// by `npm run build:server`), driven as the npm scripts drive them: node, a lockfile path, an exit code.
const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-supply-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const integrity = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
function lockfile(packages: Record<string, object>): string {
  const file = path.join(dir, `lock-${Math.random().toString(36).slice(2)}.json`);
  const root = { name: 'fixture', version: '1.0.0', dependencies: { a: '^1.0.0' } };
  fs.writeFileSync(
    file,
    JSON.stringify({ name: 'fixture', version: '1.0.0', lockfileVersion: 3, packages: { '': root, ...packages } }),
  );
  return file;
}
function check(file: string) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/lockfile-check.mjs'), file], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('lockfile check', () => {
  it("passes the repository's own lockfile", () => {
    const r = check(path.join(root, 'package-lock.json'));
    expect(r.out).toContain('all from https://registry.npmjs.org/');
    expect(r.code).toBe(0);
  });

  it('passes entries resolved on the registry or pinned by version and sha512', () => {
    const r = check(
      lockfile({
        'node_modules/a': { version: '1.0.0', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity },
        'node_modules/@s/b': { version: '2.0.0', integrity, dev: true },
        'node_modules/@s/c': { version: '3.1.0', resolved: 'https://registry.npmjs.org/@s/c/-/c-3.1.0.tgz', integrity },
        // An alias (`"d": "npm:e@^1"`): the entry names the real package.
        'node_modules/d': {
          name: 'e',
          version: '1.2.0',
          resolved: 'https://registry.npmjs.org/e/-/e-1.2.0.tgz',
          integrity,
        },
      }),
    );
    expect(r.out).toBe('lockfile-check: 4 packages, all from https://registry.npmjs.org/ with sha512 integrity\n');
    expect(r.code).toBe(0);
  });

  it('refuses an entry resolved to another package’s or version’s tarball (lockfile injection)', () => {
    const r = check(
      lockfile({
        'node_modules/lodash': {
          version: '4.17.21',
          resolved: 'https://registry.npmjs.org/lodahs/-/lodahs-4.17.21.tgz',
          integrity,
        },
        'node_modules/@s/c': { version: '3.1.0', resolved: 'https://registry.npmjs.org/@s/c/-/c-3.0.9.tgz', integrity },
        'node_modules/a/node_modules/b': {
          version: '1.0.0',
          resolved: 'https://registry.npmjs.org/b/-/b-1.0.0.tgz',
          integrity,
        },
      }),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('2 problem(s)');
    expect(r.out).toContain('node_modules/lodash: resolved to https://registry.npmjs.org/lodahs/-/lodahs-4.17.21.tgz');
    expect(r.out).toContain('node_modules/@s/c: resolved to');
    expect(r.out).not.toContain('node_modules/a/node_modules/b:');
  });

  it('refuses a foreign host, plain http, git, a missing or sha1 integrity — naming each entry', () => {
    const r = check(
      lockfile({
        'node_modules/evil': { version: '1.0.0', resolved: 'https://registry.evil.example/evil-1.0.0.tgz', integrity },
        'node_modules/plain': {
          version: '1.0.0',
          resolved: 'http://registry.npmjs.org/plain/-/plain-1.0.0.tgz',
          integrity,
        },
        'node_modules/fromgit': { version: '1.0.0', resolved: 'git+ssh://git@github.com/x/y.git#abc', integrity },
        'node_modules/nohash': { version: '1.0.0', resolved: 'https://registry.npmjs.org/nohash/-/nohash-1.0.0.tgz' },
        'node_modules/weak': { version: '1.0.0', integrity: 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=' },
        'node_modules/nover': { integrity },
      }),
    );
    expect(r.code).toBe(1);
    for (const name of ['evil', 'plain', 'fromgit', 'nohash', 'weak', 'nover']) {
      expect(r.out).toContain(`node_modules/${name}:`);
    }
    expect(r.out).toContain('6 problem(s)');
  });

  it('refuses an unreadable lockfile and a version-1 lockfile', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ not json');
    expect(check(bad).code).toBe(1);
    const v1 = path.join(dir, 'v1.json');
    fs.writeFileSync(v1, JSON.stringify({ name: 'x', lockfileVersion: 1, dependencies: {} }));
    expect(check(v1)).toMatchObject({ code: 1 });
  });
});

describe('SBOM', () => {
  it('writes CycloneDX 1.5 JSON with every locked package, its purl, sha512 and scope', () => {
    const lock = lockfile({
      'node_modules/a': { version: '1.0.0', integrity, license: 'MIT' },
      'node_modules/@s/b': { version: '2.0.0', integrity, dev: true, license: 'Apache-2.0' },
      'node_modules/a/node_modules/@s/b': { version: '2.0.0', integrity, dev: true },
    });
    const out = path.join(dir, 'out', 'sbom.cdx.json');
    execFileSync(process.execPath, [path.join(root, 'scripts/sbom.mjs'), lock, out], {
      env: { ...process.env, SOURCE_DATE_EPOCH: '1765065600' },
    });
    const bom = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1 });
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bom.metadata.timestamp).toBe('2025-12-07T00:00:00Z');
    expect(bom.metadata.component).toMatchObject({ name: 'fixture', version: '1.0.0' });
    // The nested copy of @s/b@2.0.0 is the same component.
    expect(bom.components).toHaveLength(2);
    expect(bom.components).toEqual([
      expect.objectContaining({
        name: '@s/b',
        purl: 'pkg:npm/%40s/b@2.0.0',
        scope: 'optional',
        licenses: [{ expression: 'Apache-2.0' }],
      }),
      expect.objectContaining({
        name: 'a',
        purl: 'pkg:npm/a@1.0.0',
        scope: 'required',
        hashes: [{ alg: 'SHA-512', content: Buffer.alloc(64, 7).toString('hex') }],
      }),
    ]);
    // Same lockfile, same serial number.
    const again = path.join(dir, 'again.json');
    execFileSync(process.execPath, [path.join(root, 'scripts/sbom.mjs'), lock, again]);
    expect(JSON.parse(fs.readFileSync(again, 'utf8')).serialNumber).toBe(bom.serialNumber);
  });

  it("covers the repository's lockfile: every production dependency is a required component", () => {
    const out = path.join(dir, 'repo.cdx.json');
    execFileSync(process.execPath, [path.join(root, 'scripts/sbom.mjs'), path.join(root, 'package-lock.json'), out]);
    const bom = JSON.parse(fs.readFileSync(out, 'utf8')) as { components: { name: string; scope: string }[] };
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const required = new Set(bom.components.filter((c) => c.scope === 'required').map((c) => c.name));
    for (const dep of Object.keys(pkg.dependencies)) expect(required.has(dep), dep).toBe(true);
  });

  // npm ≥ 10 writes CycloneDX itself (`npm sbom`); ours needs no installed tree and is reproducible. They must agree:
  // the same components, and every package npm counts for production (--omit dev) required in ours (ours also
  // marks required the few reached only through a production package's peer dependencies: never fewer).
  it('agrees with npm’s own CycloneDX SBOM of the lockfile', (ctx) => {
    const npmSbom = (...extra: string[]) => {
      const r = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--package-lock-only', ...extra], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      return r.status === 0 ? (JSON.parse(r.stdout) as { components: { purl: string }[] }) : null;
    };
    const all = npmSbom();
    if (!all) return ctx.skip('npm sbom is not available (npm < 10?): comparison skipped');
    const prod = npmSbom('--omit', 'dev')!;
    const out = path.join(dir, 'compare.cdx.json');
    execFileSync(process.execPath, [path.join(root, 'scripts/sbom.mjs'), path.join(root, 'package-lock.json'), out]);
    const ours = JSON.parse(fs.readFileSync(out, 'utf8')) as { components: { purl: string; scope: string }[] };
    expect(new Set(ours.components.map((c) => c.purl))).toEqual(new Set(all.components.map((c) => c.purl)));
    const required = new Set(ours.components.filter((c) => c.scope === 'required').map((c) => c.purl));
    expect(prod.components.length).toBeGreaterThan(100);
    for (const c of prod.components) expect(required.has(c.purl), c.purl).toBe(true);
  }, 120_000);
});
