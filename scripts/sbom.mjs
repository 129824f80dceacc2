#!/usr/bin/env node
// Software bill of materials (issue 18 point 10, decision 035): CycloneDX 1.5 JSON of every package in
// package-lock.json, written by `npm run build:server` to dist/sbom.cdx.json. No network, no dependency: it reads
// the lockfile only, so the SBOM names exactly what `npm ci` installs.
//
//   node scripts/sbom.mjs [package-lock.json] [out.json]
//
// Each component: name, version, purl (pkg:npm/...), the sha512 from the lockfile's integrity as a hex hash, the
// licence the lockfile records, scope `required` for what production installs (`npm ci --omit=dev`) and `optional`
// for development-only packages. The document is deterministic for one lockfile (serial number derived from its
// hash; timestamp from SOURCE_DATE_EPOCH when set, else now).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package name of a lockfile key: the part after its last `node_modules/`. */
function packageName(key, entry) {
  if (entry.name) return entry.name;
  const i = key.lastIndexOf('node_modules/');
  return i >= 0 ? key.slice(i + 'node_modules/'.length) : key;
}

export function purl(name, version) {
  const [scope, bare] = name.startsWith('@') ? name.split('/') : [undefined, name];
  const ns = scope ? `${encodeURIComponent(scope)}/` : '';
  return `pkg:npm/${ns}${encodeURIComponent(bare)}@${encodeURIComponent(version)}`;
}

function hashes(integrity) {
  if (!integrity) return undefined;
  const out = [];
  for (const part of String(integrity).split(/\s+/)) {
    const [alg, b64] = [part.slice(0, part.indexOf('-')), part.slice(part.indexOf('-') + 1)];
    const cdxAlg = { sha512: 'SHA-512', sha384: 'SHA-384', sha256: 'SHA-256', sha1: 'SHA-1' }[alg];
    if (cdxAlg) out.push({ alg: cdxAlg, content: Buffer.from(b64, 'base64').toString('hex') });
  }
  return out.length ? out : undefined;
}

/** Builds the CycloneDX document of a parsed lockfile (`lockText` is its text, for the serial number). */
export function buildSbom(lock, lockText, now = new Date()) {
  const root = lock.packages?.[''] ?? { name: lock.name, version: lock.version };
  const rootName = root.name ?? lock.name ?? 'app';
  const rootVersion = root.version ?? lock.version ?? '0.0.0';
  const byRef = new Map();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (key === '' || entry.link || !entry.version) continue;
    const name = packageName(key, entry);
    const ref = purl(name, entry.version);
    if (byRef.has(ref)) continue; // the same name@version nested twice is one component
    const component = {
      type: 'library',
      'bom-ref': ref,
      name,
      version: entry.version,
      purl: ref,
      scope: entry.dev || entry.devOptional ? 'optional' : 'required',
    };
    const h = hashes(entry.integrity);
    if (h) component.hashes = h;
    if (entry.license) component.licenses = [{ expression: String(entry.license) }];
    if (entry.resolved) component.externalReferences = [{ type: 'distribution', url: entry.resolved }];
    byRef.set(ref, component);
  }
  const components = [...byRef.values()].sort((a, b) => a['bom-ref'].localeCompare(b['bom-ref']));
  const digest = crypto.createHash('sha256').update(lockText).digest('hex');
  // A UUID (v4 layout) taken from the lockfile's hash: the same lockfile gives the same serial number.
  const serial = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${serial}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      tools: { components: [{ type: 'application', name: 'gongzhi scripts/sbom.mjs', version: rootVersion }] },
      component: { type: 'application', 'bom-ref': purl(rootName, rootVersion), name: rootName, version: rootVersion },
    },
    components,
  };
}

function main() {
  const lockFile = path.resolve(process.argv[2] ?? 'package-lock.json');
  const outFile = path.resolve(process.argv[3] ?? 'dist/sbom.cdx.json');
  const text = fs.readFileSync(lockFile, 'utf8');
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const now = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  const bom = buildSbom(JSON.parse(text), text, now);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(bom, null, 2)}\n`);
  const required = bom.components.filter((c) => c.scope === 'required').length;
  console.log(
    `sbom: ${bom.components.length} components (${required} in production) → ${path.relative(process.cwd(), outFile)}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
