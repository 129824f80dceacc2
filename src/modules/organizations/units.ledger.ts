import { and, inArray, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories, type TerritoryLevel } from '../../kernel/db/schema.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import {
  defineLedger,
  labelCell,
  ledgerEnum,
  ledgerError,
  ledgerOptionalText,
  ledgerText,
  parseLedger,
  type ImportMode,
  type ImportReport,
  type LedgerError,
} from '../../kernel/ledger/ledger.js';
import type { Label } from '../../kernel/rbac/rbac.js';
import { inScope } from '../../kernel/scope/scope.js';
import { UNIT_KINDS, type UnitKind } from './constants.js';
import type { CreateUnit, Unit } from './contract.js';
import { insertUnit, UNIT_LEVELS } from './partners.service.js';
import { units } from './schema.js';
import { levelsMessage } from './shared.js';

const L = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

/** Unit kinds as the console shows them (ui/locales organizations.unitKind; a test keeps the two equal). */
export const UNIT_KIND_LABELS: Record<UnitKind, Label> = {
  agency: L('机关', 'Agency'),
  institution: L('事业单位', 'Public institution'),
  stateOwned: L('国有企业', 'State-owned firm'),
  privateFirm: L('非公企业', 'Private firm'),
  socialOrganization: L('社会组织', 'Social organisation'),
  propertyCompany: L('物业企业', 'Property company'),
};

// ---- 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and A-Y without I O S V Z; 3-8 the division code; a check character
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a unified social credit code is not valid, or null when it is. */
export function creditCodeProblem(code: string): 'format' | 'checksum' | null {
  if (code.length !== 18 || [...code].some((c) => !CREDIT_CHARS.includes(c)) || !/^\d{6}$/.test(code.slice(2, 8)))
    return 'format';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(code[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] === code[17] ? null : 'checksum';
}

const CreditCode = z
  .string()
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .superRefine((v, ctx) => {
    const p = creditCodeProblem(v);
    if (p)
      ctx.addIssue({ code: 'custom', message: p === 'checksum' ? 'unit.creditCodeChecksum' : 'unit.creditCodeFormat' });
  });

/** A mainland mobile number (11 digits) or a landline with its area code (0971-8123456, extension allowed). */
export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const ContactPhone = z
  .string()
  .transform((v) => v.replace(/\s/g, ''))
  .transform((v) => (MOBILE_RE.test(v.replace(/-/g, '')) ? v.replace(/-/g, '') : v))
  .refine((v) => MOBILE_RE.test(v) || LANDLINE_RE.test(v), { message: 'unit.contactPhoneFormat' });

const YES_NO = { yes: L('是', 'Yes'), no: L('否', 'No') } as const;
const yesNoCell = (v: unknown, locale: Locale) => (typeof v === 'boolean' ? YES_NO[v ? 'yes' : 'no'][locale] : null);

/** The units ledger 驻区单位台账: one unit per row, its place by division code or by names from the street down. */
export const UnitLedger = defineLedger({
  name: 'units',
  title: L('驻区单位台账', 'Units'),
  shape: {
    name: ledgerText(100),
    kind: ledgerEnum(UNIT_KIND_LABELS),
    territory: ledgerText(200),
    creditCode: CreditCode.optional().transform((v) => v ?? null),
    contactName: ledgerOptionalText(50),
    contactPhone: ContactPhone.optional().transform((v) => v ?? null),
    address: ledgerOptionalText(200),
    isNewOrganization: ledgerEnum(YES_NO)
      .optional()
      .transform((v) => (v === undefined ? null : v === 'yes')),
  },
  columns: {
    name: { header: L('单位名称', 'Name'), example: '西宁市某某科技有限公司', width: 30 },
    kind: {
      header: L('单位类别', 'Kind'),
      example: '非公企业',
      width: 12,
      note: L(
        UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]['zh-CN']).join(' / '),
        UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]['en-US']).join(' / '),
      ),
      toCell: labelCell(UNIT_KIND_LABELS),
    },
    territory: {
      header: L('所在区域（街道/社区）', 'Place (street/community)'),
      example: '文汇路街道/文亭巷社区',
      width: 30,
      note: L(
        '所在街道、社区（或小区、楼栋）：填区划代码，或从街道起的名称，用 / 分隔；须在本账号管辖范围内',
        'The street or community (or compound, building): its division code, or the names from the street down separated by /; it must be in your area',
      ),
    },
    creditCode: {
      header: L('统一社会信用代码', 'Unified social credit code'),
      example: '91630104MA7G2K4L5J',
      width: 22,
      note: L('18 位，校验位须正确；可不填', '18 characters with a valid check character; optional'),
    },
    contactName: { header: L('联系人', 'Contact'), example: '李明', width: 10 },
    contactPhone: {
      header: L('联系电话', 'Contact phone'),
      example: '13900001234',
      width: 16,
      note: L(
        '11 位手机号，或带区号的固定电话（如 0971-8123456）；导出时按权限脱敏',
        'An 11-digit mobile or a landline with its area code (e.g. 0971-8123456); masked on export unless you may see it',
      ),
    },
    address: { header: L('地址', 'Address'), example: '文亭巷 18 号', width: 30 },
    isNewOrganization: {
      header: L('两新组织', 'Two-new organisation'),
      example: '是',
      width: 10,
      note: L(
        '是 / 否；不填时非公企业、社会组织为“是”',
        'Yes / No; when empty, private firms and social organisations are Yes',
      ),
      toCell: yesNoCell,
    },
  },
});

// ---- places: by division code or by a name path, within the actor's subtree

const splitPath = (v: string) =>
  v
    .split(/[/／\\]/)
    .map((s) => s.trim())
    .filter(Boolean);
const CODE_RE = /^\d{6,12}$/;

type PlaceHit = { ok: true; id: number } | { ok: false; message: string };

const ancestorIds = (path: string) => path.split('/').filter(Boolean).map(Number);

async function namesOf(db: DbOrTx, ids: number[]): Promise<Map<number, { name: string; level: TerritoryLevel }>> {
  const out = new Map<number, { name: string; level: TerritoryLevel }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .select({ id: territories.id, name: territories.name, level: territories.level })
      .from(territories)
      .where(inArray(territories.id, unique.slice(i, i + 1000)));
    for (const r of rows) out.set(r.id, { name: r.name, level: r.level });
  }
  return out;
}

/**
 * Resolves the place cells of an import: a division code, or names ending at the place (文汇路街道/文亭巷社区, or
 * 文亭巷社区 alone when unique). Only nodes of the actor's subtree are found; outside ones read as not found.
 */
async function resolvePlaces(ctx: Ctx, cells: string[]): Promise<Map<string, PlaceHit>> {
  const keys = [...new Set(cells.map((c) => splitPath(c).join('/')))].filter(Boolean);
  const codes = keys.filter((k) => CODE_RE.test(k));
  const names = [...new Set(keys.filter((k) => !CODE_RE.test(k)).map((k) => splitPath(k).at(-1)!))];
  const out = new Map<string, PlaceHit>();
  if (!keys.length) return out;
  const match: SQL[] = [];
  if (codes.length) match.push(inArray(territories.divisionCode, codes));
  if (names.length) match.push(inArray(territories.name, names));
  const nodes = await ctx.db
    .select({
      id: territories.id,
      name: territories.name,
      level: territories.level,
      path: territories.path,
      divisionCode: territories.divisionCode,
    })
    .from(territories)
    .where(and(inScope(ctx.actor, territories.path), or(...match)));
  const names_ = await namesOf(
    ctx.db,
    nodes.flatMap((n) => ancestorIds(n.path)),
  );
  const chainOf = (path: string) => ancestorIds(path).map((id) => names_.get(id)?.name ?? '');
  const unitLevel = (level: TerritoryLevel) => (UNIT_LEVELS as readonly TerritoryLevel[]).includes(level);
  const notFound = (): PlaceHit => ({ ok: false, message: t(ctx.locale, 'unit.placeNotFound') });
  const wrongLevel = (): PlaceHit => ({ ok: false, message: levelsMessage(ctx, UNIT_LEVELS) });
  for (const key of keys) {
    if (CODE_RE.test(key)) {
      const node = nodes.find((n) => n.divisionCode === key);
      out.set(key, !node ? notFound() : unitLevel(node.level) ? { ok: true, id: node.id } : wrongLevel());
      continue;
    }
    const wanted = splitPath(key);
    const hits = nodes.filter((n) => {
      const chain = chainOf(n.path);
      return chain.length >= wanted.length && wanted.every((w, i) => chain[chain.length - wanted.length + i] === w);
    });
    const good = hits.filter((n) => unitLevel(n.level));
    if (good.length === 1) out.set(key, { ok: true, id: good[0]!.id });
    else if (good.length > 1)
      out.set(key, { ok: false, message: t(ctx.locale, 'unit.placeAmbiguous', { count: good.length }) });
    else out.set(key, hits.length ? wrongLevel() : notFound());
  }
  return out;
}

/** Names of each place from the street down (文汇路街道/文亭巷社区), as the import reads them back. */
async function placePaths(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const nodes: { id: number; path: string }[] = [];
  for (let i = 0; i < unique.length; i += 1000) {
    nodes.push(
      ...(await db
        .select({ id: territories.id, path: territories.path })
        .from(territories)
        .where(inArray(territories.id, unique.slice(i, i + 1000)))),
    );
  }
  const names = await namesOf(
    db,
    nodes.flatMap((n) => ancestorIds(n.path)),
  );
  const ABOVE_STREET: TerritoryLevel[] = ['country', 'province', 'city', 'district'];
  for (const n of nodes) {
    const chain = ancestorIds(n.path)
      .map((id) => names.get(id))
      .filter((x) => x !== undefined && !ABOVE_STREET.includes(x.level));
    out.set(n.id, chain.map((x) => x!.name).join('/'));
  }
  return out;
}

/** Export rows of listed (scoped, masked) units in the ledger's columns. */
export async function unitLedgerRows(db: DbOrTx, list: Unit[]): Promise<Record<string, unknown>[]> {
  const paths = await placePaths(
    db,
    list.map((u) => u.territory.id),
  );
  return list.map((u) => ({
    name: u.name,
    kind: u.kind,
    territory: paths.get(u.territory.id) ?? u.territory.name,
    creditCode: u.creditCode,
    contactName: u.contactName,
    contactPhone: u.contactPhone,
    address: u.address,
    isNewOrganization: u.isNewOrganization,
  }));
}

function report(mode: ImportMode, total: number, imported: number, errors: LedgerError[]): ImportReport {
  return { mode, total, imported, skipped: total - imported, errors: errors.sort((a, b) => a.row - b.row) };
}

/**
 * Imports units from an .xlsx: every row checked (format, place in the actor's subtree and of a unit level,
 * credit code not registered in the area nor twice in the file, no unit of the same name at the same place);
 * mode `all` writes nothing if any row is bad, `goodRows` writes the good ones. One transaction through the
 * API's create logic (one `unit.create` audit row per unit, with its spreadsheet row) and one `unit.import`
 * summary row with the counts.
 */
export async function importUnits(ctx: Ctx, body: unknown, mode: ImportMode): Promise<ImportReport> {
  const locale = ctx.locale;
  const parsed = await parseLedger(UnitLedger, body, locale);
  const errors = [...parsed.errors];
  const places = await resolvePlaces(
    ctx,
    parsed.rows.map((r) => r.value.territory),
  );
  const codes = parsed.rows.flatMap((r) => (r.value.creditCode ? [r.value.creditCode] : []));
  const placeIds = [...places.values()].flatMap((p) => (p.ok ? [p.id] : []));
  const [takenCodes, takenNames] = await Promise.all([
    codes.length
      ? ctx.db
          .select({ c: units.creditCode })
          .from(units)
          .where(and(inScope(ctx.actor, units.scopePath), inArray(units.creditCode, codes)))
      : Promise.resolve([]),
    placeIds.length
      ? ctx.db
          .select({ p: units.territoryId, n: units.name })
          .from(units)
          .where(
            and(
              inArray(units.territoryId, placeIds),
              inArray(
                units.name,
                parsed.rows.map((r) => r.value.name),
              ),
            ),
          )
      : Promise.resolve([]),
  ]);
  const codeTaken = new Set(takenCodes.map((r) => r.c));
  const nameTaken = new Set(takenNames.map((r) => `${r.p}:${r.n}`));
  const seenCode = new Map<string, number>();
  const seenName = new Map<string, number>();
  const good: { row: number; input: CreateUnit }[] = [];
  for (const { row, value } of parsed.rows) {
    const rowErrors: LedgerError[] = [];
    const place = places.get(splitPath(value.territory).join('/'));
    if (!place) rowErrors.push(ledgerError(UnitLedger, locale, row, 'territory', 'unit.placeNotFound'));
    else if (!place.ok)
      rowErrors.push({
        ...ledgerError(UnitLedger, locale, row, 'territory', 'unit.placeNotFound'),
        message: place.message,
      });
    if (value.creditCode) {
      if (codeTaken.has(value.creditCode))
        rowErrors.push(ledgerError(UnitLedger, locale, row, 'creditCode', 'unit.creditCodeTaken'));
      else if (seenCode.has(value.creditCode))
        rowErrors.push(
          ledgerError(UnitLedger, locale, row, 'creditCode', 'unit.creditCodeTwice', {
            row: seenCode.get(value.creditCode)!,
          }),
        );
      else seenCode.set(value.creditCode, row);
    }
    if (place?.ok) {
      const key = `${place.id}:${value.name}`;
      if (nameTaken.has(key)) rowErrors.push(ledgerError(UnitLedger, locale, row, 'name', 'unit.nameTaken'));
      else if (seenName.has(key))
        rowErrors.push(ledgerError(UnitLedger, locale, row, 'name', 'unit.nameTwice', { row: seenName.get(key)! }));
      else seenName.set(key, row);
    }
    if (rowErrors.length || !place?.ok) {
      errors.push(...rowErrors);
      continue;
    }
    good.push({
      row,
      input: {
        kind: value.kind,
        name: value.name,
        territoryId: place.id,
        creditCode: value.creditCode,
        contactName: value.contactName,
        contactPhone: value.contactPhone,
        address: value.address,
        ...(value.isNewOrganization === null ? {} : { isNewOrganization: value.isNewOrganization }),
      },
    });
  }
  if (mode === 'all' && errors.length) return report(mode, parsed.total, 0, errors);
  await ctx.db.transaction(async (tx) => {
    for (const g of good) await insertUnit(ctx, tx, g.input, { importedFromRow: g.row });
    await audit(tx, ctx, {
      action: 'unit.import',
      objectType: 'unit',
      scopePath: ctx.actor.scopePath,
      after: { mode, total: parsed.total, imported: good.length, badRows: new Set(errors.map((e) => e.row)).size },
    });
  });
  return report(mode, parsed.total, good.length, errors);
}
