import { and, asc, count, desc, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, placeFilter, placeInScope } from '../../kernel/scope/scope.js';
import { REQUIRED_REVIEW_DEPARTMENTS, type ReviewDepartment } from './constants.js';
import type {
  Candidate,
  CreateCandidate,
  CreateElection,
  CreateLeadershipMember,
  Election,
  ElectionListQuery,
  LeadershipFigures,
  LeadershipListQuery,
  LeadershipMember,
  RecordReview,
  UpdateLeadershipMember,
} from './contract.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { candidateReviews, electionCandidates, elections, leadershipMembers } from './schema.js';
import { escapeLike, invalid, placeOfLevel } from './shared.js';

// ---------------------------------------------------------------- members of the 两委

/** Completed years of age on `today` (YYYY-MM-DD), from a birth date, or from a birth year alone. */
export function ageOn(today: string, birthDate: string | null, birthYear: number | null): number | null {
  if (birthDate) {
    const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
    return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  }
  return birthYear === null ? null : Number(today.slice(0, 4)) - birthYear;
}

function selectMembers(db: DbOrTx) {
  return db
    .select({
      id: leadershipMembers.id,
      community: { id: territories.id, name: territories.name },
      name: leadershipMembers.name,
      gender: leadershipMembers.gender,
      birthDate: leadershipMembers.birthDate,
      birthYear: leadershipMembers.birthYear,
      education: leadershipMembers.education,
      partyPost: leadershipMembers.partyPost,
      committeePost: leadershipMembers.committeePost,
      scopePath: leadershipMembers.scopePath,
      createdAt: leadershipMembers.createdAt,
      updatedAt: leadershipMembers.updatedAt,
    })
    .from(leadershipMembers)
    .innerJoin(territories, eq(territories.id, leadershipMembers.communityId));
}
type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMembers>['execute']>>[number];

function shapeMember(ctx: Ctx, { scopePath: _p, ...r }: MemberRow): LeadershipMember {
  return {
    ...r,
    age: ageOn(chinaDay(ctx.clock.now()), r.birthDate, r.birthYear),
    dualRole: r.partyPost === 'secretary' && r.committeePost === 'director',
  };
}

const POST_ORDER = sql`case ${leadershipMembers.partyPost} when 'secretary' then 0 when 'deputySecretary' then 1 else 2 end,
  case ${leadershipMembers.committeePost} when 'director' then 0 when 'deputyDirector' then 1 else 2 end`;

/** Members of the leadership teams of the actor's subtree (or of one community), secretaries first. */
export async function listLeadershipMembers(ctx: Ctx, q: LeadershipListQuery) {
  const where: SQL[] = [inScope(ctx.actor, leadershipMembers.scopePath)];
  where.push(...(await placeFilter(ctx.db, ctx.actor, leadershipMembers.scopePath, q.territoryId)));
  if (q.q) where.push(ilike(leadershipMembers.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    selectMembers(ctx.db)
      .where(cond)
      .orderBy(asc(leadershipMembers.scopePath), POST_ORDER, asc(leadershipMembers.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(leadershipMembers).where(cond),
  ]);
  return { items: rows.map((r) => shapeMember(ctx, r)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadMember(ctx: Ctx, db: DbOrTx, id: number) {
  const [row] = await selectMembers(db).where(
    and(eq(leadershipMembers.id, id), inScope(ctx.actor, leadershipMembers.scopePath)),
  );
  if (!row) throw notFound();
  return row;
}

interface PostCheck {
  communityId: number;
  partyPost: string | null;
  committeePost: string | null;
  birthDate: string | null;
  selfId?: number;
}

/** A community has one secretary and one director; a birth date may not lie in the future. */
async function checkMember(ctx: Ctx, db: DbOrTx, c: PostCheck) {
  if (c.birthDate && c.birthDate > chinaDay(ctx.clock.now()))
    throw invalid('birthDate', t(ctx.locale, 'leadership.birthFuture'));
  for (const [field, col, post] of [
    ['partyPost', leadershipMembers.partyPost, 'secretary'],
    ['committeePost', leadershipMembers.committeePost, 'director'],
  ] as const) {
    const value = field === 'partyPost' ? c.partyPost : c.committeePost;
    if (value !== post) continue;
    const where = [eq(leadershipMembers.communityId, c.communityId), eq(col, post)];
    if (c.selfId !== undefined) where.push(ne(leadershipMembers.id, c.selfId));
    const [other] = await db
      .select({ name: leadershipMembers.name })
      .from(leadershipMembers)
      .where(and(...where))
      .limit(1);
    if (other) throw invalid(field, t(ctx.locale, `leadership.${post}Taken`, { name: other.name }));
  }
}

/** Adds a member to a community's leadership team. */
export async function createLeadershipMember(ctx: Ctx, input: CreateLeadershipMember): Promise<LeadershipMember> {
  return ctx.db.transaction(async (tx) => {
    const community = await placeOfLevel(ctx, tx, input.communityId, ['community'], 'communityId');
    const values = {
      name: input.name,
      gender: input.gender ?? null,
      birthDate: input.birthDate ?? null,
      birthYear: input.birthYear ?? (input.birthDate ? Number(input.birthDate.slice(0, 4)) : null),
      education: input.education ?? null,
      partyPost: input.partyPost ?? null,
      committeePost: input.committeePost ?? null,
    };
    await checkMember(ctx, tx, { communityId: community.id, ...values });
    const [created] = await tx
      .insert(leadershipMembers)
      .values({ communityId: community.id, scopePath: community.path, ...values })
      .returning({ id: leadershipMembers.id });
    const row = await loadMember(ctx, tx, created!.id);
    await audit(tx, ctx, {
      action: 'leadership.create',
      objectType: 'leadershipMember',
      objectId: row.id,
      scopePath: row.scopePath,
      after: row,
    });
    return shapeMember(ctx, row);
  });
}

/** Edits a team member; one secretary and one director per community still hold. */
export async function updateLeadershipMember(
  ctx: Ctx,
  id: number,
  patch: UpdateLeadershipMember,
): Promise<LeadershipMember> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadMember(ctx, tx, id);
    const next = {
      partyPost: patch.partyPost === undefined ? before.partyPost : patch.partyPost,
      committeePost: patch.committeePost === undefined ? before.committeePost : patch.committeePost,
      birthDate: patch.birthDate === undefined ? before.birthDate : patch.birthDate,
    };
    await checkMember(ctx, tx, { communityId: before.community.id, ...next, selfId: id });
    const birthYear =
      patch.birthYear !== undefined
        ? patch.birthYear
        : patch.birthDate
          ? Number(patch.birthDate.slice(0, 4))
          : undefined;
    await tx
      .update(leadershipMembers)
      .set({ ...patch, ...(birthYear !== undefined ? { birthYear } : {}), updatedAt: ctx.clock.now() })
      .where(eq(leadershipMembers.id, id));
    const after = await loadMember(ctx, tx, id);
    await audit(tx, ctx, {
      action: 'leadership.update',
      objectType: 'leadershipMember',
      objectId: id,
      scopePath: after.scopePath,
      before,
      after,
    });
    return shapeMember(ctx, after);
  });
}

/** Removes a member from a leadership team. */
export async function deleteLeadershipMember(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadMember(ctx, tx, id);
    await tx.delete(leadershipMembers).where(eq(leadershipMembers.id, id));
    await audit(tx, ctx, {
      action: 'leadership.delete',
      objectType: 'leadershipMember',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

// ---------------------------------------------------------------- figures

const GroupRow = z.object({
  grp: z.enum(['all', 'sec']),
  n: z.coerce.number().int(),
  avg_age: z.coerce.number().nullable(),
  postgraduate: z.coerce.number().int(),
  bachelor: z.coerce.number().int(),
  associate: z.coerce.number().int(),
  high_school: z.coerce.number().int(),
  other: z.coerce.number().int(),
  unknown: z.coerce.number().int(),
  under30: z.coerce.number().int(),
  from30: z.coerce.number().int(),
  from40: z.coerce.number().int(),
  from50: z.coerce.number().int(),
  from60: z.coerce.number().int(),
  age_unknown: z.coerce.number().int(),
  female: z.coerce.number().int(),
});
const CommunityRow = z.object({
  communities: z.coerce.number().int(),
  with_team: z.coerce.number().int(),
  with_secretary: z.coerce.number().int(),
  dual: z.coerce.number().int(),
});

/**
 * 两委 figures for a subtree, computed from the records on each call (seed 001 reports them: secretaries,
 * average age, degree rate, 一肩挑 rate): ages are completed years against the clock, the degree rate counts
 * associate degrees and above 大专及以上 among those whose education is known, and the 一肩挑 rate is the
 * share of communities with a secretary whose secretary is also the residents' committee director.
 */
export async function leadershipFigures(ctx: Ctx, territoryId?: number): Promise<LeadershipFigures> {
  const path = territoryId ? (await placeInScope(ctx.db, ctx.actor, territoryId)).path : ctx.actor.scopePath;
  const pattern = `${path}%`;
  const today = chinaDay(ctx.clock.now());
  const members = sql`
    select community_id, party_post, committee_post, education, gender,
           case when birth_date is not null then date_part('year', age(${today}::date, birth_date))::int
                when birth_year is not null then ${Number(today.slice(0, 4))}::int - birth_year end as age
      from leadership_members where scope_path like ${pattern}`;
  const [groupsRes, commRes] = await Promise.all([
    ctx.db.execute(sql`
      with m as (${members})
      select grp, count(*)::int as n, avg(age)::float8 as avg_age,
             count(*) filter (where education = 'postgraduate')::int as postgraduate,
             count(*) filter (where education = 'bachelor')::int as bachelor,
             count(*) filter (where education = 'associate')::int as associate,
             count(*) filter (where education = 'highSchool')::int as high_school,
             count(*) filter (where education = 'other')::int as other,
             count(*) filter (where education is null)::int as unknown,
             count(*) filter (where age < 30)::int as under30,
             count(*) filter (where age >= 30 and age < 40)::int as from30,
             count(*) filter (where age >= 40 and age < 50)::int as from40,
             count(*) filter (where age >= 50 and age < 60)::int as from50,
             count(*) filter (where age >= 60)::int as from60,
             count(*) filter (where age is null)::int as age_unknown,
             count(*) filter (where gender = 'female')::int as female
        from (select 'all' as grp, m.* from m union all select 'sec' as grp, m.* from m where party_post = 'secretary') x
       group by grp`),
    ctx.db.execute(sql`
      with m as (${members})
      select (select count(*)::int from territories where level = 'community' and path like ${pattern}) as communities,
             count(distinct community_id)::int as with_team,
             count(distinct community_id) filter (where party_post = 'secretary')::int as with_secretary,
             count(distinct community_id) filter (where party_post = 'secretary' and committee_post = 'director')::int as dual
        from m`),
  ]);
  const groups = z.array(GroupRow).parse(rowsOf(groupsRes));
  const [comm] = z.array(CommunityRow).parse(rowsOf(commRes));
  const figures = (grp: 'all' | 'sec') => {
    const g = groups.find((r) => r.grp === grp);
    if (!g) {
      return {
        count: 0,
        averageAge: null,
        educationMix: { postgraduate: 0, bachelor: 0, associate: 0, highSchool: 0, other: 0, unknown: 0 },
        degreeRate: null,
        ageBands: { under30: 0, from30to39: 0, from40to49: 0, from50to59: 0, from60: 0, unknown: 0 },
        female: 0,
      };
    }
    const known = g.n - g.unknown;
    return {
      count: g.n,
      averageAge: g.avg_age === null ? null : Math.round(g.avg_age * 10) / 10,
      educationMix: {
        postgraduate: g.postgraduate,
        bachelor: g.bachelor,
        associate: g.associate,
        highSchool: g.high_school,
        other: g.other,
        unknown: g.unknown,
      },
      degreeRate: known === 0 ? null : (g.postgraduate + g.bachelor + g.associate) / known,
      ageBands: {
        under30: g.under30,
        from30to39: g.from30,
        from40to49: g.from40,
        from50to59: g.from50,
        from60: g.from60,
        unknown: g.age_unknown,
      },
      female: g.female,
    };
  };
  const c = comm ?? { communities: 0, with_team: 0, with_secretary: 0, dual: 0 };
  return {
    communities: c.communities,
    communitiesWithTeam: c.with_team,
    communitiesWithSecretary: c.with_secretary,
    dualRoleCommunities: c.dual,
    dualRoleRate: c.with_secretary === 0 ? null : c.dual / c.with_secretary,
    secretaries: figures('sec'),
    members: figures('all'),
  };
}

// ---------------------------------------------------------------- elections and joint review 联审

/** A candidate passes the joint review when every required department passed them; one fail fails them. */
export function candidateOutcome(
  reviews: readonly { department: ReviewDepartment; outcome: 'pass' | 'fail' }[],
): Candidate['outcome'] {
  if (reviews.some((r) => r.outcome === 'fail')) return 'fail';
  const passed = new Set(reviews.filter((r) => r.outcome === 'pass').map((r) => r.department));
  return REQUIRED_REVIEW_DEPARTMENTS.every((d) => passed.has(d)) ? 'pass' : 'pending';
}

function selectElections(db: DbOrTx) {
  return db
    .select({
      id: elections.id,
      community: { id: territories.id, name: territories.name },
      name: elections.name,
      heldOn: elections.heldOn,
      scopePath: elections.scopePath,
      createdAt: elections.createdAt,
    })
    .from(elections)
    .innerJoin(territories, eq(territories.id, elections.communityId));
}
type ElectionRow = Awaited<ReturnType<ReturnType<typeof selectElections>['execute']>>[number];

async function candidatesOf(db: DbOrTx, electionIds: number[]): Promise<Candidate[]> {
  if (electionIds.length === 0) return [];
  const cands = await db
    .select({
      id: electionCandidates.id,
      electionId: electionCandidates.electionId,
      name: electionCandidates.name,
      postSought: electionCandidates.postSought,
    })
    .from(electionCandidates)
    .where(inArray(electionCandidates.electionId, electionIds))
    .orderBy(asc(electionCandidates.id));
  const reviews = cands.length
    ? await db
        .select({
          id: candidateReviews.id,
          candidateId: candidateReviews.candidateId,
          department: candidateReviews.department,
          outcome: candidateReviews.outcome,
          note: candidateReviews.note,
          reviewedOn: candidateReviews.reviewedOn,
        })
        .from(candidateReviews)
        .where(
          inArray(
            candidateReviews.candidateId,
            cands.map((c) => c.id),
          ),
        )
        .orderBy(asc(candidateReviews.id))
    : [];
  return cands.map((c) => {
    const own = reviews.filter((r) => r.candidateId === c.id).map(({ candidateId: _c, ...r }) => r);
    return { ...c, reviews: own, outcome: candidateOutcome(own) };
  });
}

function withCounts({ scopePath: _p, ...e }: ElectionRow, cands: Candidate[]): Election {
  const own = cands.filter((c) => c.electionId === e.id);
  return {
    ...e,
    candidateCount: own.length,
    passed: own.filter((c) => c.outcome === 'pass').length,
    failed: own.filter((c) => c.outcome === 'fail').length,
    pending: own.filter((c) => c.outcome === 'pending').length,
  };
}

/** Elections of the subtree, newest first, with the outcome counts of their candidates. */
export async function listElections(ctx: Ctx, q: ElectionListQuery) {
  const where: SQL[] = [inScope(ctx.actor, elections.scopePath)];
  where.push(...(await placeFilter(ctx.db, ctx.actor, elections.scopePath, q.territoryId)));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    selectElections(ctx.db)
      .where(cond)
      .orderBy(desc(elections.heldOn), desc(elections.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(elections).where(cond),
  ]);
  const cands = await candidatesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => withCounts(r, cands)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadElection(ctx: Ctx, db: DbOrTx, id: number) {
  const [row] = await selectElections(db).where(and(eq(elections.id, id), inScope(ctx.actor, elections.scopePath)));
  if (!row) throw notFound();
  return row;
}

/** One election with its candidates, their reviews and outcomes; 404 outside the subtree. */
export async function getElection(ctx: Ctx, id: number, db: DbOrTx = ctx.db) {
  const row = await loadElection(ctx, db, id);
  const cands = await candidatesOf(db, [id]);
  return { ...withCounts(row, cands), candidates: cands, requiredDepartments: [...REQUIRED_REVIEW_DEPARTMENTS] };
}

/** Records a community's 两委 election 换届. */
export async function createElection(ctx: Ctx, input: CreateElection) {
  return ctx.db.transaction(async (tx) => {
    const community = await placeOfLevel(ctx, tx, input.communityId, ['community'], 'communityId');
    const [created] = await tx
      .insert(elections)
      .values({ communityId: community.id, scopePath: community.path, name: input.name, heldOn: input.heldOn })
      .returning({ id: elections.id });
    const out = await getElection(ctx, created!.id, tx);
    await audit(tx, ctx, {
      action: 'election.create',
      objectType: 'election',
      objectId: out.id,
      scopePath: community.path,
      after: input,
    });
    return out;
  });
}

/** Deletes an election with its candidates and reviews. */
export async function deleteElection(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadElection(ctx, tx, id);
    const before = await getElection(ctx, id, tx);
    await tx.delete(elections).where(eq(elections.id, id));
    await audit(tx, ctx, {
      action: 'election.delete',
      objectType: 'election',
      objectId: id,
      scopePath: row.scopePath,
      before,
    });
  });
}

/** Adds a candidate to an election, to be reviewed jointly. */
export async function addCandidate(ctx: Ctx, electionId: number, input: CreateCandidate) {
  return ctx.db.transaction(async (tx) => {
    const election = await loadElection(ctx, tx, electionId);
    const [created] = await tx
      .insert(electionCandidates)
      .values({ electionId, scopePath: election.scopePath, name: input.name, postSought: input.postSought })
      .returning({ id: electionCandidates.id });
    await audit(tx, ctx, {
      action: 'election.addCandidate',
      objectType: 'electionCandidate',
      objectId: created!.id,
      scopePath: election.scopePath,
      after: { electionId, ...input },
    });
    return (await candidatesOf(tx, [electionId])).find((c) => c.id === created!.id)!;
  });
}

async function loadCandidate(ctx: Ctx, db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: electionCandidates.id,
      electionId: electionCandidates.electionId,
      name: electionCandidates.name,
      scopePath: electionCandidates.scopePath,
    })
    .from(electionCandidates)
    .where(and(eq(electionCandidates.id, id), inScope(ctx.actor, electionCandidates.scopePath)));
  if (!row) throw notFound();
  return row;
}

/** Removes a candidate with their reviews. */
export async function deleteCandidate(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadCandidate(ctx, tx, id);
    await tx.delete(electionCandidates).where(eq(electionCandidates.id, id));
    await audit(tx, ctx, {
      action: 'election.removeCandidate',
      objectType: 'electionCandidate',
      objectId: id,
      scopePath: before.scopePath,
      before,
    });
  });
}

/** Records (or corrects) one department's review of a candidate; returns the candidate with its overall outcome. */
export async function recordReview(ctx: Ctx, candidateId: number, input: RecordReview): Promise<Candidate> {
  return ctx.db.transaction(async (tx) => {
    const cand = await loadCandidate(ctx, tx, candidateId);
    if (input.outcome === 'fail' && !input.note) throw invalid('note', t(ctx.locale, 'review.noteRequired'));
    const [before] = await tx
      .select()
      .from(candidateReviews)
      .where(and(eq(candidateReviews.candidateId, candidateId), eq(candidateReviews.department, input.department)));
    const values = {
      outcome: input.outcome,
      note: input.note ?? null,
      reviewedOn: input.reviewedOn ?? chinaDay(ctx.clock.now()),
    };
    if (before)
      await tx
        .update(candidateReviews)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(eq(candidateReviews.id, before.id));
    else
      await tx
        .insert(candidateReviews)
        .values({ candidateId, scopePath: cand.scopePath, department: input.department, ...values });
    const out = (await candidatesOf(tx, [cand.electionId])).find((c) => c.id === candidateId)!;
    await audit(tx, ctx, {
      action: 'election.review',
      objectType: 'electionCandidate',
      objectId: candidateId,
      scopePath: cand.scopePath,
      before: before ? { department: before.department, outcome: before.outcome, note: before.note } : null,
      after: { department: input.department, ...values, candidateOutcome: out.outcome },
    });
    return out;
  });
}
