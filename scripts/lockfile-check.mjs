#!/usr/bin/env node
// Supply chain (issue 18 point 10, decision 035): the lockfile names only packages from the public npm registry,
// over https, each pinned by an sha512 integrity. Run by `npm run lint`; exits 1 and lists every offending entry.
//
//   node scripts/lockfile-check.mjs [path/to/package-lock.json]
//
// Rules, per entry of `packages` (lockfile v2/v3) except the root:
// - a `resolved` URL, where present, starts with https://registry.npmjs.org/ (no git, file, http or other host);
//   an entry without one is fetched from the configured registry by its name and version (npm's
//   omit-lockfile-registry-resolved), so it must then carry a `version` and must not be a git/file spec;
// - every installed entry carries an `integrity`, and that integrity is sha512 (sha1 is refused);
// - a registry `resolved` URL names the entry's own package and version (lockfile-lint's validate-package-names,
//   decision 053): `node_modules/a` resolved to another package's tarball — a lockfile injection — is refused;
// - a `link` entry (a workspace) points inside the repository (no `..`, no absolute path).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ALLOWED_REGISTRY = 'https://registry.npmjs.org/';

/** The registry tarball of an entry: its package name (the alias's real `name`, else from the path) and version. */
function tarballUrl(key, entry) {
  const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `${ALLOWED_REGISTRY}${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
}

/** Returns the problems of a parsed lockfile, one string each; empty when it passes. */
export function checkLockfile(lock) {
  const problems = [];
  if (!lock || typeof lock !== 'object') return ['not a JSON object'];
  if (!lock.lockfileVersion || lock.lockfileVersion < 2) {
    problems.push(`lockfileVersion ${lock.lockfileVersion ?? '(none)'}: version 2 or 3 is required`);
  }
  const packages = lock.packages ?? {};
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '') continue;
    const name = key || '(root)';
    if (entry.link) {
      const target = String(entry.resolved ?? '');
      if (path.isAbsolute(target) || target.split(/[\\/]/).includes('..')) {
        problems.push(`${name}: link to ${target} outside the repository`);
      }
      continue;
    }
    if (entry.resolved !== undefined) {
      if (typeof entry.resolved !== 'string' || !entry.resolved.startsWith(ALLOWED_REGISTRY)) {
        problems.push(`${name}: resolved from ${entry.resolved} (only ${ALLOWED_REGISTRY} is allowed)`);
      } else if (entry.resolved !== tarballUrl(key, entry)) {
        problems.push(`${name}: resolved to ${entry.resolved}, not its own tarball ${tarballUrl(key, entry)}`);
      }
    } else if (!entry.version || /^(git|file|https?|github):/.test(String(entry.version))) {
      problems.push(`${name}: no resolved URL and no registry version (${entry.version ?? 'none'})`);
    }
    if (!entry.integrity) {
      problems.push(`${name}: no integrity`);
    } else if (
      !String(entry.integrity)
        .split(/\s+/)
        .every((i) => i.startsWith('sha512-'))
    ) {
      problems.push(`${name}: integrity ${String(entry.integrity).split('-')[0]} (sha512 is required)`);
    }
  }
  return problems;
}

function main() {
  const file = path.resolve(process.argv[2] ?? 'package-lock.json');
  let lock;
  try {
    lock = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`lockfile-check: cannot read ${file}: ${e.message}`);
    process.exit(1);
  }
  const problems = checkLockfile(lock);
  const count = Object.keys(lock.packages ?? {}).length - 1;
  if (problems.length) {
    console.error(`lockfile-check: ${problems.length} problem(s) in ${path.relative(process.cwd(), file) || file}:`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(`lockfile-check: ${count} packages, all from ${ALLOWED_REGISTRY} with sha512 integrity`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
