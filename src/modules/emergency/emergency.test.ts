import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import type { Board, Campaign, Event, Task } from './contract.js';
import { makeMember } from './testing.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string } };
let streetAdmin: Signed, staff: Signed, farAdmin: Signed, member: Signed, grid: Signed;
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/emergency';

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  grid = await t.as(['gridWorker'], A1().community.id);
  farAdmin = await t.as(['streetAdmin'], tree.streetB.street.id);
  member = await t.as(['partyMember'], A1().household.id);
});
afterAll(() => t.close());

describe('emergency mode 平战结合', () => {
  it('switches on for an area, refuses out-of-scope areas and non-street levels', async () => {
    // An area in another street is outside the admin's subtree: 404, nothing stored.
    const far = await streetAdmin.post(`${P}/events`, { name: '防汛', kind: 'flood', areaIds: [B1().community.id] });
    expect(far.status).toBe(404);
    // A community cannot switch it on; an area above the street is refused.
    const low = await staff.post(`${P}/events`, { name: '防汛', kind: 'flood', areaIds: [A1().compound.id] });
    expect(low.status).toBe(403);
    const lvl = await streetAdmin.post(`${P}/events`, {
      name: '防汛',
      kind: 'flood',
      territoryId: A1().community.id,
      areaIds: [A1().compound.id],
    });
    expect(lvl.status).toBe(400);
    expect(lvl.body.fields[0].field).toBe('territoryId');
    const bad = await streetAdmin.post(`${P}/events`, { name: '', kind: 'quake', areaIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['areaIds', 'kind', 'name']);
  });

  it('mode on → posts, door-to-door coverage, tasks with check-in → off with every record kept', async () => {
    // Two more households in A1's building, one in a second building.
    const h2 = await t.factory.territory(A1().building.id, 'household', '102室');
    const h3 = await t.factory.territory(A1().building.id, 'household', '201室');
    const b2 = await t.factory.territory(A1().compound.id, 'building', '2号楼');
    const h4 = await t.factory.territory(b2.id, 'household', '101室');

    const event = (await ok(
      streetAdmin.post(`${P}/events`, {
        name: '桃花江汛期应急',
        kind: 'flood',
        areaIds: [A1().compound.id],
        teams: [{ name: '甲街道党员突击队', kind: 'commando', members: '12人' }],
      }),
      201,
    )) as Event;
    expect(event).toMatchObject({ status: 'active', place: { id: tree.streetA.street.id }, editable: true });
    // Community staff inside the area see it; another street does not.
    expect((await ok(staff.get(`${P}/events/${event.id}`))).id).toBe(event.id);
    expect((await farAdmin.get(`${P}/events/${event.id}`)).status).toBe(404);

    // A post at a node outside the area is refused; a roster of a party member of the subtree is kept.
    const pm = await makeMember(t.db, A1().household, '王建国', member.account.id);
    const outside = await staff.post(`${P}/events/${event.id}/posts`, {
      kind: 'dutyPost',
      name: '社区值守点',
      territoryId: A2().compound.id,
    });
    expect(outside.status).toBe(404); // A2 is outside the staff's community
    const post = await ok(
      staff.post(`${P}/events/${event.id}/posts`, {
        kind: 'responsibilityArea',
        name: '1号楼责任区',
        territoryId: A1().building.id,
        roster: [{ partyMemberId: pm.id, shift: '白班' }, { name: '李志愿' }],
      }),
      201,
    );
    expect(post.roster.map((r: { name: string }) => r.name)).toEqual(['王建国', '李志愿']);

    const campaign = (await ok(
      staff.post(`${P}/events/${event.id}/campaigns`, { name: '汛前入户排查', areaIds: [A1().compound.id] }),
      201,
    )) as Campaign;
    expect(campaign).toMatchObject({ households: 4, covered: 0, rate: 0 });

    // Knocks: visited, not home, needs help (an order), and the member knocks in their own area.
    await ok(grid.post(`${P}/campaigns/${campaign.id}/visits`, { householdId: A1().household.id, result: 'visited' }));
    await ok(grid.post(`${P}/campaigns/${campaign.id}/visits`, { householdId: h2.id, result: 'notHome' }));
    const noHelp = await grid.post(`${P}/campaigns/${campaign.id}/visits`, { householdId: h3.id, result: 'needsHelp' });
    expect(noHelp.status).toBe(400);
    expect(noHelp.body.fields[0].field).toBe('help');
    const help = await ok(
      member.post(`${P}/campaigns/${campaign.id}/visits`, {
        householdId: h3.id,
        result: 'needsHelp',
        help: '独居老人需转移',
        note: '腿脚不便',
      }),
    );
    expect(help.orderId).toBeGreaterThan(0);
    // A household outside the area, or outside the knocker's reach, is refused.
    const farVisit = await grid.post(`${P}/campaigns/${campaign.id}/visits`, {
      householdId: A2().household.id,
      result: 'visited',
    });
    expect(farVisit.status).toBe(404);
    const notHh = await grid.post(`${P}/campaigns/${campaign.id}/visits`, {
      householdId: A1().building.id,
      result: 'visited',
    });
    expect(notHh.status).toBe(400);

    const cov = (await ok(staff.get(`${P}/campaigns/${campaign.id}`))) as Campaign;
    expect(cov).toMatchObject({ households: 4, covered: 2, notHome: 1, needsHelp: 1, rate: 50 });
    expect(cov.buildings.map((b) => [b.building.name, b.households, b.covered, b.rate])).toEqual([
      [`${A1().compound.name}1号楼`, 3, 2, 66.7],
      [`${A1().compound.name}2号楼`, 1, 0, 0],
    ]);
    // The second knock at the not-home household counts it covered; attempts are kept.
    const again = await ok(
      grid.post(`${P}/campaigns/${campaign.id}/visits`, { householdId: h2.id, result: 'visited' }),
    );
    expect(again.attempts).toBe(2);
    void h4;

    // A task pushed to the post's roster: the member is notified and checks in once on /m.
    const task = (await ok(
      staff.post(`${P}/events/${event.id}/tasks`, { title: '1号楼转移群众', postId: post.id, detail: '带好救生衣' }),
      201,
    )) as Task;
    expect(task.assignees.map((a) => a.accountId)).toEqual([member.account.id]);
    const notes = await ok(member.get('/api/notifications'));
    expect(JSON.stringify(notes)).toContain('1号楼转移群众');
    const mine = (await ok(member.get(`${P}/my-tasks`))) as Task[];
    expect(mine.map((x) => x.id)).toEqual([task.id]);
    const checked = (await ok(member.post(`${P}/tasks/${task.id}/check-in`, { note: '已到岗' }))) as Task;
    expect(checked.assignees[0]!.checkedInAt).not.toBeNull();
    expect((await member.post(`${P}/tasks/${task.id}/check-in`, {})).status).toBe(409);
    expect((await grid.post(`${P}/tasks/${task.id}/check-in`, {})).status).toBe(404);

    const live = (await ok(streetAdmin.get(`${P}/events/${event.id}/board`))) as Board;
    expect(live.totals).toMatchObject({ households: 4, covered: 3, rate: 75, tasks: 1, assignees: 1, checkedIn: 1 });

    // Only the street (or above) switches it off; community staff have no switch.
    expect((await staff.post(`${P}/events/${event.id}/off`, { note: '汛情解除' })).status).toBe(403);
    const off = (await ok(streetAdmin.post(`${P}/events/${event.id}/off`, { note: '汛情解除' }))) as Event;
    expect(off).toMatchObject({ status: 'ended', endNote: '汛情解除', editable: false });
    // Everything stays as a record, read-only.
    const record = (await ok(streetAdmin.get(`${P}/events/${event.id}/board`))) as Board;
    expect(record.totals).toMatchObject({ households: 4, covered: 3, checkedIn: 1 });
    expect(record.posts).toHaveLength(1);
    for (const res of [
      await grid.post(`${P}/campaigns/${campaign.id}/visits`, { householdId: h4.id, result: 'visited' }),
      await staff.post(`${P}/events/${event.id}/tasks`, { title: 'x', postId: post.id }),
      await staff.post(`${P}/events/${event.id}/campaigns`, { name: 'x', areaIds: [A1().compound.id] }),
      await streetAdmin.post(`${P}/events/${event.id}/off`, { note: '再关' }),
    ])
      expect(res.status).toBe(409);
    expect((await ok(member.get(`${P}/my-tasks`)))[0].eventStatus).toBe('ended');
    const audits = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'emEvent'), eq(auditLog.objectId, String(event.id))));
    expect(audits.map((a) => a.action)).toEqual(['emergency.switchOn', 'emergency.switchOff']);
  });
});
