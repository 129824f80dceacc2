import type { Db } from '../../kernel/db/client.js';
import { coItemLoans, coSharedItems } from './schema.js';
import type { ItemCategory, ItemStatus } from './shared-items.constants.js';

/** Test helpers of 便民共享服务柜 (API tests and authorization-matrix rows; never used by the server). */
interface Place {
  id: number;
  path: string;
}

export async function makeSharedItem(
  db: Db,
  community: Place,
  opts: { name: string; place?: Place; category?: ItemCategory; status?: ItemStatus; maxDays?: number },
) {
  const place = opts.place ?? community;
  const [row] = await db
    .insert(coSharedItems)
    .values({
      communityId: community.id,
      communityPath: community.path,
      territoryId: place.id,
      scopePath: place.path,
      name: opts.name,
      category: opts.category ?? 'tools',
      location: '党群服务中心 共享柜',
      status: opts.status ?? 'available',
      maxDays: opts.maxDays ?? 7,
    })
    .returning();
  return row!;
}

/** An item already lent (status lent) with its open loan to an account or a named person. */
export async function makeLoan(
  db: Db,
  community: Place,
  opts: { name: string; borrowerAccountId?: number | null; dueOn: string; lentAt?: Date },
) {
  const item = await makeSharedItem(db, community, { name: opts.name, status: 'lent' });
  const [loan] = await db
    .insert(coItemLoans)
    .values({
      itemId: item.id,
      scopePath: item.scopePath,
      borrowerAccountId: opts.borrowerAccountId ?? null,
      borrowerName: '借用人',
      channel: opts.borrowerAccountId ? 'mobile' : 'counter',
      status: 'out',
      lentAt: opts.lentAt ?? new Date(),
      dueOn: opts.dueOn,
      conditionOut: 'good',
    })
    .returning();
  return { item, loan: loan! };
}
