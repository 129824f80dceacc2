import { and, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { grids } from '../grids/schema.js';
import { meetings } from '../meetings/schema.js';
import { makeMeeting } from '../meetings/testing.js';
import { serviceOrders } from '../service-orders/schema.js';

/** Test helpers of the dashboard (never used by the server). */
interface Place {
  id: number;
  path: string;
}

/** `n` recent repair reports at a compound (a hotspot by the default rule: 3 in 30 days), written directly. */
export async function makeHotspotOrders(db: Db, community: Place, compound: Place, n = 3, category = 'repair') {
  const now = new Date();
  const existing = await db
    .select({ id: serviceOrders.id })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.territoryId, compound.id), eq(serviceOrders.category, category)));
  if (existing.length >= n) return;
  await db.insert(serviceOrders).values(
    Array.from({ length: n }, (_, i) => ({
      kind: 'problem' as const,
      status: 'submitted' as const,
      category,
      title: `楼道灯坏了${i}`,
      communityId: community.id,
      territoryId: compound.id,
      scopePath: compound.path,
      respondHours: 24,
      resolveHours: 72,
      respondBy: new Date(now.getTime() + 24 * 3_600_000),
      resolveBy: new Date(now.getTime() + 72 * 3_600_000),
    })),
  );
}

/** A planned meeting of the community next week, unless it has one. */
export async function makeNextMeeting(db: Db, community: Place) {
  const [m] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.territoryId, community.id), eq(meetings.status, 'planned')));
  if (m) return;
  await makeMeeting(db, community, new Date(Date.now() + 7 * 86_400_000), { title: '下周联席会议' });
}

/** A small square grid near 文亭巷 (WGS-84) in a community. */
export async function makeGrid(db: Db, community: Place, name: string) {
  const [row] = await db
    .insert(grids)
    .values({
      communityId: community.id,
      scopePath: community.path,
      kind: 'basic',
      name,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [101.75, 36.61],
            [101.76, 36.61],
            [101.76, 36.62],
            [101.75, 36.62],
            [101.75, 36.61],
          ],
        ],
      },
      minLng: 101.75,
      minLat: 36.61,
      maxLng: 101.76,
      maxLat: 36.62,
    })
    .returning();
  return row!;
}
