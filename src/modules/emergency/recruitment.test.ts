import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { partyOrgs } from '../organizations/schema.js';
import { addYears, checkMove, type CandidateFacts } from './recruitment.rules.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secretary: Client, farSecretary: Client;
let branchId: number;
const P = '/api/recruitment/candidates';
const DAY = 86_400_000;
const day = (offset = 0) => new Date(t.clock.now().getTime() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10);

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  const c = tree.streetA.communities[0]!;
  const [b] = await t.db
    .insert(partyOrgs)
    .values({ kind: 'branch', name: '和平小区党支部', territoryId: c.compound.id, scopePath: c.compound.path })
    .returning();
  branchId = b!.id;
  secretary = await t.as(['communitySecretary'], c.community.id);
  farSecretary = await t.as(['communitySecretary'], tree.streetB.communities[0]!.community.id);
});
afterAll(() => t.close());

describe('recruitment 发展党员', () => {
  it('moves applicant → activist → target → probationary → full, refusing skipped steps and short intervals with the reason', async () => {
    const cand = await ok(
      secretary.post(P, { name: '李青', branchId, birthDate: '2000-03-01', appliedOn: day(-800) }),
      201,
    );
    expect(cand).toMatchObject({ stage: 'applicant', talkDueOn: day(-770) });
    expect((await farSecretary.get(`${P}/${cand.id}`)).status).toBe(404);
    const move = (to: string, on: string, extra: object = {}) =>
      secretary.post(`${P}/${cand.id}/advance`, { to, on, ...extra });
    const vote = { eligible: 23, present: 21, for: 20, against: 0, abstain: 1 };
    const approval = (on: string) => ({ by: '文汇路街道党工委', on });

    // No talk yet: refused with the reason; a skipped step too.
    const noTalk = await move('activist', day(-790));
    expect(noTalk.status).toBe(409);
    expect(noTalk.body.message).toContain('谈话');
    const skip = await move('target', day(-790));
    expect(skip.status).toBe(409);
    expect(skip.body.message).toContain('不能跳过程序：下一步应为「入党积极分子」');
    await ok(secretary.post(`${P}/${cand.id}/record`, { talkedOn: day(-795) }));
    await ok(move('activist', day(-790)));

    // Activist for less than a year: refused, naming the day it becomes possible.
    const early = await move('target', day(-600));
    expect(early.status).toBe(409);
    expect(early.body.message).toContain(addYears(day(-790), 1));
    await ok(move('target', day(-420)));

    // Probationary needs two introducers, 24 hours of training and the four review steps.
    const bare = await move('probationary', day(-400));
    expect(bare.body.message).toContain('入党介绍人');
    await ok(
      secretary.post(`${P}/${cand.id}/record`, {
        introducers: ['王建国', '赵敏'],
        trainingHours: 24,
        review: { talk: day(-415), report: day(-410), review: day(-405) },
      }),
    );
    const noDecision = await move('probationary', day(-400));
    expect(noDecision.status).toBe(409);
    expect(noDecision.body.message).toContain('decide');
    await ok(secretary.post(`${P}/${cand.id}/record`, { review: { decide: day(-401) } }));
    // The branch meeting's vote and the higher committee's approval (decision 032).
    const noVote = await move('probationary', day(-400));
    expect(noVote.status).toBe(409);
    expect(noVote.body.message).toContain('支部大会表决');
    const fewFor = await move('probationary', day(-400), {
      vote: { ...vote, for: 11, against: 9 },
      approval: approval(day(-380)),
    });
    expect(fewFor.status).toBe(409);
    expect(fewFor.body.message).toContain('至少 12 人'); // 23 with a vote: more than half is 12
    const noQuorum = await move('probationary', day(-400), {
      vote: { eligible: 23, present: 11, for: 11, against: 0, abstain: 0 },
      approval: approval(day(-380)),
    });
    expect(noQuorum.body.message).toContain('未超过应到 23 人的半数');
    const badSum = await move('probationary', day(-400), {
      vote: { ...vote, against: 5 },
      approval: approval(day(-380)),
    });
    expect(badSum.body.message).toContain('不能多于实到人数');
    const noApproval = await move('probationary', day(-400), { vote });
    expect(noApproval.body.message).toContain('上级党委审批');
    const beforeMeeting = await move('probationary', day(-400), { vote, approval: approval(day(-401)) });
    expect(beforeMeeting.body.message).toContain(day(-400));
    const prob = await ok(move('probationary', day(-400), { vote, approval: approval(day(-380)) }));
    expect(prob.moves.at(-1)).toMatchObject({ vote, approval: approval(day(-380)) });

    // Probation is one year.
    expect((await move('full', day(-100), { vote, approval: approval(day(-90)) })).status).toBe(409);
    expect((await move('full', day(1))).status).toBe(409); // not in the future
    expect((await move('full', day(-30))).status).toBe(409); // no vote recorded
    const full = await ok(move('full', day(-30), { vote, approval: approval(day(-20)) }));
    expect(full.stage).toBe('full');
    expect(full.moves.map((m: { to: string }) => m.to)).toEqual(['activist', 'target', 'probationary', 'full']);
    expect((await move('full', day(-20))).status).toBe(409);
    expect((await ok(secretary.get(`${P}?stage=full`))).total).toBe(1);
  });

  it('bad input is 400 per field; under 18 at application cannot become an activist', async () => {
    const bad = await secretary.post(P, { name: '', branchId, appliedOn: '2026-13-45' });
    expect(bad.status).toBe(400);
    const facts: CandidateFacts = {
      stage: 'applicant',
      birthDate: '2010-01-01',
      appliedOn: '2026-01-01',
      talkedOn: '2026-01-10',
      activistOn: null,
      targetOn: null,
      probationOn: null,
      trainingHours: 0,
      introducers: [],
      review: {},
    };
    expect(checkMove(facts, 'activist', '2026-02-01', '2026-03-01')?.key).toBe('recruitment.tooYoung');
    expect(checkMove({ ...facts, birthDate: '2000-01-01' }, 'activist', '2026-02-01', '2026-03-01')).toBeNull();
    expect(checkMove({ ...facts, birthDate: '2000-01-01' }, 'activist', '2026-04-01', '2026-03-01')?.key).toBe(
      'recruitment.future',
    );
  });
});
