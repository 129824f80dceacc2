import type { Role } from '../../kernel/rbac/rbac.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import {
  compoundProperties,
  electionCandidates,
  elections,
  leadershipMembers,
  ownersCommittees,
  partyOrgs,
  residentsGroups,
  units,
} from './schema.js';

const STAFF: Role[] = ['communityStaff', 'communitySecretary'];
const ADMINS: Role[] = ['streetAdmin', 'districtAdmin', 'cityAdmin'];
const PARTY_READ: Role[] = ['partyMember', 'gridWorker', ...STAFF, ...ADMINS];
const MANAGE: Role[] = [...STAFF, ...ADMINS];
const FLAG_READ: Role[] = ['gridWorker', ...STAFF, ...ADMINS];
const UNIT_READ: Role[] = ['gridWorker', ...STAFF, ...ADMINS];
const LEAD_READ: Role[] = [...STAFF, ...ADMINS];
const LEAD_MANAGE: Role[] = ['communitySecretary', ...ADMINS];
const P = '/api/organizations';

async function org(f: MatrixFixture, w: Where, name = `党支部${f.uniq()}`) {
  const c = f.at(w).compound;
  const [row] = await f.t.db
    .insert(partyOrgs)
    .values({ kind: 'branch', name, territoryId: c.id, scopePath: c.path })
    .returning();
  return row!;
}
async function unit(
  f: MatrixFixture,
  w: Where,
  kind: 'privateFirm' | 'propertyCompany' = 'privateFirm',
  name = `单位${f.uniq()}`,
) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(units)
    .values({ kind, name, territoryId: c.id, scopePath: c.path, contactPhone: '13800001234' })
    .returning();
  return row!;
}
async function freshCompound(f: MatrixFixture, w: Where) {
  return f.t.factory.territory(f.at(w).community.id, 'compound', `小区${f.uniq()}`);
}
async function owners(f: MatrixFixture, w: Where, name = `业委会${f.uniq()}`) {
  const c = await freshCompound(f, w);
  const [row] = await f.t.db.insert(ownersCommittees).values({ compoundId: c.id, scopePath: c.path, name }).returning();
  return row!;
}
async function group(f: MatrixFixture, w: Where, name = `居民小组${f.uniq()}`) {
  const c = f.at(w).community;
  const [row] = await f.t.db.insert(residentsGroups).values({ territoryId: c.id, scopePath: c.path, name }).returning();
  return row!;
}
async function member(f: MatrixFixture, w: Where, name = `委员${f.uniq()}`) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(leadershipMembers)
    .values({ communityId: c.id, scopePath: c.path, name, committeePost: 'member' })
    .returning();
  return row!;
}
async function election(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(elections)
    .values({ communityId: c.id, scopePath: c.path, name: `换届${f.uniq()}`, heldOn: '2026-03-28' })
    .returning();
  return row!;
}
async function candidate(f: MatrixFixture, w: Where) {
  const e = await election(f, w);
  const [row] = await f.t.db
    .insert(electionCandidates)
    .values({ electionId: e.id, scopePath: e.scopePath, name: '候选人', postSought: 'member' })
    .returning();
  return row!;
}

export const rows: MatrixRows = {
  // ---- party organisations
  [`GET ${P}/party-orgs`]: {
    allow: PARTY_READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${P}/party-orgs?q=${encodeURIComponent((await org(f, w)).name)}` }),
  },
  [`GET ${P}/party-orgs/tree`]: {
    allow: PARTY_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/party-orgs/tree?territoryId=${f.community(w)}` }),
  },
  [`GET ${P}/party-orgs/:id`]: {
    allow: PARTY_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/party-orgs/${(await org(f, w)).id}` }),
  },
  [`POST ${P}/party-orgs`]: {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/party-orgs`,
      body: { kind: 'branch', name: `支部${f.uniq()}`, territoryId: f.at(w).compound.id },
    }),
  },
  [`PATCH ${P}/party-orgs/:id`]: {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/party-orgs/${(await org(f, w)).id}`,
      body: { name: `改名${f.uniq()}` },
    }),
  },
  [`DELETE ${P}/party-orgs/:id`]: {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `${P}/party-orgs/${(await org(f, w)).id}` }),
  },
  [`GET ${P}/flags`]: {
    allow: FLAG_READ,
    ok: 200,
    outside: 'none', // computed for the caller's own subtree; the flag tests check that street B never shows
    call: async () => ({ method: 'GET', url: `${P}/flags` }),
  },

  // ---- units and partners
  [`GET ${P}/units`]: {
    allow: UNIT_READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `${P}/units?q=${encodeURIComponent((await unit(f, w)).name)}` }),
  },
  // The ledger: the matrix cannot look inside a workbook, so scope is checked in organizations.test.ts ('units
  // ledger'): the export never holds another street's units, and an import row naming a place outside the area is a
  // row error (nothing written).
  [`GET ${P}/units/template.xlsx`]: {
    allow: UNIT_READ,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/units/template.xlsx` }),
  },
  [`POST ${P}/units/import`]: {
    allow: MANAGE,
    ok: 400, // a JSON body is not a spreadsheet: reached the service, nothing written
    outside: 'none',
    call: async () => ({ method: 'POST', url: `${P}/units/import?mode=all`, body: {} }),
  },
  [`GET ${P}/units/export.xlsx`]: {
    allow: UNIT_READ,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/units/export.xlsx` }),
  },
  [`GET ${P}/units/:id`]: {
    allow: UNIT_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/units/${(await unit(f, w)).id}` }),
  },
  [`POST ${P}/units`]: {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/units`,
      body: { kind: 'stateOwned', name: `国企${f.uniq()}`, territoryId: f.community(w) },
    }),
  },
  [`PATCH ${P}/units/:id`]: {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/units/${(await unit(f, w)).id}`,
      body: { contactName: '联系人' },
    }),
  },
  [`DELETE ${P}/units/:id`]: {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `${P}/units/${(await unit(f, w)).id}` }),
  },
  [`GET ${P}/owners-committees`]: {
    allow: UNIT_READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/owners-committees?q=${encodeURIComponent((await owners(f, w)).name)}`,
    }),
  },
  [`POST ${P}/owners-committees`]: {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/owners-committees`,
      body: { compoundId: (await freshCompound(f, w)).id, name: '业委会' },
    }),
  },
  [`PATCH ${P}/owners-committees/:id`]: {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/owners-committees/${(await owners(f, w)).id}`,
      body: { membersCount: 7 },
    }),
  },
  [`DELETE ${P}/owners-committees/:id`]: {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `${P}/owners-committees/${(await owners(f, w)).id}` }),
  },
  [`GET ${P}/residents-groups`]: {
    allow: UNIT_READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/residents-groups?q=${encodeURIComponent((await group(f, w)).name)}`,
    }),
  },
  [`POST ${P}/residents-groups`]: {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/residents-groups`,
      body: { territoryId: f.community(w), name: '居民小组' },
    }),
  },
  [`PATCH ${P}/residents-groups/:id`]: {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/residents-groups/${(await group(f, w)).id}`,
      body: { leaderName: '组长' },
    }),
  },
  [`DELETE ${P}/residents-groups/:id`]: {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `${P}/residents-groups/${(await group(f, w)).id}` }),
  },
  [`GET ${P}/compounds/:id`]: {
    allow: PARTY_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/compounds/${f.at(w).compound.id}` }),
  },
  [`GET ${P}/compounds/:id/four-party`]: {
    allow: PARTY_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/compounds/${f.at(w).compound.id}/four-party` }),
  },
  [`PUT ${P}/compounds/:id/property`]: {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PUT',
      url: `${P}/compounds/${f.at(w).compound.id}/property`,
      body: { unitId: (await unit(f, w, 'propertyCompany')).id },
    }),
  },
  [`DELETE ${P}/compounds/:id/property`]: {
    allow: MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => {
      const c = await freshCompound(f, w);
      const u = await unit(f, w, 'propertyCompany');
      await f.t.db.insert(compoundProperties).values({ compoundId: c.id, unitId: u.id, scopePath: c.path });
      return { method: 'DELETE', url: `${P}/compounds/${c.id}/property` };
    },
  },

  // ---- leadership teams and elections
  [`GET ${P}/leadership/figures`]: {
    allow: LEAD_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/leadership/figures?territoryId=${f.community(w)}` }),
  },
  [`GET ${P}/leadership/members`]: {
    allow: LEAD_READ,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/leadership/members?q=${encodeURIComponent((await member(f, w)).name)}`,
    }),
  },
  [`POST ${P}/leadership/members`]: {
    allow: LEAD_MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/leadership/members`,
      body: { communityId: f.community(w), name: '委员', committeePost: 'member' },
    }),
  },
  [`PATCH ${P}/leadership/members/:id`]: {
    allow: LEAD_MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `${P}/leadership/members/${(await member(f, w)).id}`,
      body: { education: 'bachelor' },
    }),
  },
  [`DELETE ${P}/leadership/members/:id`]: {
    allow: LEAD_MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `${P}/leadership/members/${(await member(f, w)).id}` }),
  },
  [`GET ${P}/elections`]: {
    allow: LEAD_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/elections?territoryId=${f.community(w)}` }),
  },
  [`GET ${P}/elections/:id`]: {
    allow: LEAD_READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/elections/${(await election(f, w)).id}` }),
  },
  [`POST ${P}/elections`]: {
    allow: LEAD_MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/elections`,
      body: { communityId: f.community(w), name: '换届', heldOn: '2026-03-28' },
    }),
  },
  [`DELETE ${P}/elections/:id`]: {
    allow: LEAD_MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `${P}/elections/${(await election(f, w)).id}` }),
  },
  [`POST ${P}/elections/:id/candidates`]: {
    allow: LEAD_MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/elections/${(await election(f, w)).id}/candidates`,
      body: { name: '候选人', postSought: 'member' },
    }),
  },
  [`DELETE ${P}/candidates/:id`]: {
    allow: LEAD_MANAGE,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `${P}/candidates/${(await candidate(f, w)).id}` }),
  },
  [`PUT ${P}/candidates/:id/reviews`]: {
    allow: LEAD_MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PUT',
      url: `${P}/candidates/${(await candidate(f, w)).id}/reviews`,
      body: { department: 'police', outcome: 'pass' },
    }),
  },
};
