import ExcelJS from 'exceljs';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { CHINA_OFFSET_MS, chinaDateTime } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { StudyRecord } from './contract.js';
import { territories } from '../../kernel/db/schema.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope } from '../../kernel/scope/scope.js';
import {
  actionItems,
  meetingDecisions,
  meetingInvitees,
  meetings,
  orgLifeAttendance,
  orgLifeSessions,
} from './schema.js';

/** Ledgers 台账 to Excel (issue 13 item 9): meetings, decisions, action items, organisational-life sessions. */
export const LEDGER_KINDS = ['meetings', 'decisions', 'actionItems', 'sessions'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

const HEADERS: Record<LedgerKind, Record<'zh-CN' | 'en-US', string[]>> = {
  meetings: {
    'zh-CN': ['会议名称', '会议类型', '所属区域', '时间', '地点', '状态', '应邀', '出席'],
    'en-US': ['Title', 'Type', 'Area', 'Time', 'Place', 'Status', 'Invited', 'Present'],
  },
  decisions: {
    'zh-CN': ['会议名称', '会议时间', '议定事项'],
    'en-US': ['Meeting', 'Meeting time', 'Decision'],
  },
  actionItems: {
    'zh-CN': ['督办事项', '会议名称', '责任方', '办结期限', '状态', '是否超期', '佐证材料', '关联工单'],
    'en-US': ['Action item', 'Meeting', 'Owner', 'Deadline', 'Status', 'Overdue', 'Evidence', 'Order'],
  },
  sessions: {
    'zh-CN': ['时间', '类别', '名称', '形式', '地点', '应到', '实到', '请假', '状态'],
    'en-US': ['Time', 'Kind', 'Title', 'Mode', 'Place', 'Expected', 'Present', 'On leave', 'Status'],
  },
};
const KIND_ZH: Record<string, string> = {
  memberAssembly: '支部党员大会',
  branchCommittee: '支委会',
  groupMeeting: '党小组会',
  partyLesson: '党课',
  themeDay: '主题党日',
};
const TYPE_ZH: Record<string, string> = {
  fourParty: '四方联动',
  jointMeeting: '联席会议',
  fiveParty: '五方会谈',
  stewardMonthly: '社区管家月度会',
  redPropertyAlliance: '红色物业联盟',
  allianceJoint: '党建联盟联席会',
  residentsCouncil: '居民议事会',
  deputiesConsultation: '两代表一委员协商',
};

/** The rows of one ledger over the caller's subtree (a year for sessions), as an .xlsx file. */
export async function exportLedger(ctx: Ctx, kind: LedgerKind, year?: number): Promise<Buffer> {
  const zh = ctx.locale === 'zh-CN';
  const rows: (string | number | null)[][] = [];
  if (kind === 'meetings' || kind === 'decisions') {
    const ms = await ctx.db
      .select({ m: meetings, tName: territories.name })
      .from(meetings)
      .innerJoin(territories, eq(territories.id, meetings.territoryId))
      .where(inScope(ctx.actor, meetings.scopePath))
      .orderBy(asc(meetings.startsAt))
      .limit(10_000);
    const ids = ms.map((x) => x.m.id);
    if (kind === 'meetings') {
      const inv = ids.length
        ? await ctx.db.select().from(meetingInvitees).where(inArray(meetingInvitees.meetingId, ids))
        : [];
      for (const { m, tName } of ms)
        rows.push([
          m.title,
          zh ? (TYPE_ZH[m.typeKey] ?? m.typeKey) : m.typeKey,
          tName,
          chinaDateTime(m.startsAt),
          m.place,
          t(ctx.locale, `meetings.status.${m.status}`),
          inv.filter((i) => i.meetingId === m.id).length,
          inv.filter((i) => i.meetingId === m.id && i.attended).length,
        ]);
    } else {
      const ds = ids.length
        ? await ctx.db
            .select()
            .from(meetingDecisions)
            .where(inArray(meetingDecisions.meetingId, ids))
            .orderBy(asc(meetingDecisions.id))
        : [];
      for (const d of ds) {
        const m = ms.find((x) => x.m.id === d.meetingId)!.m;
        rows.push([m.title, chinaDateTime(m.startsAt), d.text]);
      }
    }
  } else if (kind === 'actionItems') {
    const now = ctx.clock.now();
    const xs = await ctx.db
      .select({ a: actionItems, title: meetings.title })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .where(inScope(ctx.actor, actionItems.scopePath))
      .orderBy(asc(actionItems.dueAt))
      .limit(10_000);
    for (const { a, title } of xs) {
      const overdue = (a.status === 'open' || a.status === 'inProgress') && a.dueAt < now;
      rows.push([
        a.title,
        title,
        a.ownerName,
        chinaDateTime(a.dueAt),
        t(ctx.locale, `meetings.actionStatus.${a.status}`),
        overdue ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
        a.evidence,
        a.orderId,
      ]);
    }
  } else {
    const y = year ?? new Date(ctx.clock.now().getTime() + CHINA_OFFSET_MS).getUTCFullYear();
    const from = new Date(Date.UTC(y, 0, 1) - CHINA_OFFSET_MS);
    const to = new Date(Date.UTC(y + 1, 0, 1) - CHINA_OFFSET_MS);
    const ss = await ctx.db
      .select()
      .from(orgLifeSessions)
      .where(
        and(
          inScope(ctx.actor, orgLifeSessions.scopePath),
          gte(orgLifeSessions.heldAt, from),
          lt(orgLifeSessions.heldAt, to),
        ),
      )
      .orderBy(asc(orgLifeSessions.heldAt))
      .limit(20_000);
    const att = ss.length
      ? await ctx.db
          .select({ s: orgLifeAttendance.sessionId, st: orgLifeAttendance.status })
          .from(orgLifeAttendance)
          .where(
            inArray(
              orgLifeAttendance.sessionId,
              ss.map((x) => x.id),
            ),
          )
      : [];
    for (const s of ss) {
      const mine = att.filter((x) => x.s === s.id);
      rows.push([
        chinaDateTime(s.heldAt),
        zh ? (KIND_ZH[s.kind] ?? s.kind) : s.kind,
        s.title,
        zh ? (s.mode === 'online' ? '线上' : '线下') : s.mode,
        s.place,
        mine.length,
        mine.filter((x) => x.st === 'present').length,
        mine.filter((x) => x.st === 'leave').length,
        s.status,
      ]);
    }
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  const ws = wb.addWorksheet(kind);
  ws.addRow(HEADERS[kind][ctx.locale]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Study records 学习档案 to Excel (issue 13 item 7): a summary sheet (one row per member: sessions attended,
 * lessons, hours) and one sheet per member listing every session attended and lesson studied.
 */
export async function exportStudy(ctx: Ctx, records: StudyRecord[]): Promise<Buffer> {
  const zh = ctx.locale === 'zh-CN';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  const sum = wb.addWorksheet(zh ? '汇总' : 'Summary');
  sum.addRow(
    zh
      ? ['党员', '所在支部', '参加组织生活（次）', '自学课程（门）', '学习时长（小时）']
      : ['Member', 'Branch', 'Sessions attended', 'Lessons', 'Study hours'],
  ).font = { bold: true };
  const used = new Set<string>();
  for (const r of records) {
    sum.addRow([r.member.name, r.branch.name, r.sessions.length, r.lessons.length, r.totalHours]);
    // A sheet name is at most 31 characters, unique, without []:*?/\ .
    let name = r.member.name.replace(/[[\]:*?/\\]/g, '').slice(0, 24) || String(r.member.id);
    if (used.has(name)) name = `${name}-${r.member.id}`.slice(0, 31);
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.addRow([
      zh ? `${r.member.name} 学习档案（${r.branch.name}）` : `Study record of ${r.member.name} (${r.branch.name})`,
    ]).font = { bold: true, size: 13 };
    ws.addRow(zh ? ['日期', '类别', '名称', '学时（小时）', '备注'] : ['Date', 'Kind', 'Title', 'Hours', 'Note']).font =
      {
        bold: true,
      };
    const rows: [string, string, string, number | null, string | null][] = [
      ...r.sessions.map(
        (x) =>
          [chinaDateTime(x.heldAt).slice(0, 10), zh ? (KIND_ZH[x.kind] ?? x.kind) : x.kind, x.title, null, null] as [
            string,
            string,
            string,
            number | null,
            string | null,
          ],
      ),
      ...r.lessons.map(
        (l) =>
          [l.studiedOn, zh ? '自学' : 'lesson', l.title, l.hours, l.note] as [
            string,
            string,
            string,
            number | null,
            string | null,
          ],
      ),
    ].sort((a, b) => a[0].localeCompare(b[0]));
    for (const x of rows) ws.addRow(x);
    ws.addRow([
      zh ? '合计' : 'Total',
      '',
      zh ? `组织生活 ${r.sessions.length} 次` : `${r.sessions.length} sessions`,
      r.totalHours,
    ]);
    ws.columns.forEach((c, i) => (c.width = i === 2 ? 32 : 14));
  }
  sum.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
