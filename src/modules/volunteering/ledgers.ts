import ExcelJS from 'exceljs';
import { chinaDateTime } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { listSignups } from './activities.service.js';
import { listEntries } from './points.service.js';
import { listTeams } from './teams.service.js';

/** Ledgers 台账 to Excel (issue 15 item 8): service hours, the points ledger, teams and posts — the lists' own filters. */
export const LEDGER_KINDS = ['hours', 'points', 'teams'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
const MAX = 5000;

const HEADERS: Record<LedgerKind, Record<'zh-CN' | 'en-US', string[]>> = {
  hours: {
    'zh-CN': ['姓名', '活动', '班次', '开始时间', '状态', '签到', '签退', '确认时长（小时）', '计入社区', '报送支部'],
    'en-US': [
      'Name',
      'Activity',
      'Shift',
      'Starts',
      'Status',
      'Check-in',
      'Check-out',
      'Hours',
      'Credited to',
      'Reported to',
    ],
  },
  points: {
    'zh-CN': ['时间', '姓名', '支部', '来源', '规则应得', '计入积分', '理由/依据', '状态', '期间'],
    'en-US': ['At', 'Name', 'Branch', 'Source', 'Rule gave', 'Points', 'Reason / ref', 'Status', 'Period'],
  },
  teams: {
    'zh-CN': ['名称', '类型', '所属区域', '职责', '成员数', '已确认服务时长（小时）'],
    'en-US': ['Name', 'Kind', 'Area', 'Duties', 'Members', 'Confirmed hours'],
  },
};
const china = (d: Date | null) => (d ? chinaDateTime(d) : '');

export interface LedgerQuery {
  kind: LedgerKind;
  territoryId?: number;
  status?: string;
  from?: string;
  to?: string;
}

/** One ledger of the caller's subtree as an .xlsx file (at most 5,000 rows, newest first). */
export async function exportLedger(ctx: Ctx, q: LedgerQuery): Promise<Buffer> {
  const rows: (string | number | null)[][] = [];
  const base = { page: 1, pageSize: MAX, ...(q.territoryId ? { territoryId: q.territoryId } : {}) };
  const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
  if (q.kind === 'hours') {
    const list = await listSignups(ctx, { ...base, ...range, ...(q.status ? { status: q.status as never } : {}) });
    for (const s of list.items)
      rows.push([
        s.name,
        s.activity.name,
        s.shiftLabel,
        china(s.startsAt),
        s.status,
        china(s.checkInAt),
        china(s.checkOutAt),
        s.confirmedMinutes === null ? null : Math.round((s.confirmedMinutes / 60) * 100) / 100,
        s.creditCommunity,
        s.reportBranch,
      ]);
  } else if (q.kind === 'points') {
    const list = await listEntries(ctx, { ...base, ...range, ...(q.status ? { status: q.status as never } : {}) });
    for (const e of list.items)
      rows.push([
        china(e.at),
        e.name,
        e.branch?.name ?? '',
        e.source,
        e.requested,
        e.points,
        e.reason ?? e.ref,
        e.status,
        e.period,
      ]);
  } else {
    const list = await listTeams(ctx, base);
    for (const tm of list.items)
      rows.push([tm.name, tm.kind, tm.territory.name, tm.duties.join('、'), tm.members, tm.confirmedHours]);
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  const ws = wb.addWorksheet(q.kind);
  ws.addRow(HEADERS[q.kind][ctx.locale]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
