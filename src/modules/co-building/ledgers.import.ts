import { and, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError } from '../../kernel/http/errors.js';
import { translateIssues } from '../../kernel/http/validation.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import {
  annotateLedger,
  defineLedger,
  ledgerDate,
  ledgerError,
  ledgerList,
  ledgerOptionalEnum,
  ledgerOptionalText,
  ledgerTemplate,
  parseLedger,
  type Ledger,
  type LedgerColumn,
  type LedgerError,
} from '../../kernel/ledger/ledger.js';
import type { Label } from '../../kernel/rbac/rbac.js';
import { inScope } from '../../kernel/scope/scope.js';
import { units } from '../organizations/index.js';
import { createAgreement } from './agreements.service.js';
import { createNeed, createProject, createResource } from './co-building.service.js';
import { CreateAgreement, CreateNeed, CreateProject, CreateResource } from './contract.js';
import type { LedgerImportQuery, LedgerImportReport } from './ledgers.contract.js';
import {
  ACTIVE,
  AgreementsLedger,
  CATEGORY,
  NEED_SOURCE,
  NeedsLedger,
  OFFERER,
  ProjectsLedger,
  RESOURCE_KIND,
  ResourcesLedger,
  YES_NO,
} from './ledgers.js';
import { coAgreements, coAlliances, coNeeds, coProjects, coResources } from './schema.js';

/**
 * Importing the co-building ledgers 台账 (issue 12 point 11, decision 058): needs, resources, projects and
 * agreements from the sheet their export writes (same headers; the export's computed columns — 编号, 状态, 已使用 … —
 * are ignored) or from the blank template. Each row is read by the kernel's `parseLedger` (zip guard first), names
 * are resolved within the caller's subtree, the row is checked by the module's own create schema and then written by
 * the form's own create function (its checks, its audit row) inside ONE transaction, each row in a savepoint: a row
 * the service refuses becomes that row's error. Nothing is kept when any row failed (mode `all`, the default), on a
 * dry run, or when the annotated copy (`format=xlsx`) is asked for. A row whose natural key is already recorded is
 * not written again (reported as existing), so a re-import creates no duplicates.
 */

const L = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });
const c = (zh: string, en: string, example: string, note?: Label, width = 16): LedgerColumn => ({
  header: L(zh, en),
  example,
  width,
  ...(note ? { note } : {}),
});
const allowed = (labels: Record<string, Label>) =>
  L(
    `可选：${Object.values(labels)
      .map((l) => l['zh-CN'])
      .join('、')}`,
    `One of: ${Object.values(labels)
      .map((l) => l['en-US'])
      .join(', ')}`,
  );

// ---- cells: text stays text (the create schema checks length and presence, as the form does); labels become codes

/** A required column (its header must be there); an empty cell is left for the create schema to call required. */
const text = (max = 2000) => ledgerOptionalText(max).transform((v) => v ?? undefined);
const need = () => z.string().optional();
const number = () =>
  ledgerOptionalText(30).transform((v, ctx) => {
    if (v === null) return undefined;
    const s = v.replace(/[,，\s]/g, '');
    if (!/^-?\d+(\.\d+)?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'coBuilding.import.number' });
      return z.NEVER;
    }
    return Number(s);
  });
const names = () =>
  ledgerOptionalText(2000).transform((v) =>
    (v ?? '')
      .split(/[、,，;；\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const NeedImportLedger = defineLedger({
  name: 'co-needs-import',
  title: NeedsLedger.title,
  shape: {
    community: need(),
    place: text(60),
    title: need(),
    description: text(),
    category: ledgerOptionalEnum(CATEGORY),
    source: ledgerOptionalEnum(NEED_SOURCE),
    sourceNote: text(),
    public: ledgerOptionalEnum(YES_NO),
  },
  columns: {
    community: c(
      '社区',
      'Community',
      '中街社区',
      L('必填；您管辖范围内的社区名称', 'Required; a community of your area'),
    ),
    place: c(
      '地点',
      'Place',
      '3号院',
      L('可空；社区内的小区、楼栋名称，空则为社区', 'Optional; a compound or building in it'),
    ),
    title: c('需求名称', 'Need', '楼道照明灯损坏', L('必填，100 字以内', 'Required, at most 100 characters'), 30),
    description: c('需求描述', 'Description', '', L('可空', 'Optional'), 30),
    category: c('类别', 'Category', '设施维修', allowed(CATEGORY), 12),
    source: c('来源', 'Source', '会议议定', allowed(NEED_SOURCE), 12),
    sourceNote: c(
      '来源说明',
      'Source note',
      '2026年3月居民议事会',
      L('来源为会议议定或问卷调查时必填', 'Required for a meeting or a survey'),
      20,
    ),
    public: c('是否公开', 'Public', '是', L('是 / 否，空为是', 'yes / no; empty is yes'), 10),
  },
});

export const ResourceImportLedger = defineLedger({
  name: 'co-resources-import',
  title: ResourcesLedger.title,
  shape: {
    title: need(),
    kind: ledgerOptionalEnum(RESOURCE_KIND),
    categories: ledgerList(CATEGORY),
    offererKind: ledgerOptionalEnum(OFFERER),
    offererName: need(),
    unit: text(100),
    area: need(),
    capacity: number(),
    unitOfMeasure: need(),
    availableFrom: ledgerDate(),
    availableTo: ledgerDate(),
    availabilityNote: text(200),
    active: ledgerOptionalEnum(ACTIVE),
    description: text(),
  },
  columns: {
    title: c('资源名称', 'Resource', '党员活动室', L('必填', 'Required'), 28),
    kind: c('资源类型', 'Kind', '场地', allowed(RESOURCE_KIND), 10),
    categories: c('适用类别', 'Categories', '文体活动、为老服务', L('多个用顿号隔开', 'Separated by 、'), 22),
    offererKind: c('提供方类型', 'Offerer kind', '驻区单位', allowed(OFFERER), 12),
    offererName: c('提供方', 'Offerer', '市供电公司', L('必填', 'Required'), 22),
    unit: c(
      '驻区单位',
      'Unit',
      '市供电公司',
      L('提供方为驻区单位时必填，须是已登记的单位', 'Required for a unit; a registered unit'),
      22,
    ),
    area: c(
      '服务区域',
      'Area served',
      '中街社区',
      L('必填；您管辖范围内的社区或街道名称', 'Required; a place of your area'),
      16,
    ),
    capacity: c('总量', 'Capacity', '40', L('必填，正整数', 'Required, a whole number'), 10),
    unitOfMeasure: c('计量单位', 'Unit of measure', '小时', L('必填', 'Required'), 10),
    availableFrom: c('可用开始日期', 'Available from', '2026-01-01', L('YYYY-MM-DD，可空', 'YYYY-MM-DD, optional'), 14),
    availableTo: c('可用结束日期', 'Available to', '2026-12-31', L('YYYY-MM-DD，可空', 'YYYY-MM-DD, optional'), 14),
    availabilityNote: c('可用时间说明', 'Availability', '每周六上午', L('可空', 'Optional'), 20),
    active: c('状态', 'State', '在用', L('在用 / 停用，空为在用', 'Active / Inactive; empty is active'), 8),
    description: c('资源说明', 'Description', '', L('可空', 'Optional'), 28),
  },
});

export const ProjectImportLedger = defineLedger({
  name: 'co-projects-import',
  title: ProjectsLedger.title,
  shape: {
    community: need(),
    title: need(),
    needs: names(),
    ownerName: need(),
    budget: number(),
    startOn: ledgerDate(),
    dueOn: ledgerDate(),
    description: text(),
  },
  columns: {
    community: c(
      '社区',
      'Community',
      '中街社区',
      L('必填；您管辖范围内的社区名称', 'Required; a community of your area'),
    ),
    title: c('项目名称', 'Project', '楼道照明改造', L('必填', 'Required'), 30),
    needs: c(
      '所含需求',
      'Needs met',
      '楼道照明灯损坏',
      L(
        '必填；该社区待对接或已对接需求的名称，多个用顿号隔开',
        'Required; open or matched needs of the community, separated by 、',
      ),
      30,
    ),
    ownerName: c('负责人', 'Owner', '张伟', L('必填', 'Required'), 12),
    budget: c('预算（元）', 'Budget (yuan)', '5000', L('整数，空为 0', 'Whole yuan; empty is 0'), 12),
    startOn: c('开始日期', 'Start', '2026-03-01', L('必填，YYYY-MM-DD', 'Required, YYYY-MM-DD'), 12),
    dueOn: c('完成期限', 'Due', '2026-06-30', L('必填，YYYY-MM-DD', 'Required, YYYY-MM-DD'), 12),
    description: c('项目说明', 'Description', '', L('可空', 'Optional'), 30),
  },
});

export const AgreementImportLedger = defineLedger({
  name: 'co-agreements-import',
  title: AgreementsLedger.title,
  shape: {
    year: number(),
    community: need(),
    unit: need(),
    alliance: text(100),
    title: need(),
    content: text(),
    deliverables: ledgerOptionalText(4000),
  },
  columns: {
    year: c('年度', 'Year', '2026', L('必填，如 2026', 'Required, e.g. 2026'), 8),
    community: c(
      '社区',
      'Community',
      '中街社区',
      L('必填；您管辖范围内的社区名称', 'Required; a community of your area'),
    ),
    unit: c('共建单位', 'Unit', '市供电公司', L('必填；已登记的驻区单位名称', 'Required; a registered unit'), 24),
    alliance: c(
      '党建联盟',
      'Alliance',
      '',
      L('可空；该单位所在的党建联盟', 'Optional; an alliance the unit belongs to'),
      22,
    ),
    title: c('协议名称', 'Agreement', '2026年度共建协议', L('必填', 'Required'), 30),
    content: c('协议内容', 'Content', '', L('可空', 'Optional'), 30),
    deliverables: c(
      '承诺事项',
      'Deliverables',
      '楼道照明维修 2026-06-30；义诊进社区 2026-09-30',
      L('可空；每项写“事项 完成期限”，多项用分号隔开', 'Optional; "deliverable YYYY-MM-DD", separated by ;'),
      36,
    ),
  },
});

// ---- names resolved within the caller's subtree

interface Node {
  id: number;
  name: string;
  path: string;
  level: string;
}
type Found<T> = { ok: true; value: T } | { ok: false; key: string; params?: Record<string, string | number> };

/** Places by name: in the caller's subtree (of the given levels), else whether the name exists outside it. */
async function placesByName(ctx: Ctx, wanted: readonly string[], levels?: readonly string[]) {
  const names = [...new Set(wanted.filter(Boolean))];
  const rows: Node[] = names.length
    ? await ctx.db
        .select({ id: territories.id, name: territories.name, path: territories.path, level: territories.level })
        .from(territories)
        .where(inArray(territories.name, names))
    : [];
  return (name: string, under?: Node): Found<Node> => {
    const all = rows.filter((r) => r.name === name && (!levels || levels.includes(r.level)));
    const mine = all.filter((r) => r.path.startsWith(under?.path ?? ctx.actor.scopePath));
    if (mine.length === 1) return { ok: true, value: mine[0]! };
    if (mine.length > 1) return { ok: false, key: 'coBuilding.import.ambiguous', params: { name } };
    if (under)
      return { ok: false, key: 'coBuilding.import.placeNotInCommunity', params: { name, community: under.name } };
    if (all.length) return { ok: false, key: 'coBuilding.import.outOfScope', params: { name } };
    return {
      ok: false,
      key:
        levels?.includes('community') && levels.length === 1
          ? 'coBuilding.import.noCommunity'
          : 'coBuilding.import.noPlace',
      params: { name },
    };
  };
}

/** Records of a table by name within the caller's subtree (units, alliances). */
function byName<T extends { name: string }>(rows: readonly T[]) {
  return (name: string, what: string): Found<T> => {
    const hit = rows.filter((r) => r.name === name);
    if (hit.length === 1) return { ok: true, value: hit[0]! };
    if (hit.length > 1) return { ok: false, key: 'coBuilding.import.ambiguous', params: { name } };
    return { ok: false, key: what, params: { name } };
  };
}
async function unitsByName(ctx: Ctx, wanted: readonly string[]) {
  const names = [...new Set(wanted.filter(Boolean))];
  return byName(
    names.length
      ? await ctx.db
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(and(inScope(ctx.actor, units.scopePath), inArray(units.name, names)))
      : [],
  );
}

// ---- the generic loop

/** A row turned into the create schema's input, or the row's errors (name look-ups). */
interface RowError<K extends string> {
  key: K | null;
  message: string;
  params?: Record<string, string | number>;
}
/** `tag` is the part of the natural key the input does not hold (the community of a need or project). */
type Prepared<K extends string> =
  { input: Record<string, unknown>; tag?: string; errors?: undefined } | { input?: undefined; errors: RowError<K>[] };

interface ImportSpec<S extends z.ZodRawShape, I> {
  list: 'needs' | 'resources' | 'projects' | 'agreements';
  action: string;
  objectType: string;
  ledger: Ledger<S>;
  schema: z.ZodType<I>;
  /** Create-schema field → ledger column, for the schema's and the service's field errors. */
  fields: Record<string, keyof S & string>;
  /** Looks names up for all rows at once; answers one preparer. */
  prepare: (
    ctx: Ctx,
    rows: readonly z.output<z.ZodObject<S>>[],
  ) => Promise<(value: z.output<z.ZodObject<S>>) => Prepared<keyof S & string>>;
  /** The natural key of an input, and the keys of those already recorded. */
  key: (input: I, tag: string) => string;
  existing: (ctx: Ctx, items: readonly { input: I; tag: string }[]) => Promise<Set<string>>;
  create: (ctx: Ctx, input: I) => Promise<unknown>;
}

class Rollback extends Error {}
const inTx = (ctx: Ctx, tx: DbOrTx): Ctx => ({ ...ctx, db: tx as Ctx['db'] });

export interface ImportOutcome {
  report: LedgerImportReport;
  /** The annotated copy, when asked for. */
  file?: Buffer;
}

async function runImport<S extends z.ZodRawShape, I>(
  ctx: Ctx,
  spec: ImportSpec<S, I>,
  body: unknown,
  q: LedgerImportQuery,
): Promise<ImportOutcome> {
  const locale: Locale = ctx.locale;
  const { ledger } = spec;
  const parsed = await parseLedger(ledger, body, locale);
  const errors: LedgerError[] = [...parsed.errors];
  const colOf = (field: string): (keyof S & string) | null => {
    const head = field.split('.')[0]!;
    return spec.fields[head] ?? (head in ledger.columns ? (head as keyof S & string) : null);
  };
  const prep = await spec.prepare(
    ctx,
    parsed.rows.map((r) => r.value),
  );
  const candidates: { row: number; input: I; tag: string }[] = [];
  for (const { row, value } of parsed.rows) {
    const p = prep(value);
    if (p.errors) {
      for (const e of p.errors) errors.push(ledgerError(ledger, locale, row, e.key, e.message, e.params));
      continue;
    }
    const checked = spec.schema.safeParse(p.input);
    if (!checked.success) {
      for (const f of translateIssues(checked.error.issues, locale)) {
        const key = colOf(f.field);
        errors.push({ row, column: key ? ledger.columns[key].header[locale] : '', message: f.message });
      }
      continue;
    }
    candidates.push({ row, input: checked.data, tag: p.tag ?? '' });
  }
  // Natural keys: recorded already → not written again; twice in the file → the second is an error.
  const taken = candidates.length ? await spec.existing(ctx, candidates) : new Set<string>();
  const seen = new Map<string, number>();
  const existingRows: number[] = [];
  const fresh: { row: number; input: I }[] = [];
  for (const x of candidates) {
    const k = spec.key(x.input, x.tag);
    if (taken.has(k)) existingRows.push(x.row);
    else if (seen.has(k))
      errors.push(ledgerError(ledger, locale, x.row, null, 'coBuilding.import.twice', { row: seen.get(k)! }));
    else {
      seen.set(k, x.row);
      fresh.push(x);
    }
  }
  // Written through the form's own create, each row in a savepoint: what the service refuses is that row's error.
  const written: number[] = [];
  const keep = () => !q.dryRun && q.format !== 'xlsx' && (q.mode === 'goodRows' || errors.length === 0);
  if (fresh.length) {
    try {
      await ctx.db.transaction(async (tx) => {
        for (const x of fresh) {
          try {
            await tx.transaction(async (sp) => {
              await spec.create(inTx(ctx, sp), x.input);
            });
            written.push(x.row);
          } catch (err) {
            if (!(err instanceof AppError) || err.code === 'internal') throw err;
            if (err.fields.length)
              for (const f of err.fields) {
                const key = colOf(f.field);
                errors.push({ row: x.row, column: key ? ledger.columns[key].header[locale] : '', message: f.message });
              }
            else
              errors.push({
                row: x.row,
                column: '',
                message: t(locale, err.reason ?? `error.${err.code}`, err.params),
              });
          }
        }
        if (!keep()) throw new Rollback();
        await audit(tx, ctx, {
          action: spec.action,
          objectType: spec.objectType,
          scopePath: ctx.actor.scopePath,
          after: {
            mode: q.mode,
            total: parsed.total,
            created: written.length,
            existing: existingRows.length,
            badRows: new Set(errors.map((e) => e.row)).size,
          },
        });
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  }
  const saved = keep() && written.length > 0;
  const wouldWrite = q.mode === 'goodRows' || errors.length === 0;
  const badRows = new Set(errors.map((e) => e.row));
  const report: LedgerImportReport = {
    list: spec.list,
    mode: q.mode,
    dryRun: q.dryRun || q.format === 'xlsx',
    total: parsed.total,
    /** Rows that were (or, on a dry run, would be) written. */
    created: wouldWrite ? written.length : 0,
    existing: existingRows.length,
    existingRows: existingRows.sort((a, b) => a - b),
    failed: badRows.size,
    saved,
    errors: errors.sort((a, b) => a.row - b.row),
  };
  if (q.format !== 'xlsx') return { report };
  const notes = new Map(existingRows.map((r) => [r, t(locale, 'coBuilding.import.existingNote')]));
  return { report, file: await annotateLedger(body as Buffer, report.errors, locale, notes) };
}

// ---- the four lists

const err = <K extends string>(
  key: K | null,
  f: { ok: false; key: string; params?: Record<string, string | number> },
) => ({
  key,
  message: f.key,
  ...(f.params ? { params: f.params } : {}),
});

const NEED_SPEC: ImportSpec<(typeof NeedImportLedger)['schema']['shape'], CreateNeed> = {
  list: 'needs',
  action: 'coNeed.import',
  objectType: 'coNeed',
  ledger: NeedImportLedger,
  schema: CreateNeed,
  fields: { territoryId: 'place', sourceOrderIds: 'source' },
  prepare: async (ctx, rows) => {
    const communities = await placesByName(
      ctx,
      rows.map((r) => r.community ?? ''),
      ['community'],
    );
    const places = await placesByName(
      ctx,
      rows.map((r) => r.place ?? ''),
    );
    return (v) => {
      if (!v.community) return { errors: [{ key: 'community', message: 'validation.required' }] };
      const comm = communities(v.community);
      if (!comm.ok) return { errors: [err('community', comm)] };
      const place = v.place ? places(v.place, comm.value) : comm;
      if (!place.ok) return { errors: [err('place', place)] };
      return {
        tag: String(comm.value.id),
        input: {
          title: v.title,
          description: v.description,
          category: v.category ?? undefined,
          territoryId: place.value.id,
          source: v.source ?? undefined,
          sourceNote: v.sourceNote,
          public: v.public === null ? undefined : v.public === 'yes',
        },
      };
    };
  },
  // A need is the same when its community already has a need of that title (wherever in the community).
  key: (i, community) => `${community}|${i.title}`,
  existing: async (ctx, items) => {
    const rows = await ctx.db
      .select({ c: coNeeds.communityId, n: coNeeds.title })
      .from(coNeeds)
      .where(
        and(
          inScope(ctx.actor, coNeeds.scopePath),
          inArray(
            coNeeds.title,
            items.map((x) => x.input.title),
          ),
        ),
      );
    return new Set(rows.map((r) => `${r.c}|${r.n}`));
  },
  create: createNeed,
};

const RESOURCE_SPEC: ImportSpec<(typeof ResourceImportLedger)['schema']['shape'], CreateResource> = {
  list: 'resources',
  action: 'coResource.import',
  objectType: 'coResource',
  ledger: ResourceImportLedger,
  schema: CreateResource,
  fields: { territoryId: 'area', unitId: 'unit' },
  prepare: async (ctx, rows) => {
    const areas = await placesByName(
      ctx,
      rows.map((r) => r.area ?? ''),
    );
    const unitOf = await unitsByName(
      ctx,
      rows.map((r) => r.unit ?? ''),
    );
    return (v) => {
      const errors: RowError<'area' | 'unit'>[] = [];
      const area = v.area ? areas(v.area) : null;
      if (!v.area) errors.push({ key: 'area', message: 'validation.required' });
      else if (area && !area.ok) errors.push(err('area', area));
      const unit = v.unit ? unitOf(v.unit, 'coBuilding.import.noUnit') : null;
      if (unit && !unit.ok) errors.push(err('unit', unit));
      if (errors.length) return { errors };
      return {
        input: {
          title: v.title,
          description: v.description,
          kind: v.kind ?? undefined,
          categories: v.categories,
          territoryId: area?.ok ? area.value.id : undefined,
          offererKind: v.offererKind ?? undefined,
          offererName: v.offererName,
          unitId: unit?.ok ? unit.value.id : null,
          capacity: v.capacity,
          unitOfMeasure: v.unitOfMeasure,
          availableFrom: v.availableFrom,
          availableTo: v.availableTo,
          availabilityNote: v.availabilityNote,
          active: v.active === null ? undefined : v.active === 'yes',
        },
      };
    };
  },
  key: (i) => `${i.territoryId}|${i.offererName}|${i.title}`,
  existing: async (ctx, items) => {
    const rows = await ctx.db
      .select({ t: coResources.territoryId, o: coResources.offererName, n: coResources.title })
      .from(coResources)
      .where(
        and(
          inScope(ctx.actor, coResources.scopePath),
          inArray(
            coResources.title,
            items.map((x) => x.input.title),
          ),
        ),
      );
    return new Set(rows.map((r) => `${r.t}|${r.o}|${r.n}`));
  },
  create: createResource,
};

const PROJECT_SPEC: ImportSpec<(typeof ProjectImportLedger)['schema']['shape'], CreateProject> = {
  list: 'projects',
  action: 'coProject.import',
  objectType: 'coProject',
  ledger: ProjectImportLedger,
  schema: CreateProject,
  fields: { needIds: 'needs' },
  prepare: async (ctx, rows) => {
    const communities = await placesByName(
      ctx,
      rows.map((r) => r.community ?? ''),
      ['community'],
    );
    const titles = [...new Set(rows.flatMap((r) => r.needs))];
    const needRows = titles.length
      ? await ctx.db
          .select({ id: coNeeds.id, title: coNeeds.title, communityId: coNeeds.communityId, status: coNeeds.status })
          .from(coNeeds)
          .where(and(inScope(ctx.actor, coNeeds.scopePath), inArray(coNeeds.title, titles)))
      : [];
    return (v) => {
      if (!v.community) return { errors: [{ key: 'community', message: 'validation.required' }] };
      const comm = communities(v.community);
      if (!comm.ok) return { errors: [err('community', comm)] };
      const needIds: number[] = [];
      for (const title of v.needs) {
        // Open or matched needs first: a closed need of the same title is history, not a candidate.
        const all = needRows.filter((n) => n.communityId === comm.value.id && n.title === title);
        const open = all.filter((n) => n.status === 'open' || n.status === 'matched');
        const hit = open.length ? open : all;
        if (hit.length === 0)
          return {
            errors: [
              {
                key: 'needs',
                message: 'coBuilding.import.noNeed',
                params: { name: title, community: comm.value.name },
              },
            ],
          };
        if (hit.length > 1)
          return { errors: [{ key: 'needs', message: 'coBuilding.import.ambiguous', params: { name: title } }] };
        needIds.push(hit[0]!.id);
      }
      return {
        input: {
          title: v.title,
          description: v.description,
          needIds,
          ownerName: v.ownerName,
          budget: v.budget,
          startOn: v.startOn ?? undefined,
          dueOn: v.dueOn ?? undefined,
        },
        tag: String(comm.value.id),
      };
    };
  },
  key: (i, community) => `${community}|${i.title}`,
  existing: async (ctx, items) => {
    const rows = await ctx.db
      .select({ c: coProjects.communityId, n: coProjects.title })
      .from(coProjects)
      .where(
        and(
          inScope(ctx.actor, coProjects.scopePath),
          inArray(
            coProjects.title,
            items.map((x) => x.input.title),
          ),
        ),
      );
    return new Set(rows.map((r) => `${r.c}|${r.n}`));
  },
  create: createProject,
};

/** 承诺事项: "事项 YYYY-MM-DD" items separated by ；; or new lines. */
function deliverablesOf(cell: string | null): { title: string; dueOn: string }[] | null {
  if (!cell) return [];
  const out: { title: string; dueOn: string }[] = [];
  for (const part of cell
    .split(/[；;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(.*?)[\s（(：:]*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[)）]?$/.exec(part);
    if (!m || !m[1]) return null;
    out.push({ title: m[1].trim(), dueOn: `${m[2]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}` });
  }
  return out;
}

const AGREEMENT_SPEC: ImportSpec<(typeof AgreementImportLedger)['schema']['shape'], CreateAgreement> = {
  list: 'agreements',
  action: 'coAgreement.import',
  objectType: 'coAgreement',
  ledger: AgreementImportLedger,
  schema: CreateAgreement,
  fields: { communityId: 'community', unitId: 'unit', allianceId: 'alliance' },
  prepare: async (ctx, rows) => {
    const communities = await placesByName(
      ctx,
      rows.map((r) => r.community ?? ''),
      ['community'],
    );
    const unitOf = await unitsByName(
      ctx,
      rows.map((r) => r.unit ?? ''),
    );
    const allianceNames = [...new Set(rows.flatMap((r) => (r.alliance ? [r.alliance] : [])))];
    const allianceOf = byName(
      allianceNames.length
        ? await ctx.db
            .select({ id: coAlliances.id, name: coAlliances.name })
            .from(coAlliances)
            .where(and(inScope(ctx.actor, coAlliances.scopePath), inArray(coAlliances.name, allianceNames)))
        : [],
    );
    return (v) => {
      const errors: RowError<'community' | 'unit' | 'alliance' | 'deliverables'>[] = [];
      const comm = v.community ? communities(v.community) : null;
      if (!v.community) errors.push({ key: 'community', message: 'validation.required' });
      else if (comm && !comm.ok) errors.push(err('community', comm));
      const unit = v.unit ? unitOf(v.unit, 'coBuilding.import.noUnit') : null;
      if (!v.unit) errors.push({ key: 'unit', message: 'validation.required' });
      else if (unit && !unit.ok) errors.push(err('unit', unit));
      const alliance = v.alliance ? allianceOf(v.alliance, 'coBuilding.import.noAlliance') : null;
      if (alliance && !alliance.ok) errors.push(err('alliance', alliance));
      const deliverables = deliverablesOf(v.deliverables);
      if (!deliverables) errors.push({ key: 'deliverables', message: 'coBuilding.import.deliverables' });
      if (errors.length || !comm?.ok || !unit?.ok) return { errors };
      return {
        input: {
          communityId: comm.value.id,
          unitId: unit.value.id,
          allianceId: alliance?.ok ? alliance.value.id : null,
          title: v.title,
          content: v.content,
          year: v.year,
          deliverables: deliverables ?? [],
        },
      };
    };
  },
  key: (i) => `${i.communityId}|${i.unitId}|${i.year}|${i.title}`,
  existing: async (ctx, items) => {
    const rows = await ctx.db
      .select({ c: coAgreements.communityId, u: coAgreements.unitId, y: coAgreements.year, n: coAgreements.title })
      .from(coAgreements)
      .where(
        and(
          inScope(ctx.actor, coAgreements.scopePath),
          inArray(
            coAgreements.title,
            items.map((x) => x.input.title),
          ),
        ),
      );
    return new Set(rows.map((r) => `${r.c}|${r.u}|${r.y}|${r.n}`));
  },
  create: createAgreement,
};

export type ImportList = 'needs' | 'resources' | 'projects' | 'agreements';
const SPECS = { needs: NEED_SPEC, resources: RESOURCE_SPEC, projects: PROJECT_SPEC, agreements: AGREEMENT_SPEC };
export const IMPORT_LEDGERS = {
  needs: NeedImportLedger,
  resources: ResourceImportLedger,
  projects: ProjectImportLedger,
  agreements: AgreementImportLedger,
};

/** Imports one list's ledger (see the file's comment). */
export function importLedger(ctx: Ctx, list: ImportList, body: unknown, q: LedgerImportQuery): Promise<ImportOutcome> {
  return runImport(ctx, SPECS[list] as unknown as ImportSpec<z.ZodRawShape, unknown>, body, q);
}

/** The blank template of a list: headers, one example row (ignored while unchanged) and a notes sheet. */
export function importTemplate(list: ImportList, locale: Locale): Promise<Buffer> {
  return ledgerTemplate(IMPORT_LEDGERS[list] as Ledger<z.ZodRawShape>, locale);
}
