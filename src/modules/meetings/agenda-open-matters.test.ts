import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { makeNeed } from '../co-building/testing.js';
import { partyOrgs } from '../organizations/schema.js';
import { makeMeeting } from './testing.js';

/** Issue 13 item 2: the agenda proposes the subtree's open needs and structure flags, each linked, scope kept. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secretary: Client;
let farSecretary: Client;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;

interface Proposal {
  source: string;
  title: string;
  need: { id: number; title: string; status: string } | null;
  flag: { kind: string; id: number; open: boolean; message: string | null; link: string | null } | null;
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  farSecretary = await t.as(['communitySecretary'], B1().community.id);
});
afterAll(() => t.close());

describe('agenda from open matters: needs and flags', () => {
  it('proposes the subtree’s open needs and flags, keeps the link on the agenda and refuses others’', async () => {
    const { meeting } = await makeMeeting(t.db, A1().community, t.clock.now(), { title: '社区管家月度例会' });
    const open = await makeNeed(t.db, A1().community, { title: '小区缺少电动车充电桩', place: A1().compound });
    const met = await makeNeed(t.db, A1().community, { title: '已解决的需求', status: 'met' });
    const far = await makeNeed(t.db, B1().community, { title: '别的社区的需求' });

    const res = await secretary.get(`/api/meetings/${meeting.id}/proposals`);
    expect(res.status).toBe(200);
    const items = res.body.items as Proposal[];
    const needs = items.filter((p) => p.source === 'need');
    expect(needs.map((p) => p.need!.id)).toEqual([open.id]);
    expect(needs[0]!.title).toContain('小区缺少电动车充电桩');
    expect(needs.map((p) => p.need!.id)).not.toContain(met.id);
    expect(needs.map((p) => p.need!.id)).not.toContain(far.id);

    // The tree's compound has no branch and its building no responsible member: two flags, both of A1 only.
    const flags = items.filter((p) => p.source === 'flag').map((p) => `${p.flag!.kind}:${p.flag!.id}`);
    expect(flags).toEqual(
      expect.arrayContaining([`compoundWithoutBranch:${A1().compound.id}`, `buildingWithoutLead:${A1().building.id}`]),
    );
    expect(flags).not.toContain(`compoundWithoutBranch:${B1().compound.id}`);
    const noBranch = items.find((p) => p.flag?.kind === 'compoundWithoutBranch')!;
    expect(noBranch.flag!.link).toBe(`/compounds?id=${A1().compound.id}`);
    expect(noBranch.title).toContain(A1().compound.name);

    // Saved with its link: the need with its live status, the flag while it stands.
    const withNeed = await secretary.post(`/api/meetings/${meeting.id}/agenda`, {
      title: needs[0]!.title,
      source: 'need',
      needId: open.id,
    });
    expect(withNeed.status, JSON.stringify(withNeed.body)).toBe(201);
    const withFlag = await secretary.post(`/api/meetings/${meeting.id}/agenda`, {
      title: noBranch.title,
      source: 'flag',
      flag: { kind: 'compoundWithoutBranch', id: A1().compound.id },
    });
    expect(withFlag.status, JSON.stringify(withFlag.body)).toBe(201);
    const agenda = withFlag.body.agenda as { source: string; need: Proposal['need']; flag: Proposal['flag'] }[];
    expect(agenda.find((i) => i.source === 'need')!.need).toEqual({
      id: open.id,
      title: '小区缺少电动车充电桩',
      status: 'open',
    });
    expect(agenda.find((i) => i.source === 'flag')!.flag).toMatchObject({
      kind: 'compoundWithoutBranch',
      id: A1().compound.id,
      open: true,
    });
    const audited = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'meeting.agenda.add'), eq(auditLog.objectId, String(meeting.id))));
    expect(audited).toHaveLength(2);

    // Taken up: no longer proposed.
    const again = (await secretary.get(`/api/meetings/${meeting.id}/proposals`)).body.items as Proposal[];
    expect(again.filter((p) => p.need?.id === open.id)).toHaveLength(0);
    expect(again.filter((p) => p.flag?.kind === 'compoundWithoutBranch')).toHaveLength(0);

    // Another community's need or flag, or a link without its record, is refused per field.
    const bad = [
      [{ source: 'need', needId: far.id }, 'needId'],
      [{ source: 'need' }, 'needId'],
      [{ source: 'flag', flag: { kind: 'compoundWithoutBranch', id: B1().compound.id } }, 'flag.id'],
      [{ source: 'flag', flag: { kind: 'buildingWithoutLead', id: A1().compound.id } }, 'flag.id'],
      [{ source: 'staff', needId: open.id }, 'needId'],
    ] as const;
    for (const [body, field] of bad) {
      const r = await secretary.post(`/api/meetings/${meeting.id}/agenda`, { title: '越界', ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    // Outside the caller's subtree the meeting itself is not found.
    expect((await farSecretary.get(`/api/meetings/${meeting.id}/proposals`)).status).toBe(404);

    // The compound gets its branch: the flag on the agenda shows fixed.
    await t.db
      .insert(partyOrgs)
      .values({ kind: 'branch', name: '小区党支部', territoryId: A1().compound.id, scopePath: A1().compound.path });
    const after = await secretary.get(`/api/meetings/${meeting.id}`);
    const fixed = (after.body.agenda as { flag: Proposal['flag'] }[]).find((i) => i.flag)!.flag;
    expect(fixed).toEqual({
      kind: 'compoundWithoutBranch',
      id: A1().compound.id,
      open: false,
      message: null,
      link: null,
    });
  });
});
