import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  ApplyChallenge,
  ChallengeDetail,
  ChallengeIdParam,
  ChallengeQuery,
  Challenge,
  CreateChallenge,
  MoveChallenge,
  PickApplicants,
  RateChallenge,
  ReportChallenge,
} from './challenges.contract.js';
import {
  applyChallenge,
  createChallenge,
  getChallenge,
  listChallenges,
  moveChallenge,
  pickApplicants,
  rateChallenge,
  reportChallenge,
} from './challenges.service.js';

const tags = ['co-building'];
const perm = (permission: string) => ({ access: { permission } });
const P = '/api/co-building/challenges';

/** 揭榜挂帅 challenges (issue 12 point 7, decision 041). */
export async function challengeRoutes(app: App): Promise<void> {
  app.get(
    P,
    {
      config: perm('coBuilding.challengeRead'),
      schema: {
        tags,
        summary: '揭榜挂帅 challenges you may see, filtered (residents: public ones of their community)',
        querystring: ChallengeQuery,
        response: { 200: pageOf(Challenge) },
      },
    },
    async (req) => listChallenges(req.ctx(), req.query),
  );
  app.post(
    P,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Post a challenge 发榜 from a community or street',
        body: CreateChallenge,
        response: { 201: ChallengeDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createChallenge(req.ctx(), req.body)),
  );
  app.get(
    `${P}/:id`,
    {
      config: perm('coBuilding.challengeRead'),
      schema: {
        tags,
        summary: 'A challenge with its applicants, picks, progress reports, outcome and ratings',
        params: ChallengeIdParam,
        response: { 200: ChallengeDetail },
      },
    },
    async (req) => getChallenge(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/:id/applicants`,
    {
      config: perm('coBuilding.challengeApply'),
      schema: {
        tags,
        summary: 'Apply to take the 榜 揭榜 (a cadre, party member or unit; while open)',
        params: ChallengeIdParam,
        body: ApplyChallenge,
        response: { 200: ChallengeDetail },
      },
    },
    async (req) => applyChallenge(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/pick`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Pick one or more applicants (a reason for each not picked); the challenge is taken',
        params: ChallengeIdParam,
        body: PickApplicants,
        response: { 200: ChallengeDetail },
      },
    },
    async (req) => pickApplicants(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/reports`,
    {
      config: perm('coBuilding.challengeApply'),
      schema: {
        tags,
        summary: 'Report progress (a day and text); the first report starts the work',
        params: ChallengeIdParam,
        body: ReportChallenge,
        response: { 200: ChallengeDetail },
      },
    },
    async (req) => reportChallenge(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/move`,
    {
      config: perm('coBuilding.manage'),
      schema: {
        tags,
        summary: 'Start, close as solved / failed (outcome and rating) or withdraw; other moves are 409',
        params: ChallengeIdParam,
        body: MoveChallenge,
        response: { 200: ChallengeDetail },
      },
    },
    async (req) => moveChallenge(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/ratings`,
    {
      config: perm('coBuilding.rate'),
      schema: {
        tags,
        summary: 'A resident rates a public, closed challenge (1–5), once',
        params: ChallengeIdParam,
        body: RateChallenge,
        response: { 201: ChallengeDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await rateChallenge(req.ctx(), req.params.id, req.body)),
  );
}
