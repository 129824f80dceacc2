import { randomBytes } from 'node:crypto';
import type { Db } from '../../kernel/db/client.js';
import { volActivities, volShifts, volSignups, volTeams } from './schema.js';

/** Test helpers (never used by the server): records built straight in the database for the authorization matrix. */
interface Place {
  id: number;
  path: string;
}
export const TEST_PLACE = { lng: 101.7578, lat: 36.6232 };

/**
 * An open activity at `at` with one shift running now (so check-in is inside the window), organised by the given
 * accounts; each of `signups` is signed up (in `status`) to the shift.
 */
export async function makeActivity(
  db: Db,
  at: Place,
  now: Date,
  opts: {
    title: string;
    organiserIds?: number[];
    signups?: { accountId: number | null; name: string }[];
    status?: 'signedUp' | 'checkedIn' | 'checkedOut';
  },
) {
  const [activity] = await db
    .insert(volActivities)
    .values({
      kind: 'volunteer',
      title: opts.title,
      territoryId: at.id,
      scopePath: at.path,
      place: '社区广场',
      ...TEST_PLACE,
      radiusM: 300,
      organiserIds: opts.organiserIds?.length ? opts.organiserIds : [0],
      tokenSecret: randomBytes(16).toString('base64url'),
    })
    .returning();
  const list = opts.signups ?? [];
  const [shift] = await db
    .insert(volShifts)
    .values({
      activityId: activity!.id,
      scopePath: at.path,
      label: '全天',
      startsAt: new Date(now.getTime() - 3_600_000),
      endsAt: new Date(now.getTime() + 3_600_000),
      capacity: list.length + 10,
      taken: list.length,
    })
    .returning();
  const status = opts.status ?? 'signedUp';
  const signups = list.length
    ? await db
        .insert(volSignups)
        .values(
          list.map((s) => ({
            shiftId: shift!.id,
            activityId: activity!.id,
            scopePath: at.path,
            accountId: s.accountId,
            name: s.name,
            creditPath: at.path,
            status,
            checkInAt: status === 'signedUp' ? null : new Date(now.getTime() - 3_000_000),
            checkInMethod: status === 'signedUp' ? null : ('qr' as const),
            checkOutAt: status === 'checkedOut' ? new Date(now.getTime() - 60_000) : null,
            checkOutMethod: status === 'checkedOut' ? ('qr' as const) : null,
          })),
        )
        .returning()
    : [];
  return { activity: activity!, shift: shift!, signups };
}

export async function makeTeam(db: Db, at: Place, name: string) {
  const [team] = await db
    .insert(volTeams)
    .values({ kind: 'volunteer', name, territoryId: at.id, scopePath: at.path, duties: ['助老'] })
    .returning();
  return team!;
}
