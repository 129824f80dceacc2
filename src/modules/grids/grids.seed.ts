import { and, asc, eq, inArray } from 'drizzle-orm';
import { inSubtree } from '../../kernel/scope/scope.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { partyMembers } from '../party-members/index.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import { boundaries } from './grids.service.js';
import {
  buildingLeads,
  compoundAreas,
  gridIndexVersion,
  grids,
  gridWorkers,
  liaisonHouseholds,
  type GridGeometry,
  type GridKind,
  type Position,
} from './schema.js';
import { bboxOf, pointInGeometry, type BBox } from './spatial-index.js';

const SURNAMES = [
  '马',
  '李',
  '王',
  '张',
  '刘',
  '韩',
  '赵',
  '陈',
  '杨',
  '祁',
  '冶',
  '鲁',
  '朱',
  '何',
  '周',
  '吴',
  '孙',
  '魏',
];
const GIVEN = [
  '秀英',
  '建国',
  '海燕',
  '国庆',
  '晓东',
  '玉兰',
  '志刚',
  '桂芳',
  '文明',
  '红梅',
  '永福',
  '丽娟',
  '德明',
  '春花',
  '小军',
  '淑珍',
];
const DEPARTMENTS = ['城市管理', '市场监管', '应急管理', '生态环境'];
/** Size of a demo community's area, in degrees (about 1.0 km × 0.9 km at these latitudes). */
const W = 0.011;
const H = 0.008;

const ring = (x0: number, y0: number, x1: number, y1: number): Position[] =>
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => [round(x!), round(y!)] as Position);
const rect = (x0: number, y0: number, x1: number, y1: number): GridGeometry => ({
  type: 'Polygon',
  coordinates: [ring(x0, y0, x1, y1)],
});
const round = (v: number) => Math.round(v * 1e6) / 1e6;
const overlaps = (a: BBox, b: BBox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Demo grids for each demo community (deterministic): a community area placed inside the community's real
 * district boundary, cut into 3–5 basic grids, one professional grid and a few party-member responsibility
 * areas; grid workers (full-time, plus part-time from the community's party members when that seed ran),
 * 30–50 liaison households each while households last, and building leads for most buildings but not all.
 */
export async function seedGrids(db: DbOrTx): Promise<void> {
  const rnd = prng(5177); // seed 000: 5,177 responsibility areas
  const name = () => `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`;
  const phone = () => `1${rnd.pick(['39', '38', '58', '87', '33'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;

  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode, name: territories.name, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.divisionCode));
  const [gridAccount] = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(eq(accounts.username, 'grid_worker'));
  const placed: BBox[] = [];

  for (const c of communities) {
    const district = boundaries().find((b) => b.properties.code === c.code!.slice(0, 6));
    if (!district) continue;
    const anchor = districtAnchor(district);
    // Candidates spiral out from the district seat; the first whose corners all lie inside the district and
    // which overlaps no other demo community wins.
    let area: BBox | null = null;
    for (let k = 0; k < 400 && !area; k++) {
      const ring = Math.ceil(Math.sqrt(k));
      const angle = k * 2.399963; // golden angle
      const x0 = anchor[0] - 0.002 + Math.cos(angle) * ring * 0.013 - (k === 0 ? 0 : W / 2);
      const y0 = anchor[1] - 0.008 + Math.sin(angle) * ring * 0.01 - (k === 0 ? 0 : H / 2);
      const box: BBox = [x0, y0, x0 + W, y0 + H];
      const corners: Position[] = [
        [box[0], box[1]],
        [box[2], box[1]],
        [box[2], box[3]],
        [box[0], box[3]],
      ];
      if (corners.every(([x, y]) => pointInGeometry(district.geometry, x, y)) && !placed.some((p) => overlaps(p, box)))
        area = box;
    }
    if (!area) continue;
    placed.push(area);
    const [x0, y0, x1, y1] = area;
    const rows: { kind: GridKind; name: string; department: string | null; geometry: GridGeometry }[] = [];

    // Basic grids: two rows of cells with jittered vertical cuts (3 → 1+2, 4 → 2+2, 5 → 2+3).
    const n = rnd.int(3, 5);
    const perRow = n === 3 ? [1, 2] : n === 4 ? [2, 2] : [2, 3];
    const ym = y0 + (y1 - y0) * (0.45 + rnd.next() * 0.1);
    let seq = 0;
    perRow.forEach((cells, r) => {
      const [ry0, ry1] = r === 0 ? [ym, y1] : [y0, ym];
      const cuts = [
        x0,
        ...Array.from({ length: cells - 1 }, (_, i) => x0 + ((x1 - x0) * (i + 1)) / cells + (rnd.next() - 0.5) * 0.001),
        x1,
      ];
      for (let i = 0; i < cells; i++) {
        rows.push({
          kind: 'basic',
          name: `${c.name}第${++seq}网格`,
          department: null,
          geometry: rect(cuts[i]!, ry0, cuts[i + 1]!, ry1),
        });
      }
    });
    // One professional grid: a band along the main street on the community's south side.
    const band = y0 + (y1 - y0) * 0.1;
    const dept = rnd.pick(DEPARTMENTS);
    rows.push({
      kind: 'professional',
      name: `${c.name}${dept}专业网格`,
      department: `${district.properties.name}${dept}局`,
      geometry: rect(x0, band - 0.0006, x1, band + 0.0006),
    });
    // Party-member responsibility areas: small blocks inside the basic grids, one with a courtyard (a hole).
    const areas = rnd.int(2, 3);
    for (let i = 0; i < areas; i++) {
      const ax = x0 + (x1 - x0) * (0.1 + 0.3 * i) + rnd.next() * 0.001;
      const ay = y0 + (y1 - y0) * (0.55 + rnd.next() * 0.2);
      const outer = ring(ax, ay, ax + 0.0022, ay + 0.0016);
      const g: GridGeometry = {
        type: 'Polygon',
        coordinates: i === 0 ? [outer, ring(ax + 0.0007, ay + 0.0005, ax + 0.0015, ay + 0.0011).reverse()] : [outer],
      };
      rows.push({ kind: 'responsibilityArea', name: `${c.name}党员责任区${i + 1}`, department: null, geometry: g });
    }

    const inserted = await db
      .insert(grids)
      .values(
        rows.map((r) => {
          const [minLng, minLat, maxLng, maxLat] = bboxOf(r.geometry);
          return { ...r, communityId: c.id, scopePath: c.path, minLng, minLat, maxLng, maxLat };
        }),
      )
      .returning({ id: grids.id, kind: grids.kind });
    const basicIds = inserted.filter((g) => g.kind === 'basic').map((g) => g.id);

    // Compound footprints (issue 10 item 8): the community's compounds side by side in strips across its area,
    // with streets between them and along its edges (社区直属: a point there is the community's own). No PRNG draw,
    // so everything the demo drew before stays the same.
    const compounds = await db
      .select({ id: territories.id })
      .from(territories)
      .where(and(eq(territories.parentId, c.id), eq(territories.level, 'compound')))
      .orderBy(asc(territories.sortOrder), asc(territories.id));
    if (compounds.length) {
      const strip = (x1 - x0) / compounds.length;
      const gapX = Math.min(0.0006, strip / 6);
      const gapY = (y1 - y0) * 0.16; // the south edge's main street (the professional grid's band) stays outside
      await db.insert(compoundAreas).values(
        compounds.map((k, i) => {
          const geometry = rect(x0 + i * strip + gapX, y0 + gapY, x0 + (i + 1) * strip - gapX, y1 - 0.0005);
          const [minLng, minLat, maxLng, maxLat] = bboxOf(geometry);
          return { compoundId: k.id, communityId: c.id, scopePath: c.path, geometry, minLng, minLat, maxLng, maxLat };
        }),
      );
    }

    // Workers: one full-time per basic grid, then part-time ones from the community's party members (in-service
    // first) while there are households enough for them to follow (about 40 each).
    const members = await db
      .select({ id: partyMembers.id, name: partyMembers.name, kind: partyMembers.kind })
      .from(partyMembers)
      .where(inSubtree(partyMembers.scopePath, c.path))
      .orderBy(asc(partyMembers.id))
      .limit(200);
    const inService = [
      ...members.filter((m) => m.kind === 'inService'),
      ...members.filter((m) => m.kind !== 'inService'),
    ];
    const households = await db
      .select({ id: territories.id })
      .from(territories)
      .where(and(eq(territories.level, 'household'), inSubtree(territories.path, c.path)))
      .orderBy(asc(territories.path));
    const partTime = Math.max(
      0,
      Math.min(inService.length, basicIds.length, Math.floor(households.length / 40) - basicIds.length),
    );
    const workerRows: (typeof gridWorkers.$inferInsert)[] = basicIds.map((gridId, i) => {
      const linked = c.code === DEMO_COMMUNITIES[0] && i === 0 && gridAccount;
      return {
        gridId,
        scopePath: c.path,
        kind: 'fullTime' as const,
        name: linked ? gridAccount.name.replace(/^网格员\s*/, '') : name(),
        accountId: linked ? gridAccount.id : null,
        phone: phone(),
      };
    });
    for (let i = 0; i < partTime; i++) {
      const m = inService[i]!;
      workerRows.push({
        gridId: basicIds[i]!,
        scopePath: c.path,
        kind: 'partTime',
        name: m.name,
        partyMemberId: m.id,
        phone: phone(),
      });
    }
    const workers = await db.insert(gridWorkers).values(workerRows).returning({ id: gridWorkers.id });

    // Liaison households: 30–50 per worker while the community's households last; the last worker is a new
    // hire still building up their list, which the 30–50 check then flags.
    let next = 0;
    const links: (typeof liaisonHouseholds.$inferInsert)[] = [];
    workers.forEach((w, i) => {
      const take = i === workers.length - 1 && i > 0 ? rnd.int(18, 26) : rnd.int(30, 50);
      for (const h of households.slice(next, next + take))
        links.push({ workerId: w.id, householdId: h.id, scopePath: c.path });
      next += take;
    });
    for (let i = 0; i < links.length; i += 1000) await db.insert(liaisonHouseholds).values(links.slice(i, i + 1000));

    // Building leads 楼栋长 for most buildings, not all ("一名党员一栋楼", seed 004: the gaps are what the flag shows).
    const buildings = await db
      .select({ id: territories.id, path: territories.path })
      .from(territories)
      .where(and(eq(territories.level, 'building'), inSubtree(territories.path, c.path)))
      .orderBy(asc(territories.path));
    const leads = buildings
      .filter((_, i) => i !== 1 && rnd.next() > 0.15)
      .map((b, i) => {
        const m = members[i];
        return { buildingId: b.id, scopePath: b.path, name: m ? m.name : name(), partyMemberId: m ? m.id : null };
      });
    // The lead who is a party member is also the building's responsible party member 楼栋责任党员.
    const responsible = leads
      .filter((l) => l.partyMemberId !== null)
      .map((l) => ({ ...l, role: 'responsibleMember' as const }));
    if (leads.length) await db.insert(buildingLeads).values([...leads, ...responsible]);
  }
  await db.insert(gridIndexVersion).values({ id: 1, version: 1 }).onConflictDoNothing();
}

/** The district's seat (its `center`), or the middle of its bounding box. */
function districtAnchor(b: ReturnType<typeof boundaries>[number]): Position {
  if (b.properties.center) return b.properties.center;
  const [x0, y0, x1, y1] = bboxOf(b.geometry);
  return [(x0 + x1) / 2, (y0 + y1) / 2];
}
