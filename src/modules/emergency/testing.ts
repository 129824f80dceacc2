import type { Db } from '../../kernel/db/client.js';
import { partyOrgs } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { hashKey } from './river.service.js';
import {
  emCampaigns,
  emEvents,
  emPosts,
  emTaskAssignees,
  emTasks,
  riverAlerts,
  riverPatrols,
  riverReadings,
  riverRivers,
  riverRoutes,
  riverStations,
  riverThresholds,
} from './schema.js';

/** Test helpers of the emergency module (API tests and authorization-matrix rows; never used by the server). */
interface Place {
  id: number;
  path: string;
}
let n = 0;

/** An event switched on at `owner` (a street) over `area` nodes. */
export async function makeEvent(db: Db, owner: Place, area: Place[], status: 'active' | 'ended' = 'active') {
  const [e] = await db
    .insert(emEvents)
    .values({
      name: `防汛演练${++n}`,
      kind: 'flood',
      territoryId: owner.id,
      scopePath: owner.path,
      areaIds: area.map((a) => a.id),
      areaPaths: area.map((a) => a.path),
      status,
      startedAt: new Date(),
      endedAt: status === 'ended' ? new Date() : null,
    })
    .returning();
  return e!;
}

export async function makeCampaign(db: Db, eventId: number, area: Place[]) {
  const [c] = await db
    .insert(emCampaigns)
    .values({
      eventId,
      name: `入户敲门${++n}`,
      areaIds: area.map((a) => a.id),
      areaPaths: area.map((a) => a.path),
      scopePath: area[0]!.path,
    })
    .returning();
  return c!;
}

export async function makePost(db: Db, eventId: number, at: Place) {
  const [p] = await db
    .insert(emPosts)
    .values({ eventId, kind: 'dutyPost', name: `值守点${++n}`, territoryId: at.id, scopePath: at.path })
    .returning();
  return p!;
}

export async function makeTask(db: Db, eventId: number, at: Place, accountIds: number[]) {
  const [t] = await db
    .insert(emTasks)
    .values({ eventId, title: `巡查${++n}`, scopePath: at.path })
    .returning();
  if (accountIds.length)
    await db
      .insert(emTaskAssignees)
      .values(accountIds.map((accountId) => ({ taskId: t!.id, accountId, name: '队员' })));
  return t!;
}

export async function makeMember(db: Db, at: Place, name: string, accountId?: number) {
  const [b] = await db
    .insert(partyOrgs)
    .values({ kind: 'branch', name: `${name}支部${++n}`, territoryId: at.id, scopePath: at.path })
    .returning();
  const [m] = await db
    .insert(partyMembers)
    .values({
      name,
      kind: 'resident',
      homeBranchId: b!.id,
      territoryId: at.id,
      scopePath: at.path,
      accountId: accountId ?? null,
    })
    .returning();
  return m!;
}

/** A river at `at` with one route at `place` (a community) and one station with a key and a pH threshold. */
export async function makeRiver(db: Db, at: Place, place: Place, key = `gzk_test_${++n}_key_long_enough`) {
  const [r] = await db
    .insert(riverRivers)
    .values({ name: `桃花江${++n}`, territoryId: at.id, scopePath: at.path })
    .returning();
  const [route] = await db
    .insert(riverRoutes)
    .values({
      riverId: r!.id,
      name: `巡河段${n}`,
      territoryId: place.id,
      scopePath: place.path,
      line: [
        [110.26, 25.27],
        [110.27, 25.28],
      ],
      lengthM: 1500,
    })
    .returning();
  const [s] = await db
    .insert(riverStations)
    .values({
      riverId: r!.id,
      code: `ST-${n}-${Math.random().toString(36).slice(2, 7)}`,
      name: `监测站${n}`,
      keyHash: hashKey(key),
      scopePath: at.path,
    })
    .returning();
  await db.insert(riverThresholds).values({ stationId: s!.id, metric: 'ph', min: 6, max: 9 });
  return { river: r!, route: route!, station: s!, key };
}

export async function makeAlert(db: Db, station: { id: number; scopePath: string }) {
  const [r] = await db
    .insert(riverReadings)
    .values({
      stationId: station.id,
      readingId: `r${++n}`,
      metric: 'ph',
      value: 9.8,
      measuredAt: new Date(),
      source: 'gateway',
      receivedAt: new Date(),
      scopePath: station.scopePath,
    })
    .returning();
  const [a] = await db
    .insert(riverAlerts)
    .values({
      stationId: station.id,
      readingRowId: r!.id,
      metric: 'ph',
      value: 9.8,
      bound: 9,
      direction: 'above',
      scopePath: station.scopePath,
      createdAt: new Date(),
    })
    .returning();
  return a!;
}

export async function makePatrol(db: Db, route: { id: number; scopePath: string }) {
  const [p] = await db
    .insert(riverPatrols)
    .values({
      routeId: route.id,
      patrollerName: '巡河党员',
      startedAt: new Date(Date.now() - 3_600_000),
      endedAt: new Date(),
      scopePath: route.scopePath,
    })
    .returning();
  return p!;
}

/** A branch at `at` with one applicant candidate. */
export async function makeCandidate(db: Db, at: Place) {
  const { recruitCandidates } = await import('./schema.js');
  const [b] = await db
    .insert(partyOrgs)
    .values({ kind: 'branch', name: `发展支部${++n}`, territoryId: at.id, scopePath: at.path })
    .returning();
  const [c] = await db
    .insert(recruitCandidates)
    .values({ name: `申请人${n}`, branchId: b!.id, scopePath: at.path, appliedOn: '2025-01-01' })
    .returning();
  return { branch: b!, candidate: c! };
}
