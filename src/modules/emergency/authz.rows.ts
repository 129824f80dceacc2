import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { EMERGENCY_ROLES as R } from './permissions.js';
import { makeAlert, makeCampaign, makeCandidate, makeEvent, makePatrol, makeRiver, makeTask } from './testing.js';

/** Authorization-matrix rows of emergency mode and river patrols: inside is street A, outside street B. */
const street = (f: MatrixFixture, w: Where) => (w === 'inside' ? f.tree.streetA : f.tree.streetB).street;
const eventAt = (f: MatrixFixture, w: Where) => makeEvent(f.t.db, street(f, w), [f.at(w).compound]);
const campaignAt = async (f: MatrixFixture, w: Where) =>
  makeCampaign(f.t.db, (await eventAt(f, w)).id, [f.at(w).compound]);
const riverAt = (f: MatrixFixture, w: Where) => makeRiver(f.t.db, street(f, w), f.at(w).community);
const P = '/api/emergency';
const Q = '/api/river';
const R_ = '/api/recruitment/candidates';

export const rows: MatrixRows = {
  [`GET ${P}/events`]: {
    allow: R.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `${P}/events?q=${encodeURIComponent((await eventAt(f, w)).name)}`,
    }),
  },
  [`POST ${P}/events`]: {
    allow: R.switch,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/events`,
      body: { name: `防汛${f.uniq()}`, kind: 'flood', areaIds: [f.at(w).compound.id] },
    }),
  },
  [`GET ${P}/events/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/events/${(await eventAt(f, w)).id}` }),
  },
  [`POST ${P}/events/:id/off`]: {
    allow: R.switch,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/events/${(await eventAt(f, w)).id}/off`,
      body: { note: '解除' },
    }),
  },
  [`GET ${P}/events/:id/board`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/events/${(await eventAt(f, w)).id}/board` }),
  },
  [`POST ${P}/events/:id/posts`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/events/${(await eventAt(f, w)).id}/posts`,
      body: { kind: 'dutyPost', name: `值守点${f.uniq()}`, territoryId: f.at(w).compound.id },
    }),
  },
  [`POST ${P}/events/:id/campaigns`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/events/${(await eventAt(f, w)).id}/campaigns`,
      body: { name: `入户${f.uniq()}`, areaIds: [f.at(w).compound.id] },
    }),
  },
  [`POST ${P}/events/:id/tasks`]: {
    allow: R.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const a = await f.t.factory.account({ roles: ['partyMember'], territoryId: f.at('inside').household.id });
      return {
        method: 'POST',
        url: `${P}/events/${(await eventAt(f, w)).id}/tasks`,
        body: { title: '转移群众', accountIds: [a.id] },
      };
    },
  },
  [`GET ${P}/campaigns/:id`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/campaigns/${(await campaignAt(f, w)).id}` }),
  },
  [`GET ${P}/campaigns/:id/visits`]: {
    allow: R.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${P}/campaigns/${(await campaignAt(f, w)).id}/visits` }),
  },
  [`POST ${P}/campaigns/:id/visits`]: {
    allow: R.visit,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${P}/campaigns/${(await campaignAt(f, w)).id}/visits`,
      body: { householdId: f.at(w).household.id, result: 'visited' },
    }),
  },
  [`GET ${P}/my-tasks`]: {
    allow: R.tasks,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${P}/my-tasks` }),
  },
  [`POST ${P}/tasks/:id/check-in`]: {
    allow: R.tasks,
    ok: 404, // only an assignee checks in; the matrix's accounts are not assigned
    outside: 'none',
    call: async (f) => {
      const e = await eventAt(f, 'inside');
      const task = await makeTask(f.t.db, e.id, f.at('inside').compound, []);
      return { method: 'POST', url: `${P}/tasks/${task.id}/check-in`, body: {} };
    },
  },

  [`GET ${Q}/rivers`]: {
    allow: R.riverRead,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${Q}/rivers` }),
  },
  [`POST ${Q}/rivers`]: {
    allow: R.riverManage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${Q}/rivers`,
      body: { name: `河${f.uniq()}`, territoryId: f.community(w) },
    }),
  },
  [`GET ${Q}/rivers/:id`]: {
    allow: R.riverRead,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `${Q}/rivers/${(await riverAt(f, w)).river.id}` }),
  },
  [`POST ${Q}/rivers/:id/routes`]: {
    allow: R.riverManage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${Q}/rivers/${(await riverAt(f, w)).river.id}/routes`,
      body: {
        name: `段${f.uniq()}`,
        territoryId: f.community(w),
        line: [
          [110.2, 25.2],
          [110.21, 25.21],
        ],
      },
    }),
  },
  [`POST ${Q}/rivers/:id/stations`]: {
    allow: R.riverManage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${Q}/rivers/${(await riverAt(f, w)).river.id}/stations`,
      body: { code: `S${f.uniq()}`, name: '监测站', thresholds: [{ metric: 'ph', min: 6, max: 9 }] },
    }),
  },
  [`PUT ${Q}/stations/:id/thresholds`]: {
    allow: R.riverManage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PUT',
      url: `${Q}/stations/${(await riverAt(f, w)).station.id}/thresholds`,
      body: { thresholds: [{ metric: 'waterLevel', max: 3 }] },
    }),
  },
  [`POST ${Q}/stations/:id/key`]: {
    allow: R.riverManage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'POST', url: `${Q}/stations/${(await riverAt(f, w)).station.id}/key` }),
  },
  [`GET ${Q}/patrols`]: {
    allow: R.riverRead,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const r = await riverAt(f, w);
      await makePatrol(f.t.db, r.route);
      return { method: 'GET', url: `${Q}/patrols?riverId=${r.river.id}` };
    },
  },
  [`POST ${Q}/patrols`]: {
    allow: R.patrol,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${Q}/patrols`,
      body: {
        routeId: (await riverAt(f, w)).route.id,
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        endedAt: new Date(Date.now() - 60_000).toISOString(),
        problems: [{ description: '河面漂浮垃圾' }],
      },
    }),
  },
  [`GET ${Q}/readings`]: {
    allow: R.riverRead,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const r = await riverAt(f, w);
      await makeAlert(f.t.db, r.station);
      return { method: 'GET', url: `${Q}/readings?stationId=${r.station.id}` };
    },
  },
  [`GET ${Q}/readings/template.xlsx`]: {
    allow: R.riverManage,
    ok: 200,
    outside: 'none',
    call: async () => ({ method: 'GET', url: `${Q}/readings/template.xlsx` }),
  },
  [`POST ${Q}/readings/import`]: {
    allow: R.riverManage,
    ok: 400, // a JSON body is not a spreadsheet
    outside: 'none',
    call: async () => ({ method: 'POST', url: `${Q}/readings/import`, body: {} }),
  },
  [`GET ${Q}/alerts`]: {
    allow: R.riverRead,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const r = await riverAt(f, w);
      await makeAlert(f.t.db, r.station);
      return { method: 'GET', url: `${Q}/alerts?stationId=${r.station.id}` };
    },
  },
  [`POST ${Q}/alerts/:id/close`]: {
    allow: R.riverManage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${Q}/alerts/${(await makeAlert(f.t.db, (await riverAt(f, w)).station)).id}/close`,
      body: { note: '已处置' },
    }),
  },
  [`POST ${Q}/ingest`]: {
    allow: 'public',
    ok: 401, // key-authenticated: a session is worth nothing here, and the key is wrong
    outside: 'none',
    call: async (f) => ({
      method: 'POST',
      url: `${Q}/ingest`,
      body: {
        station: (await riverAt(f, 'inside')).station.code,
        readingId: `m${f.uniq()}`,
        metric: 'ph',
        value: 7,
        measuredAt: new Date().toISOString(),
      },
    }),
  },

  [`GET ${R_}`]: {
    allow: R.recruitment,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `${R_}?branchId=${(await makeCandidate(f.t.db, f.at(w).compound)).branch.id}`,
    }),
  },
  [`POST ${R_}`]: {
    allow: R.recruitment,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: R_,
      body: {
        name: '新申请人',
        branchId: (await makeCandidate(f.t.db, f.at(w).compound)).branch.id,
        appliedOn: '2026-01-02',
      },
    }),
  },
  [`GET ${R_}/:id`]: {
    allow: R.recruitment,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `${R_}/${(await makeCandidate(f.t.db, f.at(w).compound)).candidate.id}`,
    }),
  },
  [`POST ${R_}/:id/record`]: {
    allow: R.recruitment,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${R_}/${(await makeCandidate(f.t.db, f.at(w).compound)).candidate.id}/record`,
      body: { talkedOn: '2025-01-10' },
    }),
  },
  [`POST ${R_}/:id/advance`]: {
    allow: R.recruitment,
    ok: 409, // no talk recorded: refused with the reason
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `${R_}/${(await makeCandidate(f.t.db, f.at(w).compound)).candidate.id}/advance`,
      body: { to: 'activist', on: '2025-02-01' },
    }),
  },
};
