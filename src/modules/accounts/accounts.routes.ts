import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import { IdParam } from '../territory/contract.js';
import {
  Account,
  AccountListQuery,
  CreateAccount,
  Grant,
  GrantListQuery,
  Pending,
  ResetPassword,
  UpdateAccount,
} from './contract.js';
import { approveGrant, listGrants, rejectGrant } from './grants.service.js';
import { createAccount, listAccounts, resetPassword, unlockAccount, updateAccount } from './accounts.service.js';

const tags = ['accounts'];

export async function accountRoutes(app: App): Promise<void> {
  const { config } = app.deps;

  app.get(
    '/api/accounts',
    {
      config: { access: { permission: 'account.read' } },
      schema: {
        tags,
        summary: 'Accounts in your subtree',
        querystring: AccountListQuery,
        response: { 200: pageOf(Account) },
      },
    },
    async (req) => listAccounts(req.ctx(), req.query),
  );

  app.post(
    '/api/accounts',
    {
      config: { access: { permission: 'account.create' } },
      schema: {
        tags,
        summary: 'Create an account (must change its password at first sign-in)',
        body: CreateAccount,
        response: { 201: Account },
      },
    },
    async (req, reply) => reply.status(201).send(await createAccount(req.ctx(), config, req.body)),
  );

  app.patch(
    '/api/accounts/:id',
    {
      // name/disabled need account.update, roles/node need account.assignRoles: the service checks which
      config: { access: { anyOf: ['account.update', 'account.assignRoles'] } },
      schema: {
        tags,
        summary:
          'Change name, roles, node or disabled flag (admin roles and district scope: 202, a second admin approves)',
        params: IdParam,
        body: UpdateAccount,
        response: { 200: Account, 202: Pending },
      },
    },
    async (req, reply) => {
      const out = await updateAccount(req.ctx(), req.params.id, req.body);
      return 'pending' in out ? reply.status(202).send(out) : out;
    },
  );

  app.post(
    '/api/accounts/:id/reset-password',
    {
      config: {
        access: { permission: 'account.resetPassword' },
        throttle: [
          { name: 'passwordReset', per: 'actor', limit: 20, windowSeconds: 3600 },
          { name: 'passwordReset', per: { param: 'id' }, limit: 5, windowSeconds: 3600 },
        ],
      },
      schema: {
        tags,
        summary: 'Set a one-time password the owner must change (admin accounts: 202, a second admin approves)',
        params: IdParam,
        body: ResetPassword,
        response: { 202: Pending, 204: z.null() },
      },
    },
    async (req, reply) => {
      const pending = await resetPassword(req.ctx(), config, req.params.id, req.body.password);
      return pending ? reply.status(202).send(pending) : reply.status(204).send(null);
    },
  );

  app.get(
    '/api/accounts/grants',
    {
      config: { access: { anyOf: ['account.assignRoles', 'account.approveGrant'] } },
      schema: {
        tags,
        summary: 'Grants and password resets waiting for (or decided by) a second admin',
        querystring: GrantListQuery,
        response: { 200: pageOf(Grant) },
      },
    },
    async (req) => listGrants(req.ctx(), req.query),
  );

  app.post(
    '/api/accounts/grants/:id/approve',
    {
      config: { access: { permission: 'account.approveGrant' } },
      schema: {
        tags,
        summary: 'Approve a grant asked for by another admin',
        params: IdParam,
        response: { 200: Grant },
      },
    },
    async (req) => approveGrant(req.ctx(), req.params.id),
  );

  app.post(
    '/api/accounts/grants/:id/reject',
    {
      config: { access: { anyOf: ['account.assignRoles', 'account.approveGrant'] } },
      schema: {
        tags,
        summary: 'Reject a grant (or withdraw your own request)',
        params: IdParam,
        response: { 200: Grant },
      },
    },
    async (req) => rejectGrant(req.ctx(), req.params.id),
  );

  app.post(
    '/api/accounts/:id/unlock',
    {
      config: { access: { permission: 'account.unlock' } },
      schema: { tags, summary: 'Lift a lockout', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await unlockAccount(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
