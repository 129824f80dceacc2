import type { Db } from '../../kernel/db/client.js';
import { units } from '../organizations/index.js';
import type { AgreementStatus, NeedStatus, ProjectStatus } from './constants.js';
import {
  coAgreements,
  coAllianceMembers,
  coAlliances,
  coAllianceUnits,
  coDeliverables,
  coMatches,
  coNeeds,
  coProjects,
  coResources,
  coTasks,
} from './schema.js';

/** Test helpers shared by the API tests and the authorization-matrix rows (never used by the server). */
interface Place {
  id: number;
  path: string;
}

export async function makeNeed(
  db: Db,
  community: Place,
  opts: { title: string; place?: Place; category?: string; status?: NeedStatus; projectId?: number | null },
) {
  const place = opts.place ?? community;
  const [row] = await db
    .insert(coNeeds)
    .values({
      communityId: community.id,
      territoryId: place.id,
      scopePath: place.path,
      title: opts.title,
      category: opts.category ?? 'environment',
      source: 'resident',
      status: opts.status ?? 'open',
      projectId: opts.projectId ?? null,
    })
    .returning();
  return row!;
}

export async function makeResource(
  db: Db,
  area: Place,
  opts: {
    title: string;
    categories?: string[];
    capacity?: number;
    usedCapacity?: number;
    offererName?: string;
    availableFrom?: string | null;
    availableTo?: string | null;
    active?: boolean;
  },
) {
  const [row] = await db
    .insert(coResources)
    .values({
      territoryId: area.id,
      scopePath: area.path,
      title: opts.title,
      kind: 'equipment',
      categories: opts.categories ?? ['environment'],
      offererKind: 'resident',
      offererName: opts.offererName ?? opts.title,
      capacity: opts.capacity ?? 10,
      usedCapacity: opts.usedCapacity ?? 0,
      unitOfMeasure: '次',
      availableFrom: opts.availableFrom ?? null,
      availableTo: opts.availableTo ?? null,
      active: opts.active === false ? 0 : 1,
    })
    .returning();
  return row!;
}

/** A project with one need (in project) and one task; `done` projects get a done day. */
export async function makeProject(
  db: Db,
  community: Place,
  opts: { title: string; status?: ProjectStatus; dueOn?: string; doneOn?: string; resourceId?: number },
) {
  const status = opts.status ?? 'inProgress';
  const [p] = await db
    .insert(coProjects)
    .values({
      communityId: community.id,
      territoryId: community.id,
      scopePath: community.path,
      title: opts.title,
      ownerName: '社区党委',
      startOn: '2026-01-01',
      dueOn: opts.dueOn ?? '2099-12-31',
      status,
      doneAt: status === 'done' ? new Date(`${opts.doneOn ?? '2026-02-01'}T10:00:00+08:00`) : null,
      doneOn: status === 'done' ? (opts.doneOn ?? '2026-02-01') : null,
    })
    .returning();
  const need = await makeNeed(db, community, {
    title: `${opts.title}需求`,
    status: status === 'done' ? 'met' : 'inProject',
    projectId: p!.id,
  });
  const [task] = await db
    .insert(coTasks)
    .values({ projectId: p!.id, title: '施工', dueOn: opts.dueOn ?? '2099-12-31' })
    .returning();
  if (opts.resourceId)
    await db.insert(coMatches).values({
      needId: need.id,
      resourceId: opts.resourceId,
      decision: 'accepted',
      amount: 1,
      score: 0.5,
      factors: { category: 1, distance: 1, capacity: 1, availability: 1, fulfilment: 0.5 },
      projectId: p!.id,
    });
  return { ...p!, needId: need.id, taskId: task!.id };
}

/** An agreement with one unit and two deliverables (one pending), in any stage. */
export async function makeAgreement(
  db: Db,
  community: Place,
  opts: { title: string; status?: AgreementStatus; unitName?: string },
) {
  const [unit] = await db
    .insert(units)
    .values({
      territoryId: community.id,
      scopePath: community.path,
      kind: 'stateOwned',
      name: opts.unitName ?? `${opts.title}单位`,
    })
    .returning();
  const [a] = await db
    .insert(coAgreements)
    .values({
      communityId: community.id,
      scopePath: community.path,
      unitId: unit!.id,
      title: opts.title,
      year: 2026,
      status: opts.status ?? 'negotiating',
    })
    .returning();
  const ds = await db
    .insert(coDeliverables)
    .values([
      { agreementId: a!.id, title: '资助困难家庭', dueOn: '2026-03-01' },
      { agreementId: a!.id, title: '开放职工食堂', dueOn: '2099-06-01' },
    ])
    .returning();
  return { ...a!, unitId: unit!.id, deliverableIds: ds.map((d) => d.id) };
}

/** An alliance around a community, founded 2026-01-01, with two member units and one serving part-time member. */
export async function makeAlliance(db: Db, community: Place, opts: { name: string }) {
  const us = await db
    .insert(units)
    .values(
      [1, 2].map((k) => ({
        territoryId: community.id,
        scopePath: community.path,
        kind: 'stateOwned' as const,
        name: `${opts.name}成员单位${k}`,
      })),
    )
    .returning();
  const [a] = await db
    .insert(coAlliances)
    .values({ territoryId: community.id, scopePath: community.path, name: opts.name, foundedOn: '2026-01-01' })
    .returning();
  await db.insert(coAllianceUnits).values(us.map((u) => ({ allianceId: a!.id, unitId: u.id, joinedOn: '2026-01-01' })));
  const [m] = await db
    .insert(coAllianceMembers)
    .values({
      allianceId: a!.id,
      unitId: us[0]!.id,
      name: '王建国',
      unitPost: '党委书记',
      committeePost: '兼职委员',
      termFrom: '2026-01-01',
    })
    .returning();
  return { ...a!, unitIds: us.map((u) => u.id), memberId: m!.id };
}

/** A unit of a community that is not (yet) in any alliance. */
export async function makeUnit(db: Db, community: Place, name: string) {
  const [u] = await db
    .insert(units)
    .values({ territoryId: community.id, scopePath: community.path, kind: 'privateFirm', name })
    .returning();
  return u!;
}
