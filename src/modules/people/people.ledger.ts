import { and, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { hashPii } from '../../kernel/crypto/pii.js';
import { territories } from '../../kernel/db/schema.js';
import type { Locale } from '../../kernel/i18n/i18n.js';
import {
  defineLedger,
  labelCell,
  ledgerDate,
  ledgerOptionalEnum,
  ledgerError,
  ledgerList,
  ledgerOptionalText,
  ledgerText,
  listCell,
  parseLedger,
  type ImportMode,
  type ImportReport,
  type LedgerError,
} from '../../kernel/ledger/ledger.js';
import { inScope } from '../../kernel/scope/scope.js';
import { IdNumber, PhoneNumber } from './contract.js';
import { GENDER_LABELS, RELATION_LABELS, TAG_LABELS } from './labels.js';
import { addressesOf, piiColumns } from './people.service.js';
import { residents } from './schema.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/** The residents ledger 居民台账: one resident per row, the household by its address from the community down. */
export const ResidentLedger = defineLedger({
  name: 'residents',
  title: L('居民台账', 'Residents'),
  shape: {
    name: ledgerText(50),
    gender: ledgerOptionalEnum(GENDER_LABELS),
    birthDate: ledgerDate(),
    idNumber: IdNumber.optional().transform((v) => v ?? null),
    phone: PhoneNumber.optional().transform((v) => v ?? null),
    address: ledgerText(200),
    relation: ledgerOptionalEnum(RELATION_LABELS),
    tags: ledgerList(TAG_LABELS),
    note: ledgerOptionalText(500),
  },
  columns: {
    name: { header: L('姓名', 'Name'), example: '张三', width: 12 },
    gender: {
      header: L('性别', 'Gender'),
      example: '男',
      width: 8,
      note: L('男 / 女', 'Male / Female'),
      toCell: labelCell(GENDER_LABELS),
    },
    birthDate: {
      header: L('出生日期', 'Birth date'),
      example: '1965-03-08',
      width: 12,
      note: L('YYYY-MM-DD', 'YYYY-MM-DD'),
    },
    idNumber: {
      header: L('身份证号', 'ID number'),
      example: '630104196503080012',
      width: 22,
      note: L('18 位，校验位须正确；导出时已脱敏', '18 characters with a valid check character; masked on export'),
    },
    phone: {
      header: L('手机号', 'Mobile'),
      example: '13800001234',
      width: 14,
      note: L('11 位手机号；导出时已脱敏', '11-digit mobile number; masked on export'),
    },
    address: {
      header: L('住址（社区/小区/楼栋/单元/户）', 'Address (community/compound/building/unit/household)'),
      example: '文亭巷社区/和平小区/1号楼/1单元/101室',
      width: 40,
      note: L(
        '从社区到户的名称，用 / 分隔，须是本账号范围内已有的户',
        'Names from the community down to the household, separated by /; the household must exist in your area',
      ),
    },
    relation: {
      header: L('与户主关系', 'Relation'),
      example: '户主',
      width: 10,
      note: L(
        Object.values(RELATION_LABELS)
          .map((l) => l['zh-CN'])
          .join(' / '),
        Object.values(RELATION_LABELS)
          .map((l) => l['en-US'])
          .join(' / '),
      ),
      toCell: labelCell(RELATION_LABELS),
    },
    tags: {
      header: L('关爱标签', 'Care tags'),
      example: '独居老人',
      width: 16,
      note: L(
        `可多个，用、分隔：${Object.values(TAG_LABELS)
          .map((l) => l['zh-CN'])
          .join('、')}`,
        `Several allowed, separated by commas: ${Object.values(TAG_LABELS)
          .map((l) => l['en-US'])
          .join(', ')}`,
      ),
      toCell: listCell(TAG_LABELS),
    },
    note: { header: L('备注', 'Note'), example: '', width: 20 },
  },
});

/** The households ledger 户籍台账: one household per row under an existing building (and unit). */
export const HouseholdLedger = defineLedger({
  name: 'households',
  title: L('住户台账', 'Households'),
  shape: {
    parent: ledgerText(200),
    name: ledgerText(50),
    memberCount: z.string().optional(),
    householderName: z.string().optional(),
  },
  columns: {
    parent: {
      header: L('所在楼栋/单元（社区/小区/楼栋/单元）', 'Building or unit (community/compound/building/unit)'),
      example: '文亭巷社区/和平小区/1号楼/1单元',
      width: 36,
      note: L(
        '从社区到楼栋或单元的名称，用 / 分隔，须是本账号范围内已有的',
        'Names from the community down to the building or unit, separated by /; it must exist in your area',
      ),
    },
    name: { header: L('户号', 'Household'), example: '901室', width: 12 },
    memberCount: {
      header: L('人数', 'Members'),
      example: '',
      width: 8,
      note: L('仅导出，导入时忽略', 'Export only; ignored on import'),
    },
    householderName: {
      header: L('户主', 'Householder'),
      example: '',
      width: 12,
      note: L('仅导出，导入时忽略', 'Export only; ignored on import'),
    },
  },
});

function report(mode: ImportMode, total: number, imported: number, errors: LedgerError[]): ImportReport {
  return { mode, total, imported, skipped: total - imported, errors: errors.sort((a, b) => a.row - b.row) };
}

/** Nodes of given levels in the actor's subtree whose address (community first) is one of `wanted`. */
async function resolveAddresses(
  ctx: Ctx,
  levels: string[],
  wanted: string[],
): Promise<Map<string, { id: number; path: string; level: string }>> {
  const names = [
    ...new Set(
      wanted.map(
        (a) =>
          a
            .split('/')
            .map((s) => s.trim())
            .filter(Boolean)
            .at(-1) ?? '',
      ),
    ),
  ].filter(Boolean);
  if (!names.length) return new Map();
  const nodes = await ctx.db
    .select({ id: territories.id, path: territories.path, level: territories.level })
    .from(territories)
    .where(
      and(
        inArray(territories.level, levels as ('household' | 'unit' | 'building')[]),
        inArray(territories.name, names),
        inScope(ctx.actor, territories.path),
      ),
    );
  const addr = await addressesOf(
    ctx.db,
    nodes.map((n) => n.path),
  );
  const out = new Map<string, { id: number; path: string; level: string }>();
  for (const n of nodes) out.set(addr.get(n.path)!.address, n);
  return out;
}
const normAddress = (a: string) =>
  a
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('/');

/**
 * Imports residents from an .xlsx: every row checked (format, household in scope, ID number not taken, not
 * twice in the file); mode `all` writes nothing if any row is bad, `goodRows` writes the good ones. One
 * transaction; one `resident.create` audit row per record (each record's history starts at its import) and
 * one `resident.import` summary row with the counts (the same request id ties them together).
 */
export async function importResidents(ctx: Ctx, body: unknown, mode: ImportMode): Promise<ImportReport> {
  const locale: Locale = ctx.locale;
  const parsed = await parseLedger(ResidentLedger, body, locale);
  const errors = [...parsed.errors];
  const households = await resolveAddresses(
    ctx,
    ['household'],
    parsed.rows.map((r) => normAddress(r.value.address)),
  );
  const hashes = parsed.rows.flatMap((r) => (r.value.idNumber ? [hashPii('idNumber', r.value.idNumber)] : []));
  const taken = new Set(
    hashes.length
      ? (
          await ctx.db
            .select({ h: residents.idNumberHash })
            .from(residents)
            .where(inArray(residents.idNumberHash, hashes))
        ).map((r) => r.h)
      : [],
  );
  const seen = new Map<string, number>();
  const good: { row: number; values: typeof residents.$inferInsert }[] = [];
  for (const { row, value } of parsed.rows) {
    const rowErrors: LedgerError[] = [];
    const hh = households.get(normAddress(value.address));
    if (!hh) rowErrors.push(ledgerError(ResidentLedger, locale, row, 'address', 'people.addressNotFound'));
    if (value.idNumber) {
      const h = hashPii('idNumber', value.idNumber);
      if (taken.has(h)) rowErrors.push(ledgerError(ResidentLedger, locale, row, 'idNumber', 'people.idNumberTaken'));
      else if (seen.has(h))
        rowErrors.push(
          ledgerError(ResidentLedger, locale, row, 'idNumber', 'people.idNumberTwice', { row: seen.get(h)! }),
        );
      else seen.set(h, row);
    }
    if (rowErrors.length || !hh) {
      errors.push(...rowErrors);
      continue;
    }
    good.push({
      row,
      values: {
        name: value.name,
        gender: value.gender,
        birthDate: value.birthDate,
        householdId: hh.id,
        scopePath: hh.path,
        relation: value.relation,
        tags: value.tags,
        note: value.note,
        ...piiColumns(value),
      },
    });
  }
  if (mode === 'all' && errors.length) return report(mode, parsed.total, 0, errors);
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < good.length; i += 500) {
      const batch = good.slice(i, i + 500);
      const ids = await tx
        .insert(residents)
        .values(batch.map((g) => g.values))
        .returning({ id: residents.id });
      for (let k = 0; k < batch.length; k++) {
        const v = batch[k]!.values;
        await audit(tx, ctx, {
          action: 'resident.create',
          objectType: 'resident',
          objectId: ids[k]!.id,
          scopePath: v.scopePath,
          after: { name: v.name, householdId: v.householdId, importedFromRow: batch[k]!.row },
        });
      }
    }
    await audit(tx, ctx, {
      action: 'resident.import',
      objectType: 'resident',
      scopePath: ctx.actor.scopePath,
      after: { mode, total: parsed.total, imported: good.length, badRows: new Set(errors.map((e) => e.row)).size },
    });
  });
  return report(mode, parsed.total, good.length, errors);
}

/** Imports households (new household nodes under existing buildings or units of the actor's subtree). */
export async function importHouseholds(ctx: Ctx, body: unknown, mode: ImportMode): Promise<ImportReport> {
  const locale = ctx.locale;
  const parsed = await parseLedger(HouseholdLedger, body, locale);
  const errors = [...parsed.errors];
  const parents = await resolveAddresses(
    ctx,
    ['building', 'unit'],
    parsed.rows.map((r) => normAddress(r.value.parent)),
  );
  const parentIds = [...new Set([...parents.values()].map((p) => p.id))];
  const existing = new Set(
    parentIds.length
      ? (
          await ctx.db
            .select({ p: territories.parentId, n: territories.name })
            .from(territories)
            .where(inArray(territories.parentId, parentIds))
        ).map((r) => `${r.p}:${r.n}`)
      : [],
  );
  const good: { row: number; parentId: number; name: string }[] = [];
  for (const { row, value } of parsed.rows) {
    const parent = parents.get(normAddress(value.parent));
    if (!parent) {
      errors.push(ledgerError(HouseholdLedger, locale, row, 'parent', 'people.parentNotFound'));
      continue;
    }
    const key = `${parent.id}:${value.name}`;
    if (existing.has(key)) {
      errors.push(ledgerError(HouseholdLedger, locale, row, 'name', 'people.householdExists'));
      continue;
    }
    existing.add(key);
    good.push({ row, parentId: parent.id, name: value.name });
  }
  if (mode === 'all' && errors.length) return report(mode, parsed.total, 0, errors);
  await ctx.db.transaction(async (tx) => {
    for (const g of good) {
      const [created] = await tx
        .insert(territories)
        .values({ parentId: g.parentId, level: 'household', name: g.name, sortOrder: 0 })
        .returning({ id: territories.id, path: territories.path });
      await audit(tx, ctx, {
        action: 'household.create',
        objectType: 'territory',
        objectId: created!.id,
        scopePath: created!.path,
        after: { id: created!.id, parentId: g.parentId, level: 'household', name: g.name, importedFromRow: g.row },
      });
    }
    await audit(tx, ctx, {
      action: 'household.import',
      objectType: 'territory',
      scopePath: ctx.actor.scopePath,
      after: { mode, total: parsed.total, imported: good.length },
    });
  });
  return report(mode, parsed.total, good.length, errors);
}
