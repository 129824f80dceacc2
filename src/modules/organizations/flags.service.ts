import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../kernel/db/rows.js';
import { requireTerritoriesInScope } from '../../kernel/scope/scope.js';
import type { Ctx } from '../../kernel/context.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { FLAG_KINDS, type Flag, type FlagKind, type FlagQuery } from './contract.js';
import { TERRITORY_LEVELS } from '../../kernel/territory-levels.js';
import { orgFigures } from './figures.js';
import { PARTY_ORG_KINDS } from './constants.js';

/** A community-level branch with this many members must become a committee or general branch (seed 004). */
export const BRANCH_MEMBER_LIMIT = 100;

const SEVERITY: Record<FlagKind, Flag['severity']> = {
  branchTooLarge: 'high',
  compoundWithoutBranch: 'medium',
  buildingWithoutLead: 'low',
  nameMismatch: 'low',
};

/**
 * The kind a party organisation's name says it is, by its ending (issue 10 item 11): a 总支 named …党支部 after a
 * change of kind, or a branch still called …党总支. Checked longest ending first (党总支部 before 支部).
 */
export const NAME_KIND_SQL = (name: SQL) => sql`case
    when ${name} ~ '(党小组|小组)$' then 'group'
    when ${name} ~ '总支(部)?(委员会)?$' then 'generalBranch'
    when ${name} ~ '(党工委|工作委员会)$' then 'workingCommittee'
    when ${name} ~ '支部(委员会)?$' then 'branch'
    when ${name} ~ '(党委|委员会)$' then 'committee'
    else null end`;

const FlagRow = z.object({
  kind: z.enum(FLAG_KINDS),
  tid: z.coerce.number().int(),
  tname: z.string(),
  tlevel: z.enum(TERRITORY_LEVELS),
  community_id: z.coerce.number().int().nullable(),
  community_name: z.string().nullable(),
  compound_name: z.string().nullable(),
  org_id: z.coerce.number().int().nullable(),
  org_name: z.string().nullable(),
  org_kind: z.enum(PARTY_ORG_KINDS).nullable(),
  cnt: z.coerce.number().int().nullable(),
  link_id: z.coerce.number().int(),
  focus_id: z.coerce.number().int().nullable(),
});

/**
 * The three rule flags as one set-based query each, every one limited to the subtree `scope` (a path prefix):
 * - branchTooLarge: a community-level branch with 100+ members (seed 004);
 * - compoundWithoutBranch: a compound with no branch of its own ("支部建在小区上", seed 000);
 * - buildingWithoutLead: a building with no responsible party member 楼栋责任党员 and no party member recorded under it
 *   (the building lead 楼栋长 is a separate role and does not count)
 *   ("一名党员一栋楼", seed 004). Members are matched by path range, which the text_pattern_ops index serves.
 */
export function flagQueries(scope: string): Record<FlagKind, SQL> {
  const like = `${scope}%`;
  // Members and building leads belong to other modules; they hand in these figures (figures.ts).
  const members = orgFigures.membersOfOrg(sql.raw('o.id'));
  return {
    branchTooLarge: sql`
      select 'branchTooLarge' as kind, 1 as sev, t.path as tpath, t.id as tid, t.name as tname, t.level as tlevel,
             t.id as community_id, t.name as community_name, null::text as compound_name,
             o.id as org_id, o.name as org_name, o.kind as org_kind, ${members} as cnt, o.id as link_id, null::int as focus_id
        from party_orgs o
        join territories t on t.id = o.territory_id
       where o.kind = 'branch' and o.unit_id is null and t.level = 'community' and o.scope_path like ${like}
         and ${members} >= ${BRANCH_MEMBER_LIMIT}`,
    compoundWithoutBranch: sql`
      select 'compoundWithoutBranch' as kind, 2 as sev, c.path as tpath, c.id as tid, c.name as tname, c.level as tlevel,
             cm.id as community_id, cm.name as community_name, c.name as compound_name,
             null::int as org_id, null::text as org_name, null::text as org_kind, null::int as cnt, c.id as link_id, null::int as focus_id
        from territories c
        left join territories cm on cm.id = c.parent_id
       where c.level = 'compound' and c.path like ${like}
         and not exists (select 1 from party_orgs o where o.territory_id = c.id and o.kind = 'branch' and o.unit_id is null)`,
    buildingWithoutLead: sql`
      select 'buildingWithoutLead' as kind, 3 as sev, b.path as tpath, b.id as tid, b.name as tname, b.level as tlevel,
             cm.id as community_id, cm.name as community_name, c.name as compound_name,
             null::int as org_id, null::text as org_name, null::text as org_kind, null::int as cnt, c.id as link_id, b.id as focus_id
        from territories b
        join territories c on c.id = b.parent_id
        left join territories cm on cm.id = c.parent_id
       where b.level = 'building' and b.path like ${like}
         and ${orgFigures.buildingResponsible(sql.raw('b.id'))} is null
         and ${orgFigures.membersUnder(sql.raw('b.path'))} = 0`,
    nameMismatch: sql`
      select 'nameMismatch' as kind, 4 as sev, t.path as tpath, t.id as tid, t.name as tname, t.level as tlevel,
             null::int as community_id, null::text as community_name, null::text as compound_name,
             o.id as org_id, o.name as org_name, o.kind as org_kind, null::int as cnt, o.id as link_id, null::int as focus_id
        from party_orgs o
        join territories t on t.id = o.territory_id
       where o.scope_path like ${like} and ${NAME_KIND_SQL(sql.raw('o.name'))} <> o.kind`,
  };
}

export function unionOf(parts: SQL[]): SQL {
  return sql.join(
    parts.map((p) => sql`(${p})`),
    sql` union all `,
  );
}

function message(ctx: Pick<Ctx, 'locale'>, r: z.infer<typeof FlagRow>): string {
  switch (r.kind) {
    case 'branchTooLarge':
      return t(ctx.locale, 'flag.branchTooLarge', {
        org: r.org_name ?? '',
        count: r.cnt ?? 0,
        limit: BRANCH_MEMBER_LIMIT,
      });
    case 'compoundWithoutBranch':
      return t(ctx.locale, 'flag.compoundWithoutBranch', { compound: r.tname });
    case 'buildingWithoutLead':
      return t(ctx.locale, 'flag.buildingWithoutLead', { compound: r.compound_name ?? '', building: r.tname });
    case 'nameMismatch':
      return t(ctx.locale, 'flag.nameMismatch', {
        org: r.org_name ?? '',
        kind: r.org_kind ? t(ctx.locale, `partyOrg.kind.${r.org_kind}`) : '',
      });
  }
}

function flagOf(ctx: Pick<Ctx, 'locale'>, r: z.infer<typeof FlagRow>): Flag {
  return {
    kind: r.kind,
    severity: SEVERITY[r.kind],
    territory: { id: r.tid, name: r.tname, level: r.tlevel },
    community:
      r.community_id !== null && r.community_name !== null ? { id: r.community_id, name: r.community_name } : null,
    org:
      r.org_id !== null && r.org_name !== null && r.org_kind !== null
        ? { id: r.org_id, name: r.org_name, kind: r.org_kind }
        : null,
    count: r.cnt,
    message: message(ctx, r),
    link: {
      route: r.kind === 'branchTooLarge' || r.kind === 'nameMismatch' ? 'partyOrg' : 'compound',
      id: r.link_id,
      focusId: r.focus_id,
    },
  };
}

/** A flag as another module keeps it: its kind and the id of what is flagged (the party organisation, else the place). */
export type FlagRef = Flag & { id: number };
export const flagIdOf = (f: Flag): number => f.org?.id ?? f.territory.id;

/**
 * The rule flags of the subtree `path` (the meetings' agenda proposals, issue 13 item 2), most severe first, each
 * with the id that names it together with its kind; with `only`, just that flag if it still stands.
 */
export async function flagsUnder(
  ctx: Pick<Ctx, 'db' | 'locale'>,
  path: string,
  opts: { limit?: number; only?: { kind: FlagKind; id: number } } = {},
): Promise<FlagRef[]> {
  const queries = flagQueries(path);
  const picked = opts.only ? queries[opts.only.kind] : unionOf(FLAG_KINDS.map((k) => queries[k]));
  const only = opts.only
    ? opts.only.kind === 'branchTooLarge' || opts.only.kind === 'nameMismatch'
      ? sql` where f.org_id = ${opts.only.id}`
      : sql` where f.tid = ${opts.only.id}`
    : sql``;
  const res = await ctx.db.execute(
    sql`select f.* from (${picked}) f${only} order by f.sev, f.tpath, f.tid, f.org_id limit ${opts.limit ?? 20}`,
  );
  return z
    .array(FlagRow)
    .parse(rowsOf(res))
    .map((r) => {
      const f = flagOf(ctx, r);
      return { ...f, id: flagIdOf(f) };
    });
}

/** The rule flags of the actor's subtree, computed from the records on every call (never stored), a page at a time. */
export async function listFlags(ctx: Ctx, q: FlagQuery) {
  const scope = q.territoryId
    ? ((await requireTerritoriesInScope(ctx.db, ctx.actor, [q.territoryId])).get(q.territoryId) ?? ctx.actor.scopePath)
    : ctx.actor.scopePath;
  const queries = flagQueries(scope);
  const all = unionOf(FLAG_KINDS.map((k) => queries[k]));
  const picked = q.kind ? queries[q.kind] : all;
  const [countRes, pageRes] = await Promise.all([
    ctx.db.execute(sql`select f.kind, count(*)::int as n from (${all}) f group by f.kind`),
    ctx.db.execute(
      sql`select f.* from (${picked}) f order by f.sev, f.tpath, f.tid, f.org_id limit ${q.pageSize} offset ${offsetOf(q)}`,
    ),
  ]);
  const counts = { branchTooLarge: 0, compoundWithoutBranch: 0, buildingWithoutLead: 0, nameMismatch: 0 };
  for (const r of z.array(z.object({ kind: z.enum(FLAG_KINDS), n: z.coerce.number().int() })).parse(rowsOf(countRes)))
    counts[r.kind] = r.n;
  const items: Flag[] = z
    .array(FlagRow)
    .parse(rowsOf(pageRes))
    .map((r) => flagOf(ctx, r));
  const total = q.kind
    ? counts[q.kind]
    : counts.branchTooLarge + counts.compoundWithoutBranch + counts.buildingWithoutLead + counts.nameMismatch;
  return { items, total, page: q.page, pageSize: q.pageSize, counts };
}

/** Ids of buildings of one compound that carry the buildingWithoutLead flag (for the compound page). */
export async function flaggedBuildings(ctx: Ctx, compoundPath: string): Promise<Set<number>> {
  const res = await ctx.db.execute(sql`select f.tid from (${flagQueries(compoundPath).buildingWithoutLead}) f`);
  return new Set(
    z
      .array(z.object({ tid: z.coerce.number().int() }))
      .parse(rowsOf(res))
      .map((r) => r.tid),
  );
}
