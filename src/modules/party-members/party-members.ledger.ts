import { and, inArray } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { hashPii } from '../../kernel/crypto/pii.js';
import {
  defineLedger,
  labelCell,
  ledgerDate,
  ledgerEnum,
  ledgerError,
  ledgerList,
  ledgerOptionalText,
  ledgerText,
  listCell,
  parseLedger,
  type ImportMode,
  type ImportReport,
  type LedgerError,
} from '../../kernel/ledger/ledger.js';
import { inScope } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import { IdNumber } from '../people/contract.js';
import { residents } from '../people/index.js';
import { HOME_BRANCH_KINDS } from './constants.js';
import { KIND_LABELS, POST_LABELS } from './labels.js';
import { partyMembers } from './schema.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/** The party members ledger 党员台账; a member is linked to a resident record by the resident's ID number. */
export const MemberLedger = defineLedger({
  name: 'party-members',
  title: L('党员台账', 'Party members'),
  shape: {
    name: ledgerText(50),
    kind: ledgerEnum(KIND_LABELS),
    homeBranch: ledgerText(100),
    joinedOn: ledgerDate(),
    posts: ledgerList(POST_LABELS),
    residentIdNumber: IdNumber.optional().transform((v) => v ?? null),
    registeredCommunities: ledgerOptionalText(500),
  },
  columns: {
    name: { header: L('姓名', 'Name'), example: '李明', width: 12 },
    kind: {
      header: L('党员类别', 'Kind'),
      example: '在职党员',
      width: 12,
      note: L(
        Object.values(KIND_LABELS)
          .map((l) => l['zh-CN'])
          .join(' / '),
        Object.values(KIND_LABELS)
          .map((l) => l['en-US'])
          .join(' / '),
      ),
      toCell: labelCell(KIND_LABELS),
    },
    homeBranch: {
      header: L('所在党组织', 'Home branch'),
      example: '文亭巷社区和平小区党支部',
      width: 28,
      note: L(
        '本账号范围内党支部、党总支或党委的全称',
        'Full name of a branch, general branch or committee in your area',
      ),
    },
    joinedOn: {
      header: L('入党日期', 'Joined on'),
      example: '2008-07-01',
      width: 12,
      note: L('YYYY-MM-DD', 'YYYY-MM-DD'),
    },
    posts: {
      header: L('岗位', 'Posts'),
      example: '党员先锋岗',
      width: 18,
      note: L(
        `可多个，用、分隔：${Object.values(POST_LABELS)
          .map((l) => l['zh-CN'])
          .join('、')}`,
        `Several allowed: ${Object.values(POST_LABELS)
          .map((l) => l['en-US'])
          .join(', ')}`,
      ),
      toCell: listCell(POST_LABELS),
    },
    residentIdNumber: {
      header: L('居民身份证号', 'Resident ID number'),
      example: '',
      width: 22,
      note: L(
        '选填：关联本范围内已登记的居民；导出时留空',
        'Optional: links a resident registered in your area; empty on export',
      ),
    },
    registeredCommunities: {
      header: L('双报到社区', 'Registered with'),
      example: '',
      width: 24,
      note: L('仅导出，导入时忽略', 'Export only; ignored on import'),
    },
  },
});

/** Imports party members; same rules as the residents import (all-or-nothing or good rows, one transaction). */
export async function importMembers(ctx: Ctx, body: unknown, mode: ImportMode): Promise<ImportReport> {
  const locale = ctx.locale;
  const parsed = await parseLedger(MemberLedger, body, locale);
  const errors: LedgerError[] = [...parsed.errors];
  const names = [...new Set(parsed.rows.map((r) => r.value.homeBranch))];
  const orgs = names.length
    ? await ctx.db
        .select({
          id: partyOrgs.id,
          name: partyOrgs.name,
          territoryId: partyOrgs.territoryId,
          scopePath: partyOrgs.scopePath,
        })
        .from(partyOrgs)
        .where(
          and(
            inArray(partyOrgs.name, names),
            inArray(partyOrgs.kind, [...HOME_BRANCH_KINDS]),
            inScope(ctx.actor, partyOrgs.scopePath),
          ),
        )
    : [];
  const hashes = parsed.rows.flatMap((r) =>
    r.value.residentIdNumber ? [hashPii('idNumber', r.value.residentIdNumber)] : [],
  );
  const people = hashes.length
    ? await ctx.db
        .select({ id: residents.id, h: residents.idNumberHash })
        .from(residents)
        .where(and(inArray(residents.idNumberHash, hashes), inScope(ctx.actor, residents.scopePath)))
    : [];
  const good: { row: number; values: typeof partyMembers.$inferInsert }[] = [];
  for (const { row, value } of parsed.rows) {
    const matches = orgs.filter((o) => o.name === value.homeBranch);
    const rowErrors: LedgerError[] = [];
    if (matches.length !== 1)
      rowErrors.push(
        ledgerError(
          MemberLedger,
          locale,
          row,
          'homeBranch',
          matches.length ? 'partyMember.branchAmbiguous' : 'partyMember.branchNotFound',
        ),
      );
    let residentId: number | null = null;
    if (value.residentIdNumber) {
      const r = people.find((p) => p.h === hashPii('idNumber', value.residentIdNumber!));
      if (!r)
        rowErrors.push(ledgerError(MemberLedger, locale, row, 'residentIdNumber', 'partyMember.residentNotFound'));
      else residentId = r.id;
    }
    const org = matches[0];
    if (rowErrors.length || !org) {
      errors.push(...rowErrors);
      continue;
    }
    good.push({
      row,
      values: {
        name: value.name,
        kind: value.kind,
        homeBranchId: org.id,
        territoryId: org.territoryId,
        scopePath: org.scopePath,
        joinedOn: value.joinedOn,
        posts: value.posts,
        residentId,
      },
    });
  }
  if (mode === 'all' && errors.length)
    return {
      mode,
      total: parsed.total,
      imported: 0,
      skipped: parsed.total,
      errors: errors.sort((a, b) => a.row - b.row),
    };
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < good.length; i += 500) {
      const batch = good.slice(i, i + 500);
      const ids = await tx
        .insert(partyMembers)
        .values(batch.map((g) => g.values))
        .returning({ id: partyMembers.id });
      for (let k = 0; k < batch.length; k++) {
        const v = batch[k]!.values;
        await audit(tx, ctx, {
          action: 'partyMember.create',
          objectType: 'partyMember',
          objectId: ids[k]!.id,
          scopePath: v.scopePath,
          after: { ...v, importedFromRow: batch[k]!.row },
        });
      }
    }
    await audit(tx, ctx, {
      action: 'partyMember.import',
      objectType: 'partyMember',
      scopePath: ctx.actor.scopePath,
      after: { mode, total: parsed.total, imported: good.length },
    });
  });
  return {
    mode,
    total: parsed.total,
    imported: good.length,
    skipped: parsed.total - good.length,
    errors: errors.sort((a, b) => a.row - b.row),
  };
}
