import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import { AdvanceCandidate, Candidate, CandidateQuery, CreateCandidate, IdParam, RecordCandidate } from './contract.js';
import {
  advanceCandidate,
  createCandidate,
  getCandidate,
  listCandidates,
  recordCandidate,
} from './recruitment.service.js';

const tags = ['recruitment'];
const config = { access: { permission: 'recruitment.manage' } };
const P = '/api/recruitment/candidates';

/** Recruitment 发展党员 (issue 15 item 5, decision 026): stages with their intervals and 一谈一报一审一定. */
export async function recruitmentRoutes(app: App): Promise<void> {
  app.get(
    P,
    {
      config,
      schema: {
        tags,
        summary: 'Candidates of your branches',
        querystring: CandidateQuery,
        response: { 200: pageOf(Candidate) },
      },
    },
    async (req) => listCandidates(req.ctx(), req.query),
  );
  app.post(
    P,
    {
      config,
      schema: { tags, summary: 'Register an application to join', body: CreateCandidate, response: { 201: Candidate } },
    },
    async (req, reply) => reply.status(201).send(await createCandidate(req.ctx(), req.body)),
  );
  app.get(
    `${P}/:id`,
    {
      config,
      schema: { tags, summary: 'One candidate with their moves', params: IdParam, response: { 200: Candidate } },
    },
    async (req) => getCandidate(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/:id/record`,
    {
      config,
      schema: {
        tags,
        summary: 'Record the talk, training hours, introducers and 一谈一报一审一定',
        params: IdParam,
        body: RecordCandidate,
        response: { 200: Candidate },
      },
    },
    async (req) => recordCandidate(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/advance`,
    {
      config,
      schema: {
        tags,
        summary: 'Move to the next stage (a skipped step or a short interval is 409 with the reason)',
        params: IdParam,
        body: AdvanceCandidate,
        response: { 200: Candidate },
      },
    },
    async (req) => advanceCandidate(req.ctx(), req.params.id, req.body),
  );
}
