import { sql } from 'drizzle-orm';
import type { Role } from '../../kernel/rbac/rbac.js';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { cadreAssignments, communityWorkerPosts, communityWorkers, reserveTalents } from './schema.js';

/** Authorization-matrix rows of the cadres module (src/test/authz-matrix.ts). */
const READ: Role[] = ['communityStaff', 'communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];
const MANAGE: Role[] = ['communitySecretary', 'streetAdmin', 'districtAdmin', 'cityAdmin'];

async function worker(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(communityWorkers)
    .values({ name: `社工${f.uniq()}`, communityId: c.id, scopePath: c.path, startedOn: '2020-01-06', degree: 'none' })
    .returning();
  await f.t.db
    .insert(communityWorkerPosts)
    .values({ workerId: row!.id, post: 'staff', fromOn: '2020-01-06', reason: '入职' });
  return row!;
}
async function assignment(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(cadreAssignments)
    .values({
      cadreName: `干部${f.uniq()}`,
      unitName: '区民政局',
      kind: 'liaison',
      communityId: c.id,
      scopePath: c.path,
      fromOn: '2025-01-06',
    })
    .returning();
  return row!;
}
async function talent(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(reserveTalents)
    .values({
      name: `人才${f.uniq()}`,
      communityId: c.id,
      scopePath: c.path,
      source: 'veteran',
      enteredOn: '2025-01-06',
    })
    .returning();
  return row!;
}
const list = (path: string) => async (f: MatrixFixture, w: Where) => ({
  method: 'GET' as const,
  url: `${path}?territoryId=${f.community(w)}&pageSize=1`,
});

export const rows: MatrixRows = {
  'GET /api/cadres/workers': { allow: READ, ok: 200, outside: 404, call: list('/api/cadres/workers') },
  'GET /api/cadres/workers/:id': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/cadres/workers/${(await worker(f, w)).id}` }),
  },
  'POST /api/cadres/workers': {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/cadres/workers',
      body: { name: '矩阵社工', communityId: f.community(w), startedOn: '2020-01-06', degree: 'none', post: 'staff' },
    }),
  },
  'PATCH /api/cadres/workers/:id': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/cadres/workers/${(await worker(f, w)).id}`,
      body: { degree: 'bachelor', reason: '学历核实' },
    }),
  },
  'POST /api/cadres/workers/:id/posts': {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/cadres/workers/${(await worker(f, w)).id}/posts`,
      body: { post: 'deputy', fromOn: '2024-01-08', reason: '换届当选' },
    }),
  },
  'GET /api/cadres/assignments': { allow: READ, ok: 200, outside: 404, call: list('/api/cadres/assignments') },
  'GET /api/cadres/assignments/:id': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/cadres/assignments/${(await assignment(f, w)).id}` }),
  },
  'POST /api/cadres/assignments': {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/cadres/assignments',
      body: {
        cadreName: '矩阵干部',
        unitName: '区住建局',
        kind: 'sentDown',
        communityId: f.community(w),
        fromOn: '2025-01-06',
      },
    }),
  },
  'PATCH /api/cadres/assignments/:id': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/cadres/assignments/${(await assignment(f, w)).id}`,
      body: { duties: '包联任务' },
    }),
  },
  'POST /api/cadres/assignments/:id/work': {
    allow: READ,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/cadres/assignments/${(await assignment(f, w)).id}/work`,
      body: { workedOn: '2025-03-03', handled: '走访困难群众' },
    }),
  },
  'POST /api/cadres/assignments/:id/work/:recordId/order': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await assignment(f, w);
      // A record with a finding, written straight (the route under test turns it into an order).
      const rows = await f.t.db.execute(
        sql`insert into cadre_work_records (assignment_id, scope_path, worked_on, found)
          values (${a.id}, ${a.scopePath}, '2025-03-03', '路灯不亮') returning id`,
      );
      const id = (rows as unknown as { rows: { id: number }[] }).rows[0]!.id;
      return { method: 'POST', url: `/api/cadres/assignments/${a.id}/work/${id}/order`, body: { category: 'repair' } };
    },
  },
  'GET /api/cadres/talents': { allow: READ, ok: 200, outside: 404, call: list('/api/cadres/talents') },
  'GET /api/cadres/talents/:id': {
    allow: READ,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/cadres/talents/${(await talent(f, w)).id}` }),
  },
  'POST /api/cadres/talents': {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/cadres/talents',
      body: { name: '矩阵人才', communityId: f.community(w), source: 'graduate', enteredOn: '2025-01-06' },
    }),
  },
  'PATCH /api/cadres/talents/:id': {
    allow: MANAGE,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/cadres/talents/${(await talent(f, w)).id}`,
      body: { status: 'training' },
    }),
  },
  'POST /api/cadres/talents/:id/trainings': {
    allow: MANAGE,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/cadres/talents/${(await talent(f, w)).id}/trainings`,
      body: { kind: 'course', title: '后备人才集中培训', fromOn: '2025-02-03' },
    }),
  },
};
