import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  ChooseHousehold,
  CodeRequest,
  CodeSent,
  CommunityHit,
  CommunityQuery,
  CompleteRequest,
  IdParam,
  MySignup,
  Place,
  RejectBody,
  RequestListQuery,
  SignupRequest,
  Ticket,
  VerifyRequest,
} from './contract.js';
import {
  childrenOf,
  chooseHousehold,
  completeSignup,
  confirmRequest,
  listRequests,
  myCommunityMap,
  mySignup,
  rejectRequest,
  requestCode,
  searchCommunities,
  verifyCode,
  type PublicEnv,
} from './signup.service.js';
import { GridMap } from '../grids/contract.js';
import { logSmsGateway, setFallbackSmsGateway } from './sms.js';

const tags = ['signup'];
const review = { permission: 'signup.review' } as const;

export async function signupRoutes(app: App): Promise<void> {
  const { database, clock, config } = app.deps;
  setFallbackSmsGateway(logSmsGateway(app.log));
  const env = (req: FastifyRequest): PublicEnv => ({
    db: database.db,
    clock,
    config,
    ip: req.ip,
    requestId: req.id,
    locale: req.locale,
  });

  app.post(
    '/api/signup/code',
    {
      config: {
        access: 'public',
        throttle: [
          { name: 'signupCode', per: 'ip', limit: 30, windowSeconds: 3600 },
          { name: 'signupCode', per: { body: 'phone' }, limit: 5, windowSeconds: 3600 },
        ],
      },
      schema: {
        tags,
        summary: 'Send a one-time code to a phone (1/min and 5/h per phone, 30/h per IP)',
        body: CodeRequest,
        response: { 200: CodeSent },
      },
    },
    async (req) => requestCode(env(req), req.body.phone),
  );

  app.post(
    '/api/signup/verify',
    {
      config: {
        access: 'public',
        throttle: [
          { name: 'signupVerify', per: 'ip', limit: 60, windowSeconds: 3600 },
          { name: 'signupVerify', per: { body: 'phone' }, limit: 10, windowSeconds: 600 },
        ],
      },
      schema: {
        tags,
        summary: 'Check the code (5 min, 5 tries), name and password; answers a ticket for the household step',
        body: VerifyRequest,
        response: { 200: Ticket },
      },
    },
    async (req) => verifyCode(env(req), req.body),
  );

  app.get(
    '/api/signup/communities',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Find a community by name (names only)',
        querystring: CommunityQuery,
        response: { 200: z.object({ items: z.array(CommunityHit) }) },
      },
    },
    async (req) => searchCommunities(database.db, req.query.q),
  );

  app.get(
    '/api/signup/places/:id/children',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Compounds, buildings, units, households under a place (names only)',
        params: IdParam,
        response: { 200: z.object({ items: z.array(Place) }) },
      },
    },
    async (req) => childrenOf(database.db, req, req.params.id),
  );

  app.post(
    '/api/signup/complete',
    {
      config: {
        access: 'public',
        idempotent: true,
        throttle: [{ name: 'signupComplete', per: 'ip', limit: 30, windowSeconds: 3600 }],
      },
      schema: {
        tags,
        summary: 'Create the account in the chosen household: linked when the phone is in its register, else pending',
        body: CompleteRequest,
        response: { 201: MySignup },
      },
    },
    async (req, reply) => reply.status(201).send(await completeSignup(env(req), req.body)),
  );

  app.get(
    '/api/signup/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My sign-up request (null if the account was made by an admin)',
        response: { 200: z.object({ signup: MySignup.nullable() }) },
      },
    },
    async (req) => ({ signup: await mySignup(req.ctx()) }),
  );

  app.post(
    '/api/signup/me/household',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Choose the household again (after a rejection, or while pending)',
        body: ChooseHousehold,
        response: { 200: MySignup },
      },
    },
    async (req) => chooseHousehold(req.ctx(), req.body.householdId),
  );

  app.get(
    '/api/signup/me/map',
    {
      config: { access: { permission: 'order.create' } },
      schema: {
        tags,
        summary: 'The grid map of my community (to pick where a problem is)',
        response: { 200: GridMap },
      },
    },
    async (req) => myCommunityMap(req.ctx()),
  );

  app.get(
    '/api/signup/requests',
    {
      config: { access: review },
      schema: {
        tags,
        summary: 'Sign-up requests of households in your subtree',
        querystring: RequestListQuery,
        response: { 200: pageOf(SignupRequest) },
      },
    },
    async (req) => listRequests(req.ctx(), req.query),
  );

  app.post(
    '/api/signup/requests/:id/confirm',
    {
      config: { access: review },
      schema: {
        tags,
        summary: 'Confirm: link or add the resident to the register, grant the resident role',
        params: IdParam,
        response: { 200: SignupRequest },
      },
    },
    async (req) => confirmRequest(req.ctx(), req.params.id),
  );

  app.post(
    '/api/signup/requests/:id/reject',
    {
      config: { access: review },
      schema: {
        tags,
        summary: 'Reject with a reason the resident sees',
        params: IdParam,
        body: RejectBody,
        response: { 200: SignupRequest },
      },
    },
    async (req) => rejectRequest(req.ctx(), req.params.id, req.body.reason),
  );
}
