import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  BorrowSharedItem,
  CommunityItem,
  CommunityItemQuery,
  CreateSharedItem,
  LendSharedItem,
  LoseLoan,
  MoveSharedItem,
  MyLoan,
  MyLoanQuery,
  ReceiveReturn,
  RequestReturn,
  SharedIdParam,
  SharedItem,
  SharedItemDetail,
  SharedItemQuery,
  SharedLoan,
  SharedLoanQuery,
  UpdateSharedItem,
} from './shared-items.contract.js';
import {
  borrowSharedItem,
  createSharedItem,
  getCommunityItem,
  getSharedItem,
  lendSharedItem,
  listCommunityItems,
  listMyLoans,
  listSharedItems,
  listSharedLoans,
  loseLoan,
  moveSharedItem,
  receiveReturn,
  requestReturn,
  updateSharedItem,
} from './shared-items.service.js';

const tags = ['co-building'];
const perm = (permission: string) => ({ access: { permission } });
const I = '/api/co-building/shared-items';
const L = '/api/co-building/shared-loans';
const C = '/api/co-building/cabinet';
const M = '/api/co-building/my-loans';

/** 便民共享服务柜 (issue 12 point 8, decision 042): staff keep items and loans; residents borrow on /m. */
export async function sharedItemRoutes(app: App): Promise<void> {
  app.get(
    I,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Shared items 便民共享服务柜 of your area, filtered by place, status, category, condition',
        querystring: SharedItemQuery,
        response: { 200: pageOf(SharedItem) },
      },
    },
    async (req) => listSharedItems(req.ctx(), req.query),
  );
  app.post(
    I,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Register an item at a service centre or cabinet',
        body: CreateSharedItem,
        response: { 201: SharedItemDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createSharedItem(req.ctx(), req.body)),
  );
  app.get(
    `${I}/:id`,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'An item with its loans and history',
        params: SharedIdParam,
        response: { 200: SharedItemDetail },
      },
    },
    async (req) => getSharedItem(req.ctx(), req.params.id),
  );
  app.patch(
    `${I}/:id`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Edit an item',
        params: SharedIdParam,
        body: UpdateSharedItem,
        response: { 200: SharedItemDetail },
      },
    },
    async (req) => updateSharedItem(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${I}/:id/status`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Mark an item damaged, lost or retired, or available again (repaired, found), with a note',
        params: SharedIdParam,
        body: MoveSharedItem,
        response: { 200: SharedItemDetail },
      },
    },
    async (req) => moveSharedItem(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${I}/:id/lend`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Lend at the counter to a resident or a named person, until a due day',
        params: SharedIdParam,
        body: LendSharedItem,
        response: { 200: SharedItemDetail },
      },
    },
    async (req) => lendSharedItem(req.ctx(), req.params.id, req.body),
  );
  app.get(
    L,
    {
      config: perm('coBuilding.read'),
      schema: {
        tags,
        summary: 'Loans of your area: open, overdue, returned, lost; by item or borrower',
        querystring: SharedLoanQuery,
        response: { 200: pageOf(SharedLoan) },
      },
    },
    async (req) => listSharedLoans(req.ctx(), req.query),
  );
  app.post(
    `${L}/:id/return`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Take an item back with its condition (damaged → the item is marked damaged)',
        params: SharedIdParam,
        body: ReceiveReturn,
        response: { 200: SharedItemDetail },
      },
    },
    async (req) => receiveReturn(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${L}/:id/lost`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Record a lent item as lost (the item stays, marked lost)',
        params: SharedIdParam,
        body: LoseLoan,
        response: { 200: SharedItemDetail },
      },
    },
    async (req) => loseLoan(req.ctx(), req.params.id, req.body),
  );
  app.get(
    C,
    {
      config: perm('coBuilding.borrow'),
      schema: {
        tags,
        summary: 'The shared items of your community (resident)',
        querystring: CommunityItemQuery,
        response: { 200: pageOf(CommunityItem) },
      },
    },
    async (req) => listCommunityItems(req.ctx(), req.query),
  );
  app.get(
    `${C}/:id`,
    {
      config: perm('coBuilding.borrow'),
      schema: {
        tags,
        summary: 'One item of your community (resident)',
        params: SharedIdParam,
        response: { 200: CommunityItem },
      },
    },
    async (req) => getCommunityItem(req.ctx(), req.params.id),
  );
  app.post(
    `${C}/:id/borrow`,
    {
      config: perm('coBuilding.borrow'),
      schema: {
        tags,
        summary: 'Borrow an item until a due day (one borrower at a time: 409 when taken)',
        params: SharedIdParam,
        body: BorrowSharedItem,
        response: { 201: MyLoan },
      },
    },
    async (req, reply) => reply.status(201).send(await borrowSharedItem(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    M,
    {
      config: perm('coBuilding.borrow'),
      schema: {
        tags,
        summary: 'Your loans, open ones first',
        querystring: MyLoanQuery,
        response: { 200: pageOf(MyLoan) },
      },
    },
    async (req) => listMyLoans(req.ctx(), req.query),
  );
  app.post(
    `${M}/:id/return-request`,
    {
      config: perm('coBuilding.borrow'),
      schema: {
        tags,
        summary: 'Say you are bringing an item back (staff confirm on receipt)',
        params: SharedIdParam,
        body: RequestReturn,
        response: { 200: MyLoan },
      },
    },
    async (req) => requestReturn(req.ctx(), req.params.id, req.body),
  );
}
