import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { App } from '../http/types.js';
import { AppError } from '../http/errors.js';
import { translateIssues } from '../http/validation.js';
import { registerMessages, t, type Locale } from '../i18n/i18n.js';
import type { Label } from '../rbac/rbac.js';
import { checkXlsx } from './zip-guard.js';

/**
 * Excel ledgers 台账 (issue 3, item 8), generic over a column spec: a template (.xlsx with the headers, one
 * example row and a notes sheet), import parsing with per-row zod validation, and export of a list.
 *
 * How a module uses it (residents, households and party members do; units can do the same):
 *   const UnitLedger = defineLedger({ name: 'units', title: {…}, shape: { name: ledgerText(100), … },
 *                                     columns: { name: { header: { 'zh-CN': '单位名称', 'en-US': 'Name' }, example: '…' }, … } });
 *   registerXlsxBody(app);                                         // in the module's routes plugin: raw .xlsx bodies
 *   GET  …/template.xlsx → sendXlsx(reply, 'units-template', await ledgerTemplate(UnitLedger, req.locale))
 *   POST …/import?mode=all|goodRows (raw body) → const parsed = await parseLedger(UnitLedger, req.body, req.locale)
 *        then check what only the service knows (names that must resolve, duplicates), add those errors with
 *        `ledgerError`, and write in ONE transaction: mode `all` writes nothing if any row is bad, `goodRows`
 *        writes the good ones and reports the rest; answer `ImportReport`.
 *   GET  …/export.xlsx?<list filters> → the list query with the same scope rule and masking, then
 *        sendXlsx(reply, 'units', await ledgerExport(UnitLedger, rows, req.locale)).
 * Cell values reach the column schemas as trimmed strings (dates as YYYY-MM-DD) or undefined for an empty cell.
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export interface LedgerColumn {
  header: Label;
  example: string;
  /** Shown in the notes sheet (allowed values, format). */
  note?: Label;
  width?: number;
  /** How a value of a listed record is written to a cell on export (default: as is). */
  toCell?: (value: unknown, locale: Locale) => string | number | null;
}

export interface Ledger<Shape extends z.ZodRawShape> {
  name: string;
  title: Label;
  schema: z.ZodObject<Shape>;
  columns: { [K in keyof Shape & string]: LedgerColumn };
  keys: (keyof Shape & string)[];
}

export type LedgerRow<L> = L extends Ledger<infer S> ? z.output<z.ZodObject<S>> : never;

/** Declares a ledger: one zod schema per column (taking the cell as a string or undefined) and its header. */
export function defineLedger<Shape extends z.ZodRawShape>(opts: {
  name: string;
  title: Label;
  shape: Shape;
  columns: { [K in keyof Shape & string]: LedgerColumn };
}): Ledger<Shape> {
  return {
    name: opts.name,
    title: opts.title,
    schema: z.object(opts.shape),
    columns: opts.columns,
    keys: Object.keys(opts.columns) as (keyof Shape & string)[],
  };
}

// ---- column schema helpers: empty cells arrive as undefined

/** A required text cell. */
export const ledgerText = (max = 100) => z.string().trim().min(1).max(max);
/** An optional text cell (empty → null). */
export const ledgerOptionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));
/** A date cell: YYYY-MM-DD (or YYYY/MM/DD, YYYY.MM.DD); empty → null unless required. */
export const ledgerDate = (required = false) => {
  const base = z
    .string()
    .trim()
    .transform((v) => v.replace(/[/.]/g, '-'))
    .refine((v) => /^\d{4}-\d{1,2}-\d{1,2}$/.test(v) && !Number.isNaN(Date.parse(v)), { message: 'ledger.dateFormat' })
    .transform((v) => {
      const [y, m, d] = v.split('-');
      return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    });
  return required ? base : base.optional().transform((v) => v ?? null);
};
function enumLookup<V extends string>(labels: Record<V, Label>) {
  const lookup = new Map<string, V>();
  for (const [value, label] of Object.entries(labels) as [V, Label][]) {
    for (const s of [value, label['zh-CN'], label['en-US']]) lookup.set(s.toLowerCase(), value);
  }
  const allowed = (Object.values(labels) as Label[]).map((l) => l['zh-CN']).join('、');
  return { lookup, allowed };
}

/** A required cell holding one label of an enum, in either language (男 / male / Male all give `male`). */
export function ledgerEnum<V extends string>(labels: Record<V, Label>) {
  const { lookup, allowed } = enumLookup(labels);
  return z
    .string()
    .trim()
    .transform((v, ctx): V => {
      const hit = lookup.get(v.toLowerCase());
      if (!hit) {
        ctx.addIssue({ code: 'custom', message: 'ledger.oneOf', params: { values: allowed } });
        return z.NEVER;
      }
      return hit;
    });
}
/** An optional enum cell (empty → null). */
export function ledgerOptionalEnum<V extends string>(labels: Record<V, Label>) {
  return ledgerEnum(labels)
    .optional()
    .transform((v): V | null => v ?? null);
}
/** A list cell: values separated by 、 , ， ; or ； */
export function ledgerList<V extends string>(labels: Record<V, Label>) {
  const { lookup, allowed } = enumLookup(labels);
  return z
    .string()
    .optional()
    .transform((v, ctx): V[] => {
      const parts = (v ?? '')
        .split(/[、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const out: V[] = [];
      for (const p of parts) {
        const hit = lookup.get(p.toLowerCase());
        if (!hit) {
          ctx.addIssue({ code: 'custom', message: 'ledger.oneOf', params: { values: allowed } });
          return z.NEVER;
        }
        if (!out.includes(hit)) out.push(hit);
      }
      return out;
    });
}

/** Writes a label of an enum value in the user's language. */
export const labelCell =
  <V extends string>(labels: Record<V, Label>) =>
  (v: unknown, locale: Locale) =>
    typeof v === 'string' && v in labels ? labels[v as V][locale] : v === null || v === undefined ? null : String(v);
export const listCell =
  <V extends string>(labels: Record<V, Label>) =>
  (v: unknown, locale: Locale) =>
    Array.isArray(v) ? v.map((x) => labelCell(labels)(x, locale) ?? '').join('、') : null;

// ---- template, parse, export

function headerOf(col: LedgerColumn, locale: Locale) {
  return col.header[locale];
}

function styleHeader(ws: ExcelJS.Worksheet) {
  const row = ws.getRow(1);
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC8161D' } };
  row.alignment = { vertical: 'middle' };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function sheetOf<S extends z.ZodRawShape>(wb: ExcelJS.Workbook, ledger: Ledger<S>, locale: Locale) {
  const ws = wb.addWorksheet(ledger.title[locale].slice(0, 31));
  ws.columns = ledger.keys.map((k) => ({
    header: headerOf(ledger.columns[k], locale),
    key: k,
    width: ledger.columns[k].width ?? 16,
  }));
  styleHeader(ws);
  return ws;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The import template: headers, one example row (ignored on import while unchanged), and a notes sheet. */
export async function ledgerTemplate<S extends z.ZodRawShape>(ledger: Ledger<S>, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  const ws = sheetOf(wb, ledger, locale);
  const example = ws.addRow(Object.fromEntries(ledger.keys.map((k) => [k, ledger.columns[k].example])));
  example.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  // Keep numbers as text (ID numbers, phones) when the user types over the example.
  for (let i = 1; i <= ledger.keys.length; i++) ws.getColumn(i).numFmt = '@';
  const notes = wb.addWorksheet(t(locale, 'ledger.notesSheet'));
  notes.columns = [
    { header: t(locale, 'ledger.notesColumn'), key: 'c', width: 18 },
    { header: t(locale, 'ledger.notesNote'), key: 'n', width: 80 },
  ];
  styleHeader(notes);
  notes.addRow({ c: '', n: t(locale, 'ledger.notesExample') });
  for (const k of ledger.keys) {
    const col = ledger.columns[k];
    notes.addRow({ c: headerOf(col, locale), n: col.note?.[locale] ?? '' });
  }
  return toBuffer(wb);
}

function cellText(v: ExcelJS.CellValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v.trim() || undefined;
  if ('richText' in v)
    return (
      v.richText
        .map((r) => r.text)
        .join('')
        .trim() || undefined
    );
  if ('text' in v && typeof v.text === 'string') return v.text.trim() || undefined;
  if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  return undefined;
}

export interface LedgerError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** Column header in the user's language (empty for a whole-row problem). */
  column: string;
  message: string;
}

export interface ParsedLedger<T> {
  rows: { row: number; value: T }[];
  errors: LedgerError[];
  /** Rows read (data rows, not counting empty ones and the unchanged example). */
  total: number;
}

/** An error on one row and column, translated; for the checks only the service can make. */
export function ledgerError<S extends z.ZodRawShape>(
  ledger: Ledger<S>,
  locale: Locale,
  row: number,
  key: (keyof S & string) | null,
  message: string,
  params: Record<string, string | number> = {},
): LedgerError {
  return { row, column: key ? headerOf(ledger.columns[key], locale) : '', message: t(locale, message, params) };
}

/** Reads the first sheet of an .xlsx: headers by name (either language or the key), each row through the schema. */
export async function parseLedger<S extends z.ZodRawShape>(
  ledger: Ledger<S>,
  body: unknown,
  locale: Locale,
): Promise<ParsedLedger<z.output<z.ZodObject<S>>>> {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('validation', 'ledger.noFile');
  checkXlsx(body); // sizes, entries, rows and columns, before exceljs sees a byte
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation', 'ledger.notXlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('validation', 'ledger.notXlsx');
  const byHeader = new Map<string, keyof S & string>();
  for (const k of ledger.keys) {
    const c = ledger.columns[k];
    for (const h of [k, c.header['zh-CN'], c.header['en-US']])
      byHeader.set(h.replace(/\*$/, '').trim().toLowerCase(), k);
  }
  const colOf = new Map<keyof S & string, number>();
  ws.getRow(1).eachCell((cell, n) => {
    const key = byHeader.get((cellText(cell.value) ?? '').replace(/\*$/, '').trim().toLowerCase());
    if (key && !colOf.has(key)) colOf.set(key, n);
  });
  const errors: LedgerError[] = [];
  for (const k of ledger.keys) {
    if (!colOf.has(k) && !(ledger.schema.shape[k] as z.ZodType).safeParse(undefined).success) {
      errors.push(ledgerError(ledger, locale, 1, k, 'ledger.missingColumn'));
    }
  }
  if (errors.length) return { rows: [], errors, total: 0 };
  const rows: { row: number; value: z.output<z.ZodObject<S>> }[] = [];
  let total = 0;
  const example = ledger.keys.map((k) => ledger.columns[k].example);
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = ledger.keys.map((k) => {
      const n = colOf.get(k);
      return n === undefined ? undefined : cellText(row.getCell(n).value);
    });
    if (cells.every((c) => c === undefined)) continue;
    if (cells.every((c, i) => (c ?? '') === example[i])) continue; // the template's example row, left as it was
    total++;
    if (total > IMPORT_MAX_ROWS) throw new AppError('validation', 'ledger.tooManyRows', { max: IMPORT_MAX_ROWS });
    const parsed = ledger.schema.safeParse(Object.fromEntries(ledger.keys.map((k, i) => [k, cells[i]])));
    if (parsed.success) rows.push({ row: r, value: parsed.data });
    else {
      for (const f of translateIssues(parsed.error.issues, locale)) {
        const key = f.field as keyof S & string;
        errors.push({
          row: r,
          column: key in ledger.columns ? headerOf(ledger.columns[key], locale) : '',
          message: f.message,
        });
      }
    }
  }
  return { rows, errors, total };
}

/**
 * A copy of an uploaded workbook with one more column on its first sheet, headed 错误 (Errors), holding each row's
 * problems as `column: message` (and `notes`, e.g. "already there", for rows without errors): the user fixes the
 * rows in their own file and uploads it again. The body must have passed `parseLedger` (and so the zip guard).
 */
export async function annotateLedger(
  body: Buffer,
  errors: readonly LedgerError[],
  locale: Locale,
  notes: ReadonlyMap<number, string> = new Map(),
): Promise<Buffer> {
  checkXlsx(body);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation', 'ledger.notXlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('validation', 'ledger.notXlsx');
  const byRow = new Map<number, string[]>();
  for (const e of errors)
    byRow.set(e.row, [...(byRow.get(e.row) ?? []), e.column ? `${e.column}：${e.message}` : e.message]);
  const header = t(locale, 'ledger.errorColumn');
  let n = 0;
  ws.getRow(1).eachCell((cell, i) => {
    if (cellText(cell.value) !== header) n = Math.max(n, i);
  });
  n += 1; // the first column after the headers (an earlier 错误 column is written over)
  const head = ws.getRow(1).getCell(n);
  head.value = header;
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC8161D' } };
  ws.getColumn(n).width = 48;
  const last = Math.max(ws.rowCount, ...byRow.keys(), ...notes.keys());
  for (let r = 2; r <= last; r++) {
    const cell = ws.getRow(r).getCell(n);
    const msgs = byRow.get(r);
    cell.value = msgs ? msgs.join('；') : (notes.get(r) ?? null);
    if (msgs) cell.font = { color: { argb: 'FFC8161D' } };
  }
  return toBuffer(wb);
}

/** One sheet of a ledger workbook: a ledger and its listed records (see `ledgerSheet`). */
export interface LedgerSheet {
  write: (wb: ExcelJS.Workbook, locale: Locale) => void;
}

/** A sheet of listed records under the ledger's headers, for `ledgerWorkbook`. */
export function ledgerSheet<S extends z.ZodRawShape>(
  ledger: Ledger<S>,
  records: readonly Record<string, unknown>[],
): LedgerSheet {
  return {
    write: (wb, locale) => {
      const ws = sheetOf(wb, ledger, locale);
      for (const rec of records) {
        ws.addRow(
          Object.fromEntries(
            ledger.keys.map((k) => {
              const col = ledger.columns[k];
              const v = rec[k];
              return [k, col.toCell ? col.toCell(v, locale) : v === undefined ? null : (v as string | number | null)];
            }),
          ),
        );
      }
    },
  };
}

/**
 * Writes several ledgers as the sheets of one .xlsx, in the order given (a list and its detail rows, e.g. needs
 * and their matches); sheet names are the ledgers' titles, so they must differ. Scope and masking are the caller's.
 */
export async function ledgerWorkbook(sheets: readonly LedgerSheet[], locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  for (const s of sheets) s.write(wb, locale);
  return toBuffer(wb);
}

/** Writes listed records to an .xlsx with the ledger's headers (the caller applies scope and masking first). */
export async function ledgerExport<S extends z.ZodRawShape>(
  ledger: Ledger<S>,
  records: readonly Record<string, unknown>[],
  locale: Locale,
): Promise<Buffer> {
  return ledgerWorkbook([ledgerSheet(ledger, records)], locale);
}

/** Import modes: `all` writes nothing when any row is bad; `goodRows` writes the valid rows and reports the rest. */
export const ImportMode = z.enum(['all', 'goodRows']);
export type ImportMode = z.infer<typeof ImportMode>;
export const ImportQuery = z.object({ mode: ImportMode.default('all') });

export const ImportReport = z.object({
  mode: ImportMode,
  /** Data rows read. */
  total: z.number().int(),
  /** Records written. */
  imported: z.number().int(),
  /** Rows not written (bad rows, or every row when `all` met an error). */
  skipped: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Accepts raw .xlsx request bodies in a routes plugin (up to IMPORT_MAX_BYTES). */
export function registerXlsxBody(app: App): void {
  app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );
}

/** Sends a workbook as a download. */
export function sendXlsx(
  reply: { header: (k: string, v: string) => unknown; send: (b: Buffer) => unknown },
  fileName: string,
  buf: Buffer,
) {
  reply.header('content-type', XLSX_MIME);
  reply.header(
    'content-disposition',
    `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}.xlsx`,
  );
  return reply.send(buf);
}

registerMessages('zh-CN', {
  'ledger.noFile': '请上传 .xlsx 文件',
  'ledger.notXlsx': '文件不是有效的 Excel（.xlsx）表格',
  'ledger.tooManyRows': '一次最多导入 {max} 行',
  'ledger.tooManyColumns': '表格最多 {max} 列',
  'ledger.tooManyEntries': '文件内部条目过多（最多 {max} 个），不像是正常的 Excel 表格',
  'ledger.tooLarge': '文件解压后超过 {max} MB，请拆分后分批导入',
  'ledger.fileTooLarge': '文件超过 {max} MB，请拆分后分批导入',
  'ledger.missingColumn': '缺少此列',
  'ledger.dateFormat': '日期格式应为 YYYY-MM-DD',
  'ledger.oneOf': '取值无效，可选：{values}',
  'ledger.notesSheet': '填写说明',
  'ledger.notesColumn': '列',
  'ledger.notesNote': '说明',
  'ledger.errorColumn': '错误',
  'ledger.notesExample': '第 2 行为示例，原样保留时导入会忽略它；请从第 2 行起填写，每行一条记录。',
});
registerMessages('en-US', {
  'ledger.noFile': 'Upload an .xlsx file',
  'ledger.notXlsx': 'The file is not a valid Excel (.xlsx) workbook',
  'ledger.tooManyRows': 'At most {max} rows per import',
  'ledger.tooManyColumns': 'At most {max} columns per sheet',
  'ledger.tooManyEntries': 'The file holds too many parts (at most {max}); it does not look like a normal workbook',
  'ledger.tooLarge': 'The file unpacks to more than {max} MB; split it and import in parts',
  'ledger.fileTooLarge': 'The file is larger than {max} MB; split it and import in parts',
  'ledger.missingColumn': 'This column is missing',
  'ledger.dateFormat': 'Dates must look like YYYY-MM-DD',
  'ledger.oneOf': 'Invalid value; allowed: {values}',
  'ledger.notesSheet': 'Notes',
  'ledger.notesColumn': 'Column',
  'ledger.notesNote': 'Note',
  'ledger.errorColumn': 'Errors',
  'ledger.notesExample': 'Row 2 is an example and is ignored while left unchanged; fill one record per row from row 2.',
});
