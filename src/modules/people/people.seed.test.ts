import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPii } from '../../kernel/crypto/pii.js';
import { testApp, type TestApp } from '../../test/app.js';
import { dualEvaluations, dualRegistrations, partyMembers } from '../party-members/schema.js';
import { idNumberProblem, PHONE_RE } from './constants.js';
import { residents } from './schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
}, 120_000);
afterAll(() => t.close());

const signIn = async (username: string) => {
  const c = t.client();
  expect((await c.login(username, 'Gongzhi@2026')).status).toBe(200);
  return c;
};

describe('demo people and party members', () => {
  it('fills every demo household with 2–4 residents whose numbers are well-formed, unique and encrypted', async () => {
    const rows = await t.db.select().from(residents);
    expect(rows.length).toBeGreaterThan(3000);
    const perHousehold = new Map<number, number>();
    for (const r of rows) perHousehold.set(r.householdId, (perHousehold.get(r.householdId) ?? 0) + 1);
    expect(Math.min(...perHousehold.values())).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perHousehold.values())).toBeLessThanOrEqual(4);
    const ids = rows.map((r) => decryptPii('idNumber', r.idNumberEnc!));
    expect(ids.filter((v) => idNumberProblem(v) !== null)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const phones = rows.flatMap((r) => (r.phoneEnc ? [decryptPii('phone', r.phoneEnc)] : []));
    expect(phones.length).toBeGreaterThan(rows.length * 0.7);
    expect(phones.filter((p) => !PHONE_RE.test(p))).toEqual([]);
  });

  it('makes about a tenth of the residents party members, with registrations and 2025 evaluations', async () => {
    const [{ n: people }] = (await t.db.select({ n: sql<number>`count(*)::int` }).from(residents)) as [{ n: number }];
    const kinds = await t.db
      .select({ kind: partyMembers.kind, n: sql<number>`count(*)::int` })
      .from(partyMembers)
      .groupBy(partyMembers.kind);
    const members = kinds.reduce((s, k) => s + k.n, 0);
    expect(members / people).toBeGreaterThan(0.07);
    expect(members / people).toBeLessThan(0.15);
    expect(kinds.map((k) => k.kind).sort()).toEqual(['inService', 'mobile', 'resident', 'retired']);
    const statuses = (await t.db.select({ s: dualRegistrations.status }).from(dualRegistrations)).map((r) => r.s);
    expect(statuses).toContain('pending');
    expect(statuses).toContain('confirmed');
    expect(
      (await t.db.select().from(dualEvaluations).where(eq(dualEvaluations.period, '2025'))).length,
    ).toBeGreaterThan(0);
  });

  it('grows one community-level branch past 100 members, so the organizations flag shows', async () => {
    const secretary = await signIn('secretary');
    const flags = await secretary.get('/api/organizations/flags?kind=branchTooLarge');
    expect(flags.status).toBe(200);
    expect(flags.body.total).toBeGreaterThanOrEqual(1);
  });

  it('links the demo resident and party member accounts to their records', async () => {
    const resident = await signIn('resident');
    const me = await resident.get('/api/people/me');
    expect(me.body.resident).toMatchObject({ name: '陈秀兰', relation: 'householder' });
    const pm = await signIn('party_member');
    const mine = await pm.get('/api/party-members/me');
    expect(mine.body.member).toMatchObject({ name: '赵敏', kind: 'inService' });
    expect(mine.body.registrations).toEqual([]); // left for the browser test to register
    const staff = await signIn('staff');
    expect((await staff.get(`/api/party-members/${mine.body.member.id}`)).status).toBe(404); // held elsewhere
  });
});
