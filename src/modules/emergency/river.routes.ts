import { z } from 'zod';
import { ImportQuery, ImportReport, ledgerTemplate, registerXlsxBody, sendXlsx } from '../../kernel/ledger/ledger.js';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  Alert,
  AlertQuery,
  CloseAlert,
  CreateRiver,
  CreateRoute,
  CreateStation,
  IdParam,
  Ingest,
  IngestResult,
  Patrol,
  PatrolInput,
  PatrolQuery,
  Reading,
  ReadingQuery,
  River,
  SetThresholds,
  StationKey,
  StationOut,
} from './contract.js';
import { INGEST_LIMITS } from './constants.js';
import { ReadingLedger, importReadingsLedger } from './readings.ledger.js';
import {
  closeAlert,
  createPatrol,
  createRiver,
  createRoute,
  createStation,
  getRiver,
  ingest,
  listAlerts,
  listPatrols,
  listReadings,
  listRivers,
  rotateKey,
  setThresholds,
} from './river.service.js';

const tags = ['river'];
const perm = (permission: string) => ({ access: { permission } });
const P = '/api/river';

/** River patrols 党建+河长制 and the early-warning board (issue 15 item 7, decision 026). */
export async function riverRoutes(app: App): Promise<void> {
  registerXlsxBody(app);
  app.get(
    `${P}/rivers`,
    {
      config: perm('river.read'),
      schema: { tags, summary: 'Rivers with routes and stations', response: { 200: z.array(River) } },
    },
    async (req) => listRivers(req.ctx()),
  );
  app.post(
    `${P}/rivers`,
    {
      config: perm('river.manage'),
      schema: { tags, summary: 'Add a river', body: CreateRiver, response: { 201: River } },
    },
    async (req, reply) => reply.status(201).send(await createRiver(req.ctx(), req.body)),
  );
  app.get(
    `${P}/rivers/:id`,
    { config: perm('river.read'), schema: { tags, summary: 'One river', params: IdParam, response: { 200: River } } },
    async (req) => getRiver(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/rivers/:id/routes`,
    {
      config: perm('river.manage'),
      schema: {
        tags,
        summary: 'Add a patrol route (a line)',
        params: IdParam,
        body: CreateRoute,
        response: { 201: River },
      },
    },
    async (req, reply) => reply.status(201).send(await createRoute(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${P}/rivers/:id/stations`,
    {
      config: perm('river.manage'),
      schema: {
        tags,
        summary: 'Add a monitoring station; the answer holds its gateway key, shown only once',
        params: IdParam,
        body: CreateStation,
        response: { 201: StationKey },
      },
    },
    async (req, reply) => reply.status(201).send(await createStation(req.ctx(), req.params.id, req.body)),
  );
  app.put(
    `${P}/stations/:id/thresholds`,
    {
      config: perm('river.manage'),
      schema: {
        tags,
        summary: 'Set the thresholds of a station',
        params: IdParam,
        body: SetThresholds,
        response: { 200: StationOut },
      },
    },
    async (req) => setThresholds(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/stations/:id/key`,
    {
      config: perm('river.manage'),
      schema: {
        tags,
        summary: 'Issue a new gateway key (the old one stops working)',
        params: IdParam,
        response: { 200: StationKey },
      },
    },
    async (req) => rotateKey(req.ctx(), req.params.id),
  );
  app.get(
    `${P}/patrols`,
    {
      config: perm('river.read'),
      schema: { tags, summary: 'Patrol logs', querystring: PatrolQuery, response: { 200: pageOf(Patrol) } },
    },
    async (req) => listPatrols(req.ctx(), req.query),
  );
  app.post(
    `${P}/patrols`,
    {
      config: perm('river.patrol'),
      schema: {
        tags,
        summary: 'Record a patrol; problems found become orders',
        body: PatrolInput,
        response: { 201: Patrol },
      },
    },
    async (req, reply) => reply.status(201).send(await createPatrol(req.ctx(), req.body)),
  );
  app.get(
    `${P}/readings`,
    {
      config: perm('river.read'),
      schema: { tags, summary: 'Readings', querystring: ReadingQuery, response: { 200: pageOf(Reading) } },
    },
    async (req) => listReadings(req.ctx(), req.query),
  );
  app.get(
    `${P}/readings/template.xlsx`,
    {
      config: perm('river.manage'),
      schema: { tags, summary: 'Empty readings sheet to fill in', response: { 200: z.unknown() } },
    },
    async (req, reply) => sendXlsx(reply, ReadingLedger.name, await ledgerTemplate(ReadingLedger, req.locale)),
  );
  app.post(
    `${P}/readings/import`,
    {
      config: perm('river.manage'),
      schema: {
        tags,
        summary: 'Import readings from Excel (alerts as for the gateway)',
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (req) => importReadingsLedger(req.ctx(), req.body, req.query.mode),
  );
  app.get(
    `${P}/alerts`,
    {
      config: perm('river.read'),
      schema: { tags, summary: 'Alerts', querystring: AlertQuery, response: { 200: pageOf(Alert) } },
    },
    async (req) => listAlerts(req.ctx(), req.query),
  );
  app.post(
    `${P}/alerts/:id/close`,
    {
      config: perm('river.manage'),
      schema: {
        tags,
        summary: 'Close an alert with what was done',
        params: IdParam,
        body: CloseAlert,
        response: { 200: Alert },
      },
    },
    async (req) => closeAlert(req.ctx(), req.params.id, req.body.note),
  );

  // The sensor gateway: key-authenticated (no session, no CSRF), limited per station and per IP, idempotent by id.
  app.post(
    `${P}/ingest`,
    {
      config: {
        access: 'public',
        keyAuthenticated: true,
        throttle: [
          {
            name: 'riverIngest',
            per: { body: 'station' },
            limit: INGEST_LIMITS.perStation,
            windowSeconds: INGEST_LIMITS.windowSeconds,
          },
          { name: 'riverIngest', per: 'ip', limit: INGEST_LIMITS.perIp, windowSeconds: INGEST_LIMITS.windowSeconds },
        ],
      },
      schema: {
        tags,
        summary: 'A sensor gateway posts one reading (Authorization: Bearer <station key>)',
        body: Ingest,
        response: { 201: IngestResult },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await ingest(
            app.deps.database.db,
            app.deps.clock,
            { ip: req.ip, requestId: req.id },
            req.headers.authorization,
            req.body,
          ),
        ),
  );
}
