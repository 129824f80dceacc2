import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync('/tmp/intake.cpuprofile', 'utf8'));
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = p.timeDeltas.reduce((a, b) => a + b, 0);
const incl = new Map();
p.samples.forEach((id, i) => {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const n = nodes.get(cur);
    const f = n.callFrame;
    if (!f.url.includes('/work/main/src') && !f.url.includes('fastify/lib') ) continue;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*\/work\/main\//, '').replace(/.*node_modules\//, '')}:${f.lineNumber}`;
    if (seen.has(key)) continue;
    seen.add(key);
    incl.set(key, (incl.get(key) ?? 0) + p.timeDeltas[i]);
  }
});
[...incl].sort((a, b) => b[1] - a[1]).slice(0, 45).forEach(([k, v]) => console.log((v / total * 100).toFixed(1).padStart(5), k));
