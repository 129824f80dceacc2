import { z } from 'zod';
import { ImportMode } from '../../kernel/ledger/ledger.js';
import { AgreementQuery, AllianceQuery, NeedQuery, ProjectQuery, ResourceQuery } from './contract.js';
import { ChallengeQuery } from './challenges.contract.js';
import { SharedItemQuery, SharedLoanQuery } from './shared-items.contract.js';

/**
 * The queries of the co-building ledgers 台账 (issue 12 point 11, decision 047): each is its list's query without
 * the page, so an export holds exactly the rows the list shows under the same filters, all pages at once.
 */
const NoPage = { page: true, pageSize: true } as const;
export const NeedLedgerQuery = NeedQuery.omit(NoPage);
export type NeedLedgerQuery = z.infer<typeof NeedLedgerQuery>;
export const ResourceLedgerQuery = ResourceQuery.omit(NoPage);
export type ResourceLedgerQuery = z.infer<typeof ResourceLedgerQuery>;
export const ProjectLedgerQuery = ProjectQuery.omit(NoPage);
export type ProjectLedgerQuery = z.infer<typeof ProjectLedgerQuery>;
export const AgreementLedgerQuery = AgreementQuery.omit(NoPage);
export type AgreementLedgerQuery = z.infer<typeof AgreementLedgerQuery>;
export const AllianceLedgerQuery = AllianceQuery.omit(NoPage);
export type AllianceLedgerQuery = z.infer<typeof AllianceLedgerQuery>;
export const ChallengeLedgerQuery = ChallengeQuery.omit(NoPage);
export type ChallengeLedgerQuery = z.infer<typeof ChallengeLedgerQuery>;
export const SharedItemLedgerQuery = SharedItemQuery.omit(NoPage);
export type SharedItemLedgerQuery = z.infer<typeof SharedItemLedgerQuery>;
export const SharedLoanLedgerQuery = SharedLoanQuery.omit(NoPage);
export type SharedLoanLedgerQuery = z.infer<typeof SharedLoanLedgerQuery>;

/**
 * Importing a ledger (decision 058): `mode` all (default: nothing written when any row fails) or goodRows; `dryRun`
 * checks every row through the real create and keeps nothing; `format=xlsx` answers the uploaded sheet with an
 * 错误 column instead of JSON (and, like a dry run, keeps nothing).
 */
export const LedgerImportQuery = z.object({
  mode: ImportMode.default('all'),
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type LedgerImportQuery = z.infer<typeof LedgerImportQuery>;

export const LedgerImportReport = z.object({
  list: z.enum(['needs', 'resources', 'projects', 'agreements']),
  mode: ImportMode,
  dryRun: z.boolean(),
  /** Data rows read (empty rows and the template's unchanged example are not counted). */
  total: z.number().int(),
  /** Records written — or, on a dry run, that would be. */
  created: z.number().int(),
  /** Rows whose natural key is already recorded: not written again. */
  existing: z.number().int(),
  existingRows: z.array(z.number().int()),
  /** Rows with at least one error. */
  failed: z.number().int(),
  /** Whether anything was kept. */
  saved: z.boolean(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type LedgerImportReport = z.infer<typeof LedgerImportReport>;
