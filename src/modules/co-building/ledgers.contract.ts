import type { z } from 'zod';
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
