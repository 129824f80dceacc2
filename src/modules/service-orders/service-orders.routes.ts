import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../kernel/http/types.js';
import { bulkOrders } from './bulk.service.js';
import {
  BulkBody,
  BulkReply,
  ClaimBody,
  LinkUnitContact,
  UnitContact,
  UnitContactCandidate,
  UnitContactCandidateQuery,
  UnitContactParam,
  UnitContactQuery,
  CommunityQuery,
  CreateMenuItem,
  CreatedOrder,
  CreateOrder,
  CreateRoutingRule,
  DispatchBody,
  Duplicates,
  MergeBody,
  FiguresQuery,
  CancelBody,
  FollowUpBody,
  HandOverBody,
  HandOverCandidates,
  IdParam,
  ReasonBody,
  ReassignBody,
  MenuItem,
  NoteBody,
  Order,
  OrderDetail,
  OrderFigures,
  OrderListQuery,
  RateBody,
  ResolveBody,
  ReturnBody,
  RevealedReporterPhone,
  RoutingRule,
  Suggestions,
  TrendQuery,
  OrderTrend,
  UpdateMenuItem,
  UpdateRoutingRule,
} from './contract.js';
import { attachmentRoutes } from './attachments.routes.js';
import {
  createMenuItem,
  createRule,
  deleteMenuItem,
  deleteRule,
  linkUnitContact,
  listMenu,
  listRules,
  listUnitContactCandidates,
  listUnitContacts,
  unlinkUnitContact,
  updateMenuItem,
  updateRule,
} from './config.service.js';
import { duplicateWindow, mergeOrder, orderDuplicates } from './duplicates.service.js';
import { orderFigures, orderTrend } from './figures.js';
import {
  acceptOrder,
  claimOrder,
  closeOrder,
  createOrder,
  dispatchOrder,
  escalateOrder,
  cancelOrder,
  followUpOrder,
  getOrder,
  handDownOrder,
  handOverCandidates,
  handOverOrder,
  listOrders,
  reassignOrder,
  rateOrder,
  resolveOrder,
  returnOrder,
  revealReporterPhone,
  startOrder,
  suggestions,
} from './service-orders.service.js';

const tags = ['service-orders'];
const perm = (permission: string) => ({ access: { permission } });

export async function serviceOrderRoutes(app: App): Promise<void> {
  await app.register(async (scoped) => attachmentRoutes(scoped.withTypeProvider<ZodTypeProvider>()));
  const { config } = app.deps;

  app.post(
    '/api/orders',
    {
      config: { ...perm('order.create'), idempotent: true },
      schema: {
        tags,
        summary: 'Place an order: menu service, problem report or micro-wish (honours Idempotency-Key)',
        body: CreateOrder,
        response: { 201: CreatedOrder },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrder(req.ctx(), req.body, duplicateWindow(config))),
  );

  app.get(
    '/api/orders',
    {
      config: perm('order.read'),
      schema: {
        tags,
        summary: 'Orders you may see, with filters and inboxes',
        querystring: OrderListQuery,
        response: { 200: pageOf(Order) },
      },
    },
    async (req) => listOrders(req.readCtx(), req.query),
  );

  app.get(
    '/api/orders/figures',
    {
      config: perm('order.figures'),
      schema: {
        tags,
        summary: 'Found / claimed / resolved, the three rates, overdue, time to resolve, ranking',
        querystring: FiguresQuery,
        response: { 200: OrderFigures },
      },
    },
    async (req) => orderFigures(req.readCtx(), req.query),
  );

  app.get(
    '/api/orders/figures/trend',
    {
      config: perm('order.figures'),
      schema: {
        tags,
        summary: 'Found / claimed / resolved and the rates per month (Asia/Shanghai), from the rollup',
        querystring: TrendQuery,
        response: { 200: OrderTrend },
      },
    },
    async (req) => orderTrend(req.readCtx(), req.query),
  );

  app.post(
    '/api/orders/bulk',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: 'Dispatch or close up to 100 orders at once; one result per id',
        body: BulkBody,
        response: { 200: BulkReply },
      },
    },
    async (req) => bulkOrders(req.ctx(), req.body),
  );

  app.get(
    '/api/orders/menu',
    {
      config: perm('order.read'),
      schema: {
        tags,
        summary: 'A community’s service menu',
        querystring: CommunityQuery,
        response: { 200: pageOf(MenuItem) },
      },
    },
    async (req) => listMenu(req.ctx(), req.query),
  );
  app.post(
    '/api/orders/menu',
    {
      config: perm('order.configure'),
      schema: { tags, summary: 'Add a menu item', body: CreateMenuItem, response: { 201: MenuItem } },
    },
    async (req, reply) => reply.status(201).send(await createMenuItem(req.ctx(), req.body)),
  );
  app.patch(
    '/api/orders/menu/:id',
    {
      config: perm('order.configure'),
      schema: {
        tags,
        summary: 'Change a menu item',
        params: IdParam,
        body: UpdateMenuItem,
        response: { 200: MenuItem },
      },
    },
    async (req) => updateMenuItem(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    '/api/orders/menu/:id',
    {
      config: perm('order.configure'),
      schema: { tags, summary: 'Remove a menu item', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteMenuItem(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/orders/rules',
    {
      config: perm('order.configure'),
      schema: {
        tags,
        summary: 'Routing rules: category → handler with time limits',
        querystring: CommunityQuery,
        response: { 200: pageOf(RoutingRule) },
      },
    },
    async (req) => listRules(req.ctx(), req.query),
  );
  app.post(
    '/api/orders/rules',
    {
      config: perm('order.configure'),
      schema: { tags, summary: 'Add a routing rule', body: CreateRoutingRule, response: { 201: RoutingRule } },
    },
    async (req, reply) => reply.status(201).send(await createRule(req.ctx(), req.body)),
  );
  app.patch(
    '/api/orders/rules/:id',
    {
      config: perm('order.configure'),
      schema: {
        tags,
        summary: 'Change a routing rule',
        params: IdParam,
        body: UpdateRoutingRule,
        response: { 200: RoutingRule },
      },
    },
    async (req) => updateRule(req.ctx(), req.params.id, req.body),
  );
  app.delete(
    '/api/orders/rules/:id',
    {
      config: perm('order.configure'),
      schema: { tags, summary: 'Remove a routing rule', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteRule(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/orders/unit-contacts',
    {
      config: perm('order.configure'),
      schema: {
        tags,
        summary: 'Which unit each unit-contact account speaks for',
        querystring: UnitContactQuery,
        response: { 200: pageOf(UnitContact) },
      },
    },
    async (req) => listUnitContacts(req.ctx(), req.query),
  );
  app.get(
    '/api/orders/unit-contacts/candidates',
    {
      config: perm('order.configure'),
      schema: {
        tags,
        summary: 'Unit-contact accounts of your subtree that may be linked to a unit',
        querystring: UnitContactCandidateQuery,
        response: { 200: pageOf(UnitContactCandidate) },
      },
    },
    async (req) => listUnitContactCandidates(req.ctx(), req.query),
  );
  app.post(
    '/api/orders/unit-contacts',
    {
      config: perm('order.configure'),
      schema: {
        tags,
        summary: 'Link a unit-contact account to a unit',
        body: LinkUnitContact,
        response: { 201: UnitContact },
      },
    },
    async (req, reply) => reply.status(201).send(await linkUnitContact(req.ctx(), req.body)),
  );
  app.delete(
    '/api/orders/unit-contacts/:accountId/:unitId',
    {
      config: perm('order.configure'),
      schema: {
        tags,
        summary: 'Unlink a unit-contact account from a unit',
        params: UnitContactParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await unlinkUnitContact(req.ctx(), req.params.accountId, req.params.unitId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/orders/:id',
    {
      config: perm('order.read'),
      schema: { tags, summary: 'One order with its timeline', params: IdParam, response: { 200: OrderDetail } },
    },
    async (req) => getOrder(req.ctx(), req.params.id),
  );
  app.post(
    '/api/orders/:id/reveal-phone',
    {
      // The staff who may reveal residents' numbers (people's `resident.reveal`) may reveal a walk-in's (decision 053).
      config: perm('resident.reveal'),
      schema: {
        tags,
        summary: "A walk-in reporter's full phone for the follow-up call (audited as order.revealPhone)",
        params: IdParam,
        response: { 200: RevealedReporterPhone },
      },
    },
    async (req) => revealReporterPhone(req.ctx(), req.params.id),
  );
  app.get(
    '/api/orders/:id/suggestions',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: 'Ranked handler suggestions for the dispatcher',
        params: IdParam,
        response: { 200: Suggestions },
      },
    },
    async (req) => suggestions(req.ctx(), req.params.id),
  );
  app.get(
    '/api/orders/:id/duplicates',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: 'Open reports of the same category near this one, in the time window (possible duplicates)',
        params: IdParam,
        response: { 200: Duplicates },
      },
    },
    async (req) => orderDuplicates(req.ctx(), req.params.id, duplicateWindow(config)),
  );
  app.post(
    '/api/orders/:id/merge',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: 'Merge this duplicate into another open order; its reporter follows and rates that one',
        params: IdParam,
        body: MergeBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => {
      await mergeOrder(req.ctx(), req.params.id, req.body.intoId);
      return getOrder(req.ctx(), req.body.intoId);
    },
  );

  app.post(
    '/api/orders/:id/dispatch',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: 'Send the order to a unit, department or person, or open a micro-wish for claiming',
        params: IdParam,
        body: DispatchBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => dispatchOrder(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/orders/:id/claim',
    {
      config: perm('order.claim'),
      schema: {
        tags,
        summary: 'Claim an open micro-wish (as a party member or for your unit)',
        params: IdParam,
        body: ClaimBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => claimOrder(req.ctx(), req.params.id, req.body.as),
  );
  app.post(
    '/api/orders/:id/accept',
    {
      config: perm('order.handle'),
      schema: {
        tags,
        summary: 'Accept a dispatched order',
        params: IdParam,
        body: NoteBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => acceptOrder(req.ctx(), req.params.id, req.body.note),
  );
  app.post(
    '/api/orders/:id/start',
    {
      config: perm('order.handle'),
      schema: {
        tags,
        summary: 'Start work on an accepted order',
        params: IdParam,
        body: NoteBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => startOrder(req.ctx(), req.params.id, req.body.note),
  );
  app.post(
    '/api/orders/:id/resolve',
    {
      config: perm('order.handle'),
      schema: {
        tags,
        summary: 'Resolve the order with a note',
        params: IdParam,
        body: ResolveBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => resolveOrder(req.ctx(), req.params.id, req.body.note),
  );
  app.post(
    '/api/orders/:id/return',
    {
      config: perm('order.handle'),
      schema: {
        tags,
        summary: 'Return the order to the dispatcher with a reason',
        params: IdParam,
        body: ReturnBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => returnOrder(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/api/orders/:id/rate',
    {
      config: perm('order.rate'),
      schema: {
        tags,
        summary: 'Rate a resolved order (unsatisfied reopens it)',
        params: IdParam,
        body: RateBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => rateOrder(req.ctx(), req.params.id, req.body.rating, req.body.comment),
  );
  app.post(
    '/api/orders/:id/close',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: 'Close a rated order, or cancel one not yet taken',
        params: IdParam,
        body: NoteBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => closeOrder(req.ctx(), req.params.id, req.body.note),
  );
  app.get(
    '/api/orders/:id/hand-over-candidates',
    {
      config: perm('order.handOver'),
      schema: {
        tags,
        summary: 'The party members and staff of the order’s unit it may be handed to (unit contacts only)',
        params: IdParam,
        response: { 200: HandOverCandidates },
      },
    },
    async (req) => handOverCandidates(req.ctx(), req.params.id),
  );
  app.post(
    '/api/orders/:id/hand-over',
    {
      config: perm('order.handOver'),
      schema: {
        tags,
        summary: '单位下单: the unit hands the order to one of its party members or staff, who then accepts it',
        params: IdParam,
        body: HandOverBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => handOverOrder(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/orders/:id/reassign',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: '改派: send a dispatched order not yet accepted to another handler, with a reason',
        params: IdParam,
        body: ReassignBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => reassignOrder(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/orders/:id/escalate',
    {
      config: perm('order.escalate'),
      schema: {
        tags,
        summary: 'Send the order one level up with a reason (the handler, or whoever decides for it)',
        params: IdParam,
        body: ReasonBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => escalateOrder(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/api/orders/:id/hand-down',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: 'The level an order was escalated to hands it down again, with a reason',
        params: IdParam,
        body: ReasonBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => handDownOrder(req.ctx(), req.params.id, req.body.reason),
  );
  app.post(
    '/api/orders/:id/cancel',
    {
      config: perm('order.dispatch'),
      schema: {
        tags,
        summary: '作废 / 无效: cancel an order with the reason; it leaves the figures and is counted on its own',
        params: IdParam,
        body: CancelBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => cancelOrder(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/api/orders/:id/follow-up',
    {
      config: perm('order.followUp'),
      schema: {
        tags,
        summary: '回访: record the rating taken by phone or visit from a reporter who cannot rate in the app',
        params: IdParam,
        body: FollowUpBody,
        response: { 200: OrderDetail },
      },
    },
    async (req) => followUpOrder(req.ctx(), req.params.id, req.body),
  );
}
