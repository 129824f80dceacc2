import type { Db } from '../../kernel/db/client.js';
import type { OrderStatus } from '../service-orders/constants.js';
import { serviceOrders } from '../service-orders/schema.js';
import { mediationCases, mediationParties, mediationSessions, mediationTeamMembers, mediationTeams } from './schema.js';

/** Test helpers shared by the API tests and the authorization-matrix rows (never used by the server). */
interface Place {
  id: number;
  path: string;
}
const HOUR = 3_600_000;

export async function makeTeam(
  db: Db,
  community: Place,
  name: string,
  members: { name: string; role?: 'leader' | 'mediator' | 'member'; accountId?: number; partyMemberId?: number }[] = [
    { name: '金大姐', role: 'leader' },
  ],
) {
  const [team] = await db
    .insert(mediationTeams)
    .values({ communityId: community.id, scopePath: community.path, name })
    .returning();
  const rows = members.length
    ? await db
        .insert(mediationTeamMembers)
        .values(
          members.map((m, i) => ({
            teamId: team!.id,
            name: m.name,
            role: m.role ?? 'member',
            accountId: m.accountId ?? null,
            partyMemberId: m.partyMemberId ?? null,
            sortOrder: i,
          })),
        )
        .returning()
    : [];
  return { ...team!, members: rows };
}

/** A mediation case written straight to the tables, in any state, with the given reporter and handlers. */
export async function makeCase(
  db: Db,
  community: Place,
  now: Date,
  opts: {
    status: OrderStatus;
    title: string;
    reporterAccountId?: number | null;
    unitId?: number | null;
    memberId?: number | null;
    handlerAccountId?: number | null;
    sessions?: number;
    teamId?: number | null;
  },
) {
  const handled = !['submitted', 'open'].includes(opts.status);
  const [row] = await db
    .insert(serviceOrders)
    .values({
      kind: 'mediation',
      status: opts.status,
      category: 'neighbourhood',
      title: opts.title,
      communityId: community.id,
      territoryId: community.id,
      scopePath: community.path,
      reporterAccountId: opts.reporterAccountId ?? null,
      handlerKind: handled ? 'unit' : null,
      handlerUnitId: handled ? (opts.unitId ?? null) : null,
      handlerMemberId: handled ? (opts.memberId ?? null) : null,
      handlerAccountId: handled ? (opts.handlerAccountId ?? null) : null,
      respondHours: 24,
      resolveHours: 72,
      respondBy: new Date(now.getTime() + 24 * HOUR),
      resolveBy: new Date(now.getTime() + 72 * HOUR),
      acceptedAt: ['accepted', 'inProgress', 'resolved', 'rated', 'closed'].includes(opts.status) ? now : null,
      resolvedAt: ['resolved', 'rated', 'closed'].includes(opts.status) ? now : null,
    })
    .returning();
  await db.insert(mediationCases).values({ orderId: row!.id, teamId: opts.teamId ?? null });
  const [party] = await db
    .insert(mediationParties)
    .values({ orderId: row!.id, name: '张可红', role: 'applicant' })
    .returning();
  for (let i = 0; i < (opts.sessions ?? 0); i++) {
    await db.insert(mediationSessions).values({
      orderId: row!.id,
      heldAt: new Date(now.getTime() - HOUR),
      place: '说事室',
      attendees: ['张可红'],
      notes: '拉家常、说事理',
    });
  }
  return { ...row!, partyId: party!.id };
}
