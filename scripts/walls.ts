/**
 * Module walls (decision 015): runs dependency-cruiser with .dependency-cruiser.cjs (faces, kernel, UI, cycles of
 * files), then checks what it cannot express: no cycle between MODULES (a cycle through faces is a cycle too).
 * Test code (*.test.ts, testing.ts, authz.rows.ts) is left out of the module graph.
 *   npm run walls           check (part of npm run lint)
 *   npm run graph           also writes the Mermaid module graph into docs/ARCHITECTURE.md (between markers)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

interface Dep {
  resolved: string;
  rules?: { name: string }[];
  valid: boolean;
}
interface Mod {
  source: string;
  dependencies: Dep[];
}
interface Report {
  modules: Mod[];
  summary: { violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] };
}

const TEST = /(\.test\.tsx?$|\/testing\.ts$|[/.]authz\.rows\.ts$)/;
const json = execFileSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
const report = JSON.parse(json) as Report;
let failed = false;
for (const v of report.summary.violations) {
  failed = true;
  const via = v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : '';
  console.error(`error ${v.rule.name}: ${v.from} → ${v.to}${via}`);
}

// The module graph: an edge A → B when product code of A imports anything of B.
const moduleOf = (file: string): string | null => {
  const m = /^src\/modules\/([^/]+)\//.exec(file);
  return m ? m[1]! : null;
};
const edges = new Map<string, Set<string>>();
for (const mod of report.modules) {
  const from = moduleOf(mod.source);
  if (!from || TEST.test(mod.source)) continue;
  if (!edges.has(from)) edges.set(from, new Set());
  for (const d of mod.dependencies) {
    const to = moduleOf(d.resolved);
    if (to && to !== from && !TEST.test(d.resolved)) edges.get(from)!.add(to);
  }
}

// Module-level cycles (depth-first search; each cycle reported once by its smallest rotation).
const seen = new Set<string>();
const names = [...edges.keys()].sort();
const cycles = new Set<string>();
function walk(node: string, path: string[]): void {
  for (const next of [...(edges.get(node) ?? [])].sort()) {
    const i = path.indexOf(next);
    if (i >= 0) {
      const cyc = path.slice(i);
      const k = cyc.indexOf([...cyc].sort()[0]!);
      cycles.add([...cyc.slice(k), ...cyc.slice(0, k)].join(' → '));
    } else if (!seen.has(next)) walk(next, [...path, next]);
  }
  seen.add(node);
}
for (const n of names) if (!seen.has(n)) walk(n, [n]);
for (const c of cycles) {
  failed = true;
  console.error(`error module-cycle: ${c} → ${c.split(' → ')[0]}`);
}

if (process.argv.includes('--graph')) {
  const id = (n: string) => n.replace(/-/g, '_');
  const lines = ['```mermaid', 'flowchart LR'];
  for (const n of names) lines.push(`  ${id(n)}[${n}]`);
  for (const n of names) for (const to of [...edges.get(n)!].sort()) lines.push(`  ${id(n)} --> ${id(to)}`);
  lines.push('```');
  const file = 'docs/ARCHITECTURE.md';
  const begin = '<!-- module-graph:begin (npm run graph) -->';
  const end = '<!-- module-graph:end -->';
  const doc = fs.readFileSync(file, 'utf8');
  const block = `${begin}\n${lines.join('\n')}\n${end}`;
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < 0) throw new Error(`${file} lacks the markers ${begin} … ${end}`);
  fs.writeFileSync(file, doc.slice(0, a) + block + doc.slice(b + end.length));
  console.log(`module graph written to ${file}`);
}

if (failed) process.exit(1);
console.log(`walls: no violations, no module cycles (${names.length} modules)`);
