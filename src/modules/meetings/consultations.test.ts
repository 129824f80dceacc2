import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { maskName } from './consultations.service.js';
import { MEETING_FIGURES } from './dashboard.figures.js';

const DAY = 86_400_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string; password: string; displayName: string } };
let secretary: Signed, farStaff: Signed, wang: Signed, li: Signed, zhao: Signed, far: Signed;

const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
const later = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
async function move(ms: number) {
  t.clock.set(new Date(t.clock.now().getTime() + ms));
  for (const c of [secretary, farStaff, wang, li, zhao, far]) await c.login(c.account.username, c.account.password);
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  wang = await t.as(['resident'], A1().household.id);
  li = await t.as(['resident'], A1().household.id);
  zhao = await t.as(['partyMember'], A1().household.id);
  far = await t.as(['resident'], B1().household.id);
});
afterAll(() => t.close());

const topic = () => ({
  territoryId: A1().compound.id,
  title: '3号楼加装电梯征求意见',
  notice: '3号楼部分居民申请加装电梯，费用按楼层分摊。请本小区居民在截止日前发表意见并表决。',
  options: ['同意加装', '不同意加装'],
  closesAt: later(7 * DAY),
});

describe('democratic consultation 协商议事', () => {
  it('refuses bad input with per-field messages', async () => {
    const household = await secretary.post('/api/consultations', { ...topic(), territoryId: A1().household.id });
    expect(household.status).toBe(400);
    expect(household.body.fields?.[0]?.field ?? JSON.stringify(household.body)).toContain('territoryId');
    const short = await secretary.post('/api/consultations', { ...topic(), closesAt: later(3_600_000) });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('closesAt');
    const one = await secretary.post('/api/consultations', { ...topic(), options: ['同意'] });
    expect(one.status).toBe(400);
    expect(JSON.stringify(one.body)).toContain('至少两项');
    const same = await secretary.post('/api/consultations', { ...topic(), options: ['同意', '同意'] });
    expect(same.status).toBe(400);
    const nul = await secretary.post('/api/consultations', { ...topic(), title: 'a\u0000b' });
    expect(nul.status).toBe(400);
    const outside = await farStaff.post('/api/consultations', topic());
    expect(outside.status).toBe(404);
  });

  it('from notice to comments and votes to a meeting decision and a published result, in scope', async () => {
    const created = await secretary.post('/api/consultations', topic());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    expect(created.body).toMatchObject({ status: 'open', commenting: true, comments: 0, voters: 0 });

    // The notice reached the compound's residents in-app, not the far community's.
    const inbox = await wang.get('/api/notifications');
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('consultation.opened');
    const farInbox = await far.get('/api/notifications');
    expect(farInbox.body.items.map((n: { kind: string }) => n.kind)).not.toContain('consultation.opened');

    // Residents of the compound see it; a resident and staff of another community do not.
    const mine = await wang.get('/api/consultations');
    expect(mine.body.items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await far.get('/api/consultations')).body.items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect((await far.get(`/api/consultations/${id}`)).status).toBe(404);
    expect((await far.post(`/api/consultations/${id}/comments`, { text: '我也想说' })).status).toBe(404);
    expect((await farStaff.get(`/api/consultations/${id}`)).status).toBe(404);

    // Comments with the real-name account; votes, changeable; a hand count of the tally.
    expect((await wang.post(`/api/consultations/${id}/comments`, { text: '支持加装，低层住户少摊' })).status).toBe(201);
    expect((await li.post(`/api/consultations/${id}/comments`, { text: '一楼采光受影响，需要补偿' })).status).toBe(201);
    expect((await zhao.post(`/api/consultations/${id}/comments`, { text: '' })).status).toBe(400);
    expect((await wang.request('PUT', `/api/consultations/${id}/vote`, { option: 0 })).status).toBe(200);
    expect((await li.request('PUT', `/api/consultations/${id}/vote`, { option: 0 })).status).toBe(200);
    expect((await zhao.request('PUT', `/api/consultations/${id}/vote`, { option: 1 })).status).toBe(200);
    // Li changes their mind: still one vote per account.
    const changed = await li.request('PUT', `/api/consultations/${id}/vote`, { option: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body.myVote).toBe(1);
    expect((await li.request('PUT', `/api/consultations/${id}/vote`, { option: 5 })).status).toBe(400);
    const seenByWang = (await wang.get(`/api/consultations/${id}`)).body;
    expect(seenByWang.tally).toEqual([
      { option: '同意加装', votes: 1 },
      { option: '不同意加装', votes: 2 },
    ]);
    expect(seenByWang.voters).toBe(3);
    expect(seenByWang.participants).toBe(3);
    // Residents see others' names masked, their own in full; staff see the real names.
    const authors = seenByWang.commentList.map((c: { author: string; mine: boolean }) => [c.author, c.mine]);
    expect(authors).toEqual([
      [wang.account.displayName, true],
      [maskName(li.account.displayName), false],
    ]);
    expect(maskName(li.account.displayName)).not.toBe(li.account.displayName);
    expect([maskName('王小明'), maskName('在职党员 赵敏'), maskName('李')]).toEqual(['王**', '赵*', '*']);
    const staffView = (await secretary.get(`/api/consultations/${id}`)).body;
    expect(staffView.commentList.map((c: { author: string }) => c.author)).toEqual([
      wang.account.displayName,
      li.account.displayName,
    ]);

    // Staff cannot edit a comment (no such route), only hide it with a recorded reason; other areas cannot.
    const liComment = staffView.commentList[1].id as number;
    expect(
      (await secretary.request('PATCH', `/api/consultations/${id}/comments/${liComment}`, { text: 'x' })).status,
    ).toBe(404);
    expect(
      (await farStaff.post(`/api/consultations/${id}/comments/${liComment}/hide`, { reason: '含个人信息' })).status,
    ).toBe(404);
    expect((await wang.post(`/api/consultations/${id}/comments/${liComment}/hide`, { reason: '不同意' })).status).toBe(
      403,
    );
    const hidden = await secretary.post(`/api/consultations/${id}/comments/${liComment}/hide`, {
      reason: '含他人电话号码',
    });
    expect(hidden.status).toBe(200);
    const afterHide = (await wang.get(`/api/consultations/${id}`)).body;
    expect(afterHide.commentList[1]).toMatchObject({ text: null, hidden: true, hiddenReason: '含他人电话号码' });
    expect(afterHide.comments).toBe(1);
    expect(
      (await secretary.post(`/api/consultations/${id}/comments/${liComment}/hide`, { reason: '再次隐藏' })).status,
    ).toBe(409);
    const hideAudit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'consultation.hideComment'), eq(auditLog.objectId, String(liComment))));
    expect(hideAudit).toHaveLength(1);

    // The result waits for the end of the comment period.
    expect((await secretary.post(`/api/consultations/${id}/conclude`, { result: '同意' })).status).toBe(409);

    // The topic goes to a residents' council meeting with 两代表一委员; its decision shows on the consultation.
    const meeting = await secretary.post('/api/meetings', {
      typeKey: 'residentsCouncil',
      territoryId: A1().compound.id,
      title: '居民议事会：加装电梯',
      startsAt: later(8 * DAY),
      guests: [{ name: '区人大代表刘某', group: 'residentReps' }],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const put = await secretary.post(`/api/consultations/${id}/meeting`, { meetingId: meeting.body.id });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await secretary.post(`/api/consultations/${id}/meeting`, { meetingId: meeting.body.id })).status).toBe(409);
    const m = (await secretary.get(`/api/meetings/${meeting.body.id}`)).body;
    const item = m.agenda.find((i: { source: string }) => i.source === 'consultation');
    expect(item).toMatchObject({ consultationId: id, title: '协商议事：3号楼加装电梯征求意见' });
    // An agenda item cannot claim to be a consultation by hand.
    expect(
      (await secretary.post(`/api/meetings/${meeting.body.id}/agenda`, { title: '假的', source: 'consultation' }))
        .status,
    ).toBe(400);

    await move(7 * DAY + 60_000);
    expect((await wang.post(`/api/consultations/${id}/comments`, { text: '晚了' })).status).toBe(409);
    expect((await wang.request('PUT', `/api/consultations/${id}/vote`, { option: 1 })).status).toBe(409);
    await secretary.post(`/api/meetings/${meeting.body.id}/agenda/${item.id}/decisions`, {
      text: '同意3号楼加装电梯，一楼住户不分摊费用',
    });
    const concluded = await secretary.post(`/api/consultations/${id}/conclude`, {
      result: '居民议事会议定：同意加装，一楼住户不分摊，由物业公司报装。',
      order: { category: 'repair', description: '3号楼加装电梯报装' },
    });
    expect(concluded.status, JSON.stringify(concluded.body)).toBe(200);
    expect(concluded.body).toMatchObject({
      status: 'concluded',
      commenting: false,
      meeting: { id: meeting.body.id, decisions: ['同意3号楼加装电梯，一楼住户不分摊费用'] },
      order: { category: 'repair' },
    });
    expect((await secretary.post(`/api/consultations/${id}/conclude`, { result: '再次' })).status).toBe(409);
    // Everyone who took part hears of the result.
    for (const who of [wang, li, zhao]) {
      const heard = await who.get('/api/notifications');
      expect(heard.body.items.map((n: { kind: string }) => n.kind)).toContain('consultation.concluded');
    }
    const published = (await zhao.get(`/api/consultations/${id}`)).body;
    expect(published.result).toContain('同意加装');
  });

  it('counts consultations and participation from records, and the drill-down list adds up to the figure', async () => {
    const node = { id: A1().community.id, path: A1().community.path, level: 'community' };
    const from = new Date(t.clock.now().getTime() - 60 * DAY);
    const to = new Date(t.clock.now().getTime() + DAY);
    const input = { db: t.db, actor: undefined, clock: t.clock, nodes: [node], from, to };
    const fig = (key: string) => MEETING_FIGURES.find((f) => f.key === key)!;
    const [opened] = await fig('meetings.consultations').compute(input as never);
    const [took] = await fig('meetings.consultationParticipation').compute(input as never);
    const list = await secretary.get(
      `/api/consultations?territoryId=${node.id}&from=${from.toISOString()}&to=${to.toISOString()}&pageSize=100`,
    );
    expect(opened!.value).toBe(list.body.total);
    expect(opened!.value).toBeGreaterThanOrEqual(1);
    const hand = list.body.items.reduce((s: number, x: { participants: number }) => s + x.participants, 0);
    expect(took!.value).toBe(hand);
    expect(took!.value).toBe(3);
    const drill = fig('meetings.consultations').drill({ node, from: '2026-01-01', to: '2026-12-31' });
    expect(drill).toMatch(/^\/consultations\?territoryId=\d+&from=/);
    // The far community counts nothing of it.
    const [farCount] = await fig('meetings.consultations').compute({
      ...input,
      nodes: [{ id: B1().community.id, path: B1().community.path, level: 'community' }],
    } as never);
    expect(farCount!.value).toBe(0);
  });

  it('a withdrawn consultation disappears for residents, with the reason audited', async () => {
    const created = await secretary.post('/api/consultations', { ...topic(), title: '小区停车收费调整' });
    const id = created.body.id as number;
    expect((await secretary.post(`/api/consultations/${id}/withdraw`, { reason: '由业委会另行表决' })).status).toBe(
      200,
    );
    expect((await wang.get(`/api/consultations/${id}`)).status).toBe(404);
    expect((await wang.post(`/api/consultations/${id}/comments`, { text: '?' })).status).toBe(404);
    expect((await secretary.get(`/api/consultations/${id}`)).body.status).toBe('withdrawn');
  });
});
