import { z } from 'zod';
import type { App } from '../../kernel/http/types.js';
import { registerXlsxBody, sendXlsx } from '../../kernel/ledger/ledger.js';
import {
  AgreementLedgerQuery,
  AllianceLedgerQuery,
  ChallengeLedgerQuery,
  LedgerImportQuery,
  LedgerImportReport,
  NeedLedgerQuery,
  ProjectLedgerQuery,
  ResourceLedgerQuery,
  SharedItemLedgerQuery,
  SharedLoanLedgerQuery,
} from './ledgers.contract.js';
import {
  agreementsWorkbook,
  alliancesWorkbook,
  challengesWorkbook,
  needsWorkbook,
  projectsWorkbook,
  resourcesWorkbook,
  sharedItemsWorkbook,
  sharedLoansWorkbook,
} from './ledgers.js';
import { importLedger, importTemplate, type ImportList } from './ledgers.import.js';

const tags = ['co-building'];
const config = { access: { permission: 'coBuilding.read' } };
const xlsx = { 200: z.unknown().describe('.xlsx file') };
const P = '/api/co-building';

/**
 * Excel ledgers 台账 of co-building (decision 047): each list's rows under the list's own filters, all pages, as
 * .xlsx. Staff only (`coBuilding.read`); the kernel writes an `export.download` audit row for every download.
 */
export async function ledgerRoutes(app: App): Promise<void> {
  registerXlsxBody(app);
  // Imports (decision 058): the blank template and the import of the four lists a community keeps on paper.
  const IMPORTS: [ImportList, string][] = [
    ['needs', '需求清单'],
    ['resources', '资源清单'],
    ['projects', '项目清单'],
    ['agreements', '共建协议'],
  ];
  for (const [list, title] of IMPORTS) {
    app.get(
      `${P}/${list}/template.xlsx`,
      {
        config,
        schema: { tags, summary: `Blank import template of the ${list} ledger ${title}台账`, response: xlsx },
      },
      async (req, reply) => sendXlsx(reply, `${title}导入模板`, await importTemplate(list, req.locale)),
    );
    app.post(
      `${P}/${list}/import.xlsx`,
      {
        config: { access: { permission: 'coBuilding.manage' } },
        schema: {
          tags,
          summary: `Import the ${list} ledger ${title}台账 from .xlsx (raw body): per-row errors; dryRun; format=xlsx gives the sheet with an 错误 column`,
          querystring: LedgerImportQuery,
          response: { 200: z.union([LedgerImportReport, z.unknown().describe('.xlsx file')]) },
        },
      },
      async (req, reply) => {
        const out = await importLedger(req.ctx(), list, req.body, req.query);
        if (out.file) return sendXlsx(reply, `${title}导入错误`, out.file);
        return out.report;
      },
    );
  }
  app.get(
    `${P}/needs/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The needs ledger 需求清单台账 (and its matches) under the list filters',
        querystring: NeedLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '需求清单台账', await needsWorkbook(req.ctx(), req.query)),
  );
  app.get(
    `${P}/resources/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The resources ledger 资源清单台账 under the list filters',
        querystring: ResourceLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '资源清单台账', await resourcesWorkbook(req.ctx(), req.query)),
  );
  app.get(
    `${P}/projects/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The projects ledger 项目清单台账 (and their tasks) under the list filters',
        querystring: ProjectLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '项目清单台账', await projectsWorkbook(req.ctx(), req.query)),
  );
  app.get(
    `${P}/agreements/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The agreements ledger 共建协议台账 (and their deliverables) under the list filters',
        querystring: AgreementLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '共建协议台账', await agreementsWorkbook(req.ctx(), req.query)),
  );
  app.get(
    `${P}/alliances/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The alliances ledger 党建联盟台账 (part-time members, chairs) under the list filters',
        querystring: AllianceLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '党建联盟台账', await alliancesWorkbook(req.ctx(), req.query)),
  );
  app.get(
    `${P}/challenges/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The 揭榜挂帅 ledger (and the applicants) under the list filters',
        querystring: ChallengeLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '揭榜挂帅台账', await challengesWorkbook(req.ctx(), req.query)),
  );
  app.get(
    `${P}/shared-items/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The shared items ledger 便民共享服务柜物品台账 under the list filters',
        querystring: SharedItemLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '共享物品台账', await sharedItemsWorkbook(req.ctx(), req.query)),
  );
  app.get(
    `${P}/shared-loans/export.xlsx`,
    {
      config,
      schema: {
        tags,
        summary: 'The loans ledger 借用登记台账 under the list filters (phones masked without resident.reveal)',
        querystring: SharedLoanLedgerQuery,
        response: xlsx,
      },
    },
    async (req, reply) => sendXlsx(reply, '借用登记台账', await sharedLoansWorkbook(req.ctx(), req.query)),
  );
}
