import { z } from 'zod';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import {
  defineLedger,
  ledgerEnum,
  ledgerError,
  ledgerText,
  parseLedger,
  type ImportMode,
  type ImportReport,
  type LedgerError,
} from '../../kernel/ledger/ledger.js';
import { METRIC_LABELS, METRICS, type Metric } from './constants.js';
import { importReadings } from './river.service.js';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
/** A time cell: `YYYY-MM-DD HH:mm[:ss]` in China time (UTC+8), or an ISO instant with its offset. */
const ledgerInstant = z
  .string()
  .trim()
  .transform((v, c) => {
    const local = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
    const d = local
      ? new Date(
          `${local[1]}-${local[2]!.padStart(2, '0')}-${local[3]!.padStart(2, '0')}T${local[4]!.padStart(2, '0')}:${local[5]}:${local[6] ?? '00'}+08:00`,
        )
      : /[zZ]|[+-]\d{2}:?\d{2}$/.test(v)
        ? new Date(v)
        : new Date(NaN);
    if (Number.isNaN(d.getTime())) {
      c.addIssue({ code: 'custom', message: 'river.timeFormat' });
      return z.NEVER;
    }
    return d;
  });
const ledgerNumber = z
  .string()
  .trim()
  .transform((v, c) => {
    const n = Number(v);
    if (!v || !Number.isFinite(n)) {
      c.addIssue({ code: 'custom', message: 'river.numberFormat' });
      return z.NEVER;
    }
    return n;
  });

/** The readings ledger 监测数据台账 (an export of a station's logger, or readings typed in by hand). */
export const ReadingLedger = defineLedger({
  name: 'river-readings',
  title: L('水质水位监测数据', 'Water readings'),
  shape: {
    station: ledgerText(40),
    readingId: ledgerText(100),
    metric: ledgerEnum(METRIC_LABELS),
    value: ledgerNumber,
    measuredAt: ledgerInstant,
  },
  columns: {
    station: { header: L('监测站编号', 'Station code'), example: 'THJ-01', width: 14 },
    readingId: {
      header: L('数据编号', 'Reading id'),
      example: 'THJ-01-20260701-0800-ph',
      width: 28,
      note: L('每站唯一，重复的编号不会重复入库', 'Unique per station; a repeated id is not stored again'),
    },
    metric: {
      header: L('指标', 'Metric'),
      example: 'pH值',
      width: 12,
      note: L(
        Object.values(METRIC_LABELS)
          .map((l) => l['zh-CN'])
          .join(' / '),
        Object.values(METRIC_LABELS)
          .map((l) => l['en-US'])
          .join(' / '),
      ),
    },
    value: {
      header: L('数值', 'Value'),
      example: '7.2',
      width: 10,
      note: L(
        Object.entries(METRICS)
          .map(([k, u]) => `${METRIC_LABELS[k as Metric]['zh-CN']} ${u}`)
          .join('，'),
        Object.entries(METRICS)
          .map(([k, u]) => `${METRIC_LABELS[k as Metric]['en-US']} ${u}`)
          .join(', '),
      ),
    },
    measuredAt: {
      header: L('监测时间', 'Measured at'),
      example: '2026-07-01 08:00',
      width: 18,
      note: L('北京时间 YYYY-MM-DD HH:mm', 'China time YYYY-MM-DD HH:mm'),
    },
  },
});

/**
 * Imports readings: stations by code inside the viewer's subtree; a reading id already stored (or twice in the
 * file) is a row error. `all` writes nothing when any row is bad. Alerts are raised as for the gateway.
 */
export async function importReadingsLedger(ctx: Ctx, body: unknown, mode: ImportMode): Promise<ImportReport> {
  const parsed = await parseLedger(ReadingLedger, body, ctx.locale);
  const errors: LedgerError[] = [...parsed.errors];
  const { stations, store } = await importReadings(ctx, parsed.rows);
  const seen = new Set<string>();
  const good: typeof parsed.rows = [];
  for (const r of parsed.rows) {
    const s = stations.find((x) => x.code === r.value.station);
    if (!s) {
      errors.push(ledgerError(ReadingLedger, ctx.locale, r.row, 'station', 'river.stationNotFound'));
      continue;
    }
    const k = `${s.id}:${r.value.readingId}`;
    if (seen.has(k)) {
      errors.push(
        ledgerError(ReadingLedger, ctx.locale, r.row, 'readingId', 'river.replayed', { id: r.value.readingId }),
      );
      continue;
    }
    seen.add(k);
    good.push(r);
  }
  if (mode === 'all' && errors.length) return { mode, total: parsed.total, imported: 0, skipped: parsed.total, errors };
  let imported = 0;
  await ctx.db
    .transaction(async (tx) => {
      for (const s of stations) {
        const mine = good.filter((r) => r.value.station === s.code);
        if (!mine.length) continue;
        const res = await store(
          tx,
          s,
          mine.map((r) => r.value),
        );
        for (const id of res.replayed) {
          const r = mine.find((x) => x.value.readingId === id)!;
          errors.push(ledgerError(ReadingLedger, ctx.locale, r.row, 'readingId', 'river.replayed', { id }));
        }
        if (mode === 'all' && res.replayed.length) throw new ReplayedInImport();
        imported += res.stored;
      }
      await audit(tx, ctx, {
        action: 'river.readings.import',
        objectType: 'riverReading',
        scopePath: ctx.actor.scopePath,
        after: { imported, stations: stations.map((s) => s.code) },
      });
    })
    .catch((e: unknown) => {
      if (!(e instanceof ReplayedInImport)) throw e;
      imported = 0;
    });
  errors.sort((a, b) => a.row - b.row);
  return { mode, total: parsed.total, imported, skipped: parsed.total - imported, errors };
}
class ReplayedInImport extends Error {}
