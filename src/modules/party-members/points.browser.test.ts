import { and, desc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territories } from '../../kernel/db/schema.js';
import { browserApp, type BrowserApp, signIn } from '../../test/browser.js';
import { pointEntries } from '../volunteering/schema.js';

let b: BrowserApp;
// The whole demo is seeded first: allow for a loaded machine.
beforeAll(async () => {
  b = await browserApp();
}, 240_000);
afterAll(() => b?.close());

describe('a party member’s points ledger on their page (issue 10 item 10)', () => {
  it('the community worker opens a member of 文亭巷社区 and sees the orders that earned the points, summed', async () => {
    const db = b.database.db;
    const [c] = await db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.divisionCode, '630104006001'));
    const [entry] = await db
      .select({ memberId: pointEntries.memberId, ref: pointEntries.ref })
      .from(pointEntries)
      .where(
        and(inArray(pointEntries.source, ['orderDone', 'wishClaimed']), like(pointEntries.scopePath, `${c!.path}%`)),
      )
      .orderBy(desc(pointEntries.at))
      .limit(1);
    expect(entry?.memberId).toBeTruthy();
    const mine = await db.select().from(pointEntries).where(eq(pointEntries.memberId, entry!.memberId!));
    const sum = mine.filter((e) => e.status === 'posted').reduce((s, e) => s + e.points, 0);

    const staff = await b.page();
    await signIn(staff, 'staff');
    await staff.goto(`/party-members/${entry!.memberId}`);
    const card = staff.getByTestId('member-points');
    await expect.poll(() => card.innerText()).toContain(`工单 #${entry!.ref.split(':')[1]}`);
    expect(await card.innerText()).toContain(`合计 ${sum} 分`);
    expect(await card.innerText()).toMatch(/办结工单|认领微心愿/);
    expect(await staff.getByTestId('member-detail-page').innerText()).toContain(`积分\n${sum}`);
    await b.screenshot(staff, 'party-members-points-ledger');
  });
});
