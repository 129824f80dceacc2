import { and, asc, eq, like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { pointEntries } from '../volunteering/schema.js';
import { meetingInvitees } from './schema.js';
import { makeBranch, makeMeeting } from './testing.js';

/** Issue 15 item 2: points for meetings attended, once per session; a correction to absent reverses them. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secretary: Awaited<ReturnType<TestApp['as']>>;
let member: Awaited<ReturnType<TestApp['as']>>;
let other: Awaited<ReturnType<TestApp['as']>>;
let branch: Awaited<ReturnType<typeof makeBranch>>;
const A1 = () => tree.streetA.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  t.clock.set(new Date('2026-04-10T02:00:00Z'));
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  member = await t.as(['partyMember'], A1().household.id);
  other = await t.as(['partyMember'], A1().household.id);
  branch = await makeBranch(
    t.db,
    A1().compound,
    '小区第一党支部',
    [{ name: '张党员', accountId: member.account.id }, { name: '李党员' }, { name: '王党员' }],
    new Date('2025-12-01T00:00:00Z'),
  );
});
afterAll(() => t.close());

const entries = (ref: string) =>
  t.db
    .select()
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.source, 'meetingAttended'),
        or(eq(pointEntries.ref, ref), like(pointEntries.ref, `${ref}#%`)),
      ),
    )
    .orderBy(asc(pointEntries.id));
const sum = (xs: { personKey: string; points: number }[], key: string) =>
  xs.filter((x) => x.personKey === key).reduce((n, x) => n + x.points, 0);

describe('points for meetings attended', () => {
  it('an approved session of organisational life credits each member present, once', async () => {
    const created = await secretary.post('/api/org-life/sessions', {
      branchId: branch.branch.id,
      kind: 'themeDay',
      title: '四月主题党日',
      heldAt: '2026-04-08T04:00:00Z',
      mode: 'offline',
      place: '小区党群服务站',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    const [zhang, li, wang] = branch.members;
    const held = await secretary.patch(`/api/org-life/sessions/${id}`, {
      status: 'held',
      attendance: [
        { memberId: zhang!.id, status: 'present' },
        { memberId: li!.id, status: 'present' },
        { memberId: wang!.id, status: 'leave', leaveReason: '出差' },
      ],
    });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(await entries(`orgLife:${id}`)).toHaveLength(0); // not before approval
    expect((await secretary.patch(`/api/org-life/sessions/${id}`, { status: 'approved' })).status).toBe(200);
    const rows = await entries(`orgLife:${id}`);
    // Hand count: two present, one point each by the default district rule; the one on leave earns nothing.
    expect(rows.map((r) => [r.memberId ?? r.accountId, r.points])).toHaveLength(2);
    expect(rows.every((r) => r.points === 1 && r.ref === `orgLife:${id}`)).toBe(true);
    expect(rows.map((r) => r.name).sort()).toEqual(['李党员', member.account.displayName].sort());
    // Approving again is refused (locked), and nothing is credited twice.
    expect((await secretary.patch(`/api/org-life/sessions/${id}`, { status: 'approved' })).status).toBe(409);
    expect(await entries(`orgLife:${id}`)).toHaveLength(2);
  });

  it('an approved meeting credits attending party members; a correction to absent reverses by an entry', async () => {
    const { meeting } = await makeMeeting(t.db, A1().community, t.clock.now(), {
      title: '四月联席会',
      status: 'held',
      accountIds: [member.account.id, other.account.id],
    });
    const invitees = await t.db.select().from(meetingInvitees).where(eq(meetingInvitees.meetingId, meeting.id));
    const mine = invitees.find((i) => i.accountId === member.account.id)!;
    const theirs = invitees.find((i) => i.accountId === other.account.id)!;
    expect(
      (await secretary.post(`/api/meetings/${meeting.id}/attendance`, { inviteeId: mine.id, attended: true })).status,
    ).toBe(200);
    await secretary.post(`/api/meetings/${meeting.id}/attendance`, { inviteeId: theirs.id, attended: true });
    expect((await secretary.post(`/api/meetings/${meeting.id}/move`, { move: 'approve' })).status).toBe(200);
    const ref = `meeting:${meeting.id}`;
    let rows = await entries(ref);
    // Only the account that is a party member's earns (the other invitee has no member record).
    expect(rows).toHaveLength(1);
    const key = rows[0]!.personKey;
    expect(rows[0]).toMatchObject({ points: 1, ref });

    const corrected = await secretary.post(`/api/meetings/${meeting.id}/corrections`, {
      inviteeId: mine.id,
      attended: false,
      reason: '误记为出席',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    rows = await entries(ref);
    expect(rows).toHaveLength(2); // never deleted: a reversal entry beside the credit
    expect(rows[1]).toMatchObject({ points: -1, ref: `${ref}#1`, reason: '误记为出席', period: rows[0]!.period });
    expect(sum(rows, key)).toBe(0);
    // Correcting to absent again changes nothing; back to present credits again, once.
    await secretary.post(`/api/meetings/${meeting.id}/corrections`, {
      inviteeId: mine.id,
      attended: false,
      reason: '再次核对',
    });
    expect(await entries(ref)).toHaveLength(2);
    await secretary.post(`/api/meetings/${meeting.id}/corrections`, {
      inviteeId: mine.id,
      attended: true,
      reason: '确实出席',
    });
    await secretary.post(`/api/meetings/${meeting.id}/corrections`, {
      inviteeId: mine.id,
      attended: true,
      reason: '再次核对',
    });
    rows = await entries(ref);
    expect(rows.map((r) => r.points)).toEqual([1, -1, 1]);
    expect(sum(rows, key)).toBe(1);
  });
});
