import ExcelJS from 'exceljs';
import { z } from 'zod';
import { pageOf } from '../../kernel/http/pagination.js';
import type { App } from '../../kernel/http/types.js';
import {
  ImportQuery,
  ImportReport,
  ledgerExport,
  ledgerTemplate,
  registerXlsxBody,
  sendXlsx,
} from '../../kernel/ledger/ledger.js';
import {
  CreateResident,
  ExportFormat,
  Household,
  HouseholdDetail,
  HouseholdExportQuery,
  HouseholdListQuery,
  IdParam,
  MyRecord,
  Resident,
  ResidentExportQuery,
  ResidentListQuery,
  Revealed,
  UpdateResident,
} from './contract.js';
import { HouseholdLedger, importHouseholds, importResidents, ResidentLedger } from './people.ledger.js';
import {
  createResident,
  deleteResident,
  exportHouseholds,
  exportMyRecord,
  exportResidents,
  getHousehold,
  getMyRecord,
  getResident,
  listHouseholds,
  listResidents,
  revealResident,
  updateResident,
} from './people.service.js';

const tags = ['people'];
const xlsx = { 200: z.unknown().describe('.xlsx file') };

export async function peopleRoutes(app: App): Promise<void> {
  registerXlsxBody(app);

  // ---- residents
  app.get(
    '/api/people/residents',
    {
      config: { access: { permission: 'resident.read' } },
      schema: {
        tags,
        summary: 'List residents (numbers masked; phone / ID search by keyed hash)',
        querystring: ResidentListQuery,
        response: { 200: pageOf(Resident) },
      },
    },
    async (req) => listResidents(req.ctx(), req.query),
  );

  app.get(
    '/api/people/residents/template.xlsx',
    {
      config: { access: { permission: 'resident.create' } },
      schema: { tags, summary: 'Import template of the residents ledger', response: xlsx },
    },
    async (req, reply) => sendXlsx(reply, 'residents-template', await ledgerTemplate(ResidentLedger, req.locale)),
  );

  app.post(
    '/api/people/residents/import',
    {
      config: { access: { permission: 'resident.create' } },
      schema: {
        tags,
        summary: 'Import residents from .xlsx (raw body); mode all | goodRows',
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (req) => importResidents(req.ctx(), req.body, req.query.mode),
  );

  app.get(
    '/api/people/residents/export.xlsx',
    {
      config: { access: { permission: 'resident.export' } },
      schema: {
        tags,
        summary: 'Export the filtered residents (scoped, masked) as .xlsx',
        querystring: ResidentExportQuery,
        response: xlsx,
      },
    },
    async (req, reply) => {
      const rows = await exportResidents(req.readCtx(), req.query);
      return sendXlsx(reply, 'residents', await ledgerExport(ResidentLedger, rows, req.locale));
    },
  );

  app.get(
    '/api/people/residents/:id',
    {
      config: { access: { permission: 'resident.read' } },
      schema: { tags, summary: 'One resident (masked)', params: IdParam, response: { 200: Resident } },
    },
    async (req) => getResident(req.ctx(), req.params.id),
  );

  app.post(
    '/api/people/residents',
    {
      config: { access: { permission: 'resident.create' } },
      schema: { tags, summary: 'Add a resident', body: CreateResident, response: { 201: Resident } },
    },
    async (req, reply) => reply.status(201).send(await createResident(req.ctx(), req.body)),
  );

  app.patch(
    '/api/people/residents/:id',
    {
      config: { access: { permission: 'resident.update' } },
      schema: { tags, summary: 'Edit a resident', params: IdParam, body: UpdateResident, response: { 200: Resident } },
    },
    async (req) => updateResident(req.ctx(), req.params.id, req.body),
  );

  app.delete(
    '/api/people/residents/:id',
    {
      config: { access: { permission: 'resident.delete' } },
      schema: { tags, summary: 'Delete a resident', params: IdParam, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteResident(req.ctx(), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/people/residents/:id/reveal',
    {
      config: { access: { permission: 'resident.reveal' } },
      schema: {
        tags,
        summary: 'The plain phone and ID numbers (audited as resident.reveal)',
        params: IdParam,
        response: { 200: Revealed },
      },
    },
    async (req) => revealResident(req.ctx(), req.params.id),
  );

  // ---- households
  app.get(
    '/api/people/households',
    {
      config: { access: { permission: 'resident.read' } },
      schema: {
        tags,
        summary: 'List households with member counts',
        querystring: HouseholdListQuery,
        response: { 200: pageOf(Household) },
      },
    },
    async (req) => listHouseholds(req.ctx(), req.query),
  );

  app.get(
    '/api/people/households/template.xlsx',
    {
      config: { access: { permission: 'resident.create' } },
      schema: { tags, summary: 'Import template of the households ledger', response: xlsx },
    },
    async (req, reply) => sendXlsx(reply, 'households-template', await ledgerTemplate(HouseholdLedger, req.locale)),
  );

  app.post(
    '/api/people/households/import',
    {
      config: { access: { permission: 'resident.create' } },
      schema: {
        tags,
        summary: 'Import households from .xlsx (raw body); mode all | goodRows',
        querystring: ImportQuery,
        response: { 200: ImportReport },
      },
    },
    async (req) => importHouseholds(req.ctx(), req.body, req.query.mode),
  );

  app.get(
    '/api/people/households/export.xlsx',
    {
      config: { access: { permission: 'resident.export' } },
      schema: {
        tags,
        summary: 'Export the filtered households as .xlsx',
        querystring: HouseholdExportQuery,
        response: xlsx,
      },
    },
    async (req, reply) => {
      const rows = await exportHouseholds(req.readCtx(), req.query);
      return sendXlsx(
        reply,
        'households',
        await ledgerExport(
          HouseholdLedger,
          rows.map((h) => ({ ...h, parent: h.address.split('/').slice(0, -1).join('/') })),
          req.locale,
        ),
      );
    },
  );

  app.get(
    '/api/people/households/:id',
    {
      config: { access: { anyOf: ['resident.read', 'resident.self'] } },
      schema: {
        tags,
        summary: 'A household with its members (a resident: only their own)',
        params: IdParam,
        response: { 200: HouseholdDetail },
      },
    },
    async (req) => getHousehold(req.ctx(), req.params.id),
  );

  // ---- self-service
  app.get(
    '/api/people/me',
    {
      config: { access: { permission: 'resident.self' } },
      schema: { tags, summary: 'My own resident record and household', response: { 200: MyRecord } },
    },
    async (req) => getMyRecord(req.ctx()),
  );

  app.get(
    '/api/people/me/export',
    {
      config: { access: { permission: 'resident.self' } },
      schema: { tags, summary: 'Download my own record (xlsx or JSON)', querystring: ExportFormat },
    },
    async (req, reply) => {
      const mine = await exportMyRecord(req.ctx());
      if (req.query.format === 'json') {
        reply.header('content-disposition', 'attachment; filename="my-record.json"');
        return reply.type('application/json').send(JSON.stringify(mine, null, 2));
      }
      const wb = new ExcelJS.Workbook();
      const me = wb.addWorksheet(req.locale === 'zh-CN' ? '本人信息' : 'My record');
      const r = mine.resident;
      const zh = req.locale === 'zh-CN';
      me.columns = [
        { key: 'k', width: 16 },
        { key: 'v', width: 48 },
      ];
      const rows: [string, string][] = [
        [zh ? '姓名' : 'Name', r.name],
        [zh ? '性别' : 'Gender', r.gender ?? ''],
        [zh ? '出生日期' : 'Birth date', r.birthDate ?? ''],
        [zh ? '身份证号' : 'ID number', r.idNumber ?? ''],
        [zh ? '手机号' : 'Mobile', r.phone ?? ''],
        [zh ? '住址' : 'Address', r.address],
        [zh ? '与户主关系' : 'Relation', r.relation ?? ''],
        [zh ? '标签' : 'Tags', r.tags.join(', ')],
      ];
      for (const [k, v] of rows) me.addRow({ k, v });
      const members = await ledgerExport(ResidentLedger, mine.members, req.locale);
      const mw = new ExcelJS.Workbook();
      await mw.xlsx.load(members as unknown as ArrayBuffer);
      const ms = wb.addWorksheet(req.locale === 'zh-CN' ? '同户成员' : 'Household members');
      mw.worksheets[0]!.eachRow((row) => {
        ms.addRow(row.values as ExcelJS.CellValue[]);
      });
      return sendXlsx(reply, 'my-record', Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );
}
