import { eq } from 'drizzle-orm';
import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import type { OrderStatus } from './constants.js';
import { demoPhoto } from './attachments.png.js';
import { sha256Hex, storeFrom } from './attachments.store.js';
import { ORDER_ROLES } from './permissions.js';
import { orderAttachments, orderMenuItems, orderRoutingRules, serviceOrders } from './schema.js';
import { accountOf, makeMember, makeUnit } from './testing.js';

/**
 * Authorization-matrix rows of the service-orders module. An inside order is reported by the matrix's resident,
 * sent to the unit of the matrix's unit contact and to the matrix's party member, so each role sees it by its
 * own rule (staff by the scope); an outside order (street B) is someone else's, sent to strangers: nobody sees it.
 */
const HOUR = 3_600_000;

async function handlers(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const street = f.tree.streetA.street.id;
  const inside = w === 'inside';
  const contact = inside ? await accountOf(f.t.db, 'unitContact', street) : null;
  const memberAccount = inside ? await accountOf(f.t.db, 'partyMember', street) : null;
  const reporter = inside
    ? await accountOf(f.t.db, 'resident', street)
    : (await f.t.factory.account({ roles: ['resident'], territoryId: f.at(w).household.id })).id;
  const unit = await makeUnit(f.t.db, c, `单位${f.uniq()}`, contact ?? undefined);
  const member = await makeMember(f.t.db, c, `党员${f.uniq()}`, memberAccount ?? undefined);
  return { unit, member, reporter };
}

async function order(
  f: MatrixFixture,
  w: Where,
  status: OrderStatus,
  opts: { kind?: 'problem' | 'microWish'; handled?: boolean } = {},
) {
  const c = f.at(w).community;
  const h = await handlers(f, w);
  const now = f.t.clock.now();
  const handled = opts.handled ?? !['submitted', 'open'].includes(status);
  const [row] = await f.t.db
    .insert(serviceOrders)
    .values({
      kind: opts.kind ?? 'problem',
      status,
      category: 'repair',
      title: `矩阵工单${f.uniq()}`,
      communityId: c.id,
      territoryId: c.id,
      scopePath: c.path,
      reporterAccountId: h.reporter,
      handlerKind: handled ? 'unit' : null,
      handlerUnitId: handled ? h.unit.id : null,
      handlerMemberId: handled ? h.member.id : null,
      respondHours: 24,
      resolveHours: 72,
      respondBy: new Date(now.getTime() + 24 * HOUR),
      resolveBy: new Date(now.getTime() + 72 * HOUR),
      acceptedAt: ['accepted', 'inProgress', 'resolved', 'rated'].includes(status) ? now : null,
      resolvedAt: ['resolved', 'rated'].includes(status) ? now : null,
      rating: status === 'rated' ? 'satisfied' : null,
    })
    .returning();
  return { ...row!, unitId: h.unit.id };
}

async function menuItem(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(orderMenuItems)
    .values({ communityId: c.id, scopePath: c.path, name: `菜单${f.uniq()}`, category: 'elderly' })
    .returning();
  return row!;
}

async function rule(f: MatrixFixture, w: Where) {
  const c = f.at(w).community;
  const [row] = await f.t.db
    .insert(orderRoutingRules)
    .values({
      communityId: c.id,
      scopePath: c.path,
      category: `c${f.uniq()}`,
      handlerKind: 'department',
      department: '城管',
      respondHours: 4,
      resolveHours: 24,
    })
    .returning();
  return row!;
}

const move =
  (path: string, status: OrderStatus, body: unknown = {}, opts: { kind?: 'problem' | 'microWish' } = {}) =>
  async (f: MatrixFixture, w: Where) => ({
    method: 'POST' as const,
    url: `/api/orders/${(await order(f, w, status, opts)).id}/${path}`,
    body,
  });

/** An order with one stored photo (the bytes go to the configured store: the same tiny PNG every time). */
async function attachment(f: MatrixFixture, w: Where) {
  const o = await order(f, w, 'dispatched');
  const bytes = demoPhoto(0, 32, 24);
  const sha256 = sha256Hex(bytes);
  await storeFrom(f.t.config).put(sha256, bytes, 'image/png');
  const [row] = await f.t.db
    .insert(orderAttachments)
    .values({ orderId: o.id, stage: 'report', originalName: '现场.png', mime: 'image/png', size: bytes.length, sha256 })
    .returning();
  return row!;
}

export const rows: MatrixRows = {
  'POST /api/orders/:id/attachments': {
    allow: ORDER_ROLES.read,
    ok: 400, // reached the service: the order may take photos from this caller, but a JSON body carries no file
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/orders/${(await order(f, w, 'inProgress')).id}/attachments`,
      body: {},
    }),
  },
  'GET /api/orders/:id/attachments/:attachmentId': {
    allow: ORDER_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const a = await attachment(f, w);
      return { method: 'GET', url: `/api/orders/${a.orderId}/attachments/${a.id}` };
    },
  },
  'POST /api/orders': {
    allow: ORDER_ROLES.create,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/orders',
      body: { kind: 'problem', category: 'repair', title: `楼道灯坏了${f.uniq()}`, territoryId: f.at(w).household.id },
    }),
  },
  'GET /api/orders': {
    allow: ORDER_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/orders?q=${encodeURIComponent((await order(f, w, 'dispatched')).title)}`,
    }),
  },
  'GET /api/orders/figures': {
    allow: ORDER_ROLES.figures,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/orders/figures?territoryId=${f.community(w)}` }),
  },
  'GET /api/orders/figures/trend': {
    allow: ORDER_ROLES.figures,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/orders/figures/trend?territoryId=${f.community(w)}&from=2026-01&to=2027-01`,
    }),
  },
  'GET /api/orders/:id': {
    allow: ORDER_ROLES.read,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/orders/${(await order(f, w, 'dispatched')).id}` }),
  },
  'POST /api/orders/:id/reveal-phone': {
    // The holders of people's resident.reveal (decision 053), on a walk-in's order with a phone.
    allow: ['communitySecretary'],
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const o = await order(f, w, 'dispatched');
      await f.t.db
        .update(serviceOrders)
        .set({ reporterAccountId: null, reporterName: '来访群众', reporterPhone: '13800138000' })
        .where(eq(serviceOrders.id, o.id));
      return { method: 'POST', url: `/api/orders/${o.id}/reveal-phone` };
    },
  },
  'GET /api/orders/:id/suggestions': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/orders/${(await order(f, w, 'submitted')).id}/suggestions` }),
  },
  'GET /api/orders/:id/duplicates': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/orders/${(await order(f, w, 'submitted')).id}/duplicates` }),
  },
  'POST /api/orders/:id/merge': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const dup = await order(f, w, 'submitted');
      const into = await order(f, w, 'dispatched');
      return { method: 'POST', url: `/api/orders/${dup.id}/merge`, body: { intoId: into.id } };
    },
  },
  'POST /api/orders/:id/dispatch': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const o = await order(f, w, 'submitted');
      return { method: 'POST', url: `/api/orders/${o.id}/dispatch`, body: { target: 'unit', unitId: o.unitId } };
    },
  },
  'POST /api/orders/bulk': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    // An id outside the caller's view is reported as not found in its result: nothing is moved (total 0).
    outside: 'empty',
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/orders/bulk',
      body: { ids: [(await order(f, w, 'rated')).id], action: 'close' },
    }),
  },
  'POST /api/orders/:id/claim': {
    allow: ORDER_ROLES.claim,
    ok: 200,
    outside: 404,
    call: move('claim', 'open', {}, { kind: 'microWish' }),
  },
  'POST /api/orders/:id/accept': {
    allow: ORDER_ROLES.handle,
    ok: 200,
    outside: 404,
    call: move('accept', 'dispatched'),
  },
  'POST /api/orders/:id/start': { allow: ORDER_ROLES.handle, ok: 200, outside: 404, call: move('start', 'accepted') },
  'POST /api/orders/:id/resolve': {
    allow: ORDER_ROLES.handle,
    ok: 200,
    outside: 404,
    call: move('resolve', 'inProgress', { note: '已办结' }),
  },
  'POST /api/orders/:id/return': {
    allow: ORDER_ROLES.handle,
    ok: 200,
    outside: 404,
    call: move('return', 'dispatched', { reason: '不属于本单位' }),
  },
  'POST /api/orders/:id/rate': {
    allow: ORDER_ROLES.rate,
    ok: 200,
    outside: 404,
    call: move('rate', 'resolved', { rating: 'satisfied' }),
  },
  'POST /api/orders/:id/close': { allow: ORDER_ROLES.dispatch, ok: 200, outside: 404, call: move('close', 'rated') },
  'POST /api/orders/:id/cancel': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    outside: 404,
    call: move('cancel', 'dispatched', { kind: 'invalid', reason: '经核实不属实' }),
  },
  'POST /api/orders/:id/follow-up': {
    allow: ORDER_ROLES.followUp,
    ok: 200,
    outside: 404,
    // A walk-in's order (no reporter account), resolved: staff take the rating on a follow-up.
    call: async (f, w) => {
      const o = await order(f, w, 'resolved');
      await f.t.db
        .update(serviceOrders)
        .set({ reporterAccountId: null, reporterName: '来访群众' })
        .where(eq(serviceOrders.id, o.id));
      return {
        method: 'POST',
        url: `/api/orders/${o.id}/follow-up`,
        body: { rating: 'satisfied', channel: 'phone', note: '电话回访，群众满意' },
      };
    },
  },
  'GET /api/orders/:id/hand-over-candidates': {
    allow: ORDER_ROLES.handOver,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/orders/${(await order(f, w, 'dispatched')).id}/hand-over-candidates`,
    }),
  },
  'POST /api/orders/:id/hand-over': {
    allow: ORDER_ROLES.handOver,
    ok: 200,
    outside: 404,
    // To the contact's own account (linked to the unit): a named staff member of the unit.
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/orders/${(await order(f, w, 'dispatched')).id}/hand-over`,
      body: { accountId: (await accountOf(f.t.db, 'unitContact', f.tree.streetA.street.id))! },
    }),
  },
  'POST /api/orders/:id/reassign': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const o = await order(f, w, 'dispatched');
      return {
        method: 'POST',
        url: `/api/orders/${o.id}/reassign`,
        body: { target: 'department', department: '城管', reason: '该单位不负责此类事务' },
      };
    },
  },
  'POST /api/orders/:id/escalate': {
    allow: ORDER_ROLES.escalate,
    ok: 200,
    outside: 404,
    call: move('escalate', 'dispatched', { reason: '超出本单位能力' }),
  },
  'POST /api/orders/:id/hand-down': {
    allow: ORDER_ROLES.dispatch,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const o = await order(f, w, 'submitted');
      const c = f.at(w).community;
      await f.t.db
        .update(serviceOrders)
        .set({ escalationLevel: 'community', escalatedToId: c.id })
        .where(eq(serviceOrders.id, o.id));
      return { method: 'POST', url: `/api/orders/${o.id}/hand-down`, body: { reason: '请社区协调办理' } };
    },
  },

  'GET /api/orders/unit-contacts': {
    allow: ORDER_ROLES.configure,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const a = await f.t.factory.account({ roles: ['unitContact'], territoryId: f.community(w) });
      return {
        method: 'GET',
        url: `/api/orders/unit-contacts?unitId=${(await makeUnit(f.t.db, f.at(w).community, `单位${f.uniq()}`, a.id)).id}`,
      };
    },
  },
  'GET /api/orders/unit-contacts/candidates': {
    allow: ORDER_ROLES.configure,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => {
      const a = await f.t.factory.account({ roles: ['unitContact'], territoryId: f.community(w) });
      return { method: 'GET', url: `/api/orders/unit-contacts/candidates?q=${encodeURIComponent(a.username)}` };
    },
  },
  'POST /api/orders/unit-contacts': {
    allow: ORDER_ROLES.configure,
    ok: 201,
    outside: 404,
    call: async (f, w) => {
      const a = await f.t.factory.account({ roles: ['unitContact'], territoryId: f.community(w) });
      return {
        method: 'POST',
        url: '/api/orders/unit-contacts',
        body: { accountId: a.id, unitId: (await makeUnit(f.t.db, f.at(w).community, `单位${f.uniq()}`)).id },
      };
    },
  },
  'DELETE /api/orders/unit-contacts/:accountId/:unitId': {
    allow: ORDER_ROLES.configure,
    ok: 204,
    outside: 404,
    call: async (f, w) => {
      const a = await f.t.factory.account({ roles: ['unitContact'], territoryId: f.community(w) });
      return {
        method: 'DELETE',
        url: `/api/orders/unit-contacts/${a.id}/${(await makeUnit(f.t.db, f.at(w).community, `单位${f.uniq()}`, a.id)).id}`,
      };
    },
  },
  'GET /api/orders/menu': {
    allow: ORDER_ROLES.read,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/orders/menu?communityId=${(await menuItem(f, w)).communityId}`,
    }),
  },
  'POST /api/orders/menu': {
    allow: ORDER_ROLES.configure,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/orders/menu',
      body: { communityId: f.community(w), name: `代买${f.uniq()}`, category: 'elderly' },
    }),
  },
  'PATCH /api/orders/menu/:id': {
    allow: ORDER_ROLES.configure,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/orders/menu/${(await menuItem(f, w)).id}`,
      body: { name: `改名${f.uniq()}` },
    }),
  },
  'DELETE /api/orders/menu/:id': {
    allow: ORDER_ROLES.configure,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `/api/orders/menu/${(await menuItem(f, w)).id}` }),
  },
  'GET /api/orders/rules': {
    allow: ORDER_ROLES.configure,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({ method: 'GET', url: `/api/orders/rules?communityId=${(await rule(f, w)).communityId}` }),
  },
  'POST /api/orders/rules': {
    allow: ORDER_ROLES.configure,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/orders/rules',
      body: {
        communityId: f.community(w),
        category: 'greening',
        handlerKind: 'department',
        department: '园林站',
        respondHours: 4,
        resolveHours: 48,
      },
    }),
  },
  'PATCH /api/orders/rules/:id': {
    allow: ORDER_ROLES.configure,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PATCH',
      url: `/api/orders/rules/${(await rule(f, w)).id}`,
      body: { respondHours: 6 },
    }),
  },
  'DELETE /api/orders/rules/:id': {
    allow: ORDER_ROLES.configure,
    ok: 204,
    outside: 404,
    call: async (f, w) => ({ method: 'DELETE', url: `/api/orders/rules/${(await rule(f, w)).id}` }),
  },
};
