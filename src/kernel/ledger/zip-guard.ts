import { inflateRawSync } from 'node:zlib';
import { AppError } from '../http/errors.js';

/**
 * Looks inside an .xlsx (a zip) before any spreadsheet library does: a small reader of the end-of-central-directory
 * record and the central directory, then a bounded inflate of every entry (sizes declared in the directory can
 * lie; `maxOutputLength` cannot be lied to). Refuses zip bombs, too many entries and sheets with too many rows or
 * columns, each with a clear, translated reason (docs/decisions/016-security-hardening.md).
 */
export interface ZipLimits {
  maxCompressedBytes: number;
  maxUncompressedBytes: number;
  maxEntries: number;
  maxRows: number;
  maxColumns: number;
}

export const XLSX_LIMITS: ZipLimits = {
  maxCompressedBytes: 10 * 1024 * 1024,
  maxUncompressedBytes: 32 * 1024 * 1024,
  maxEntries: 200,
  maxRows: 5000 + 20, // the import's row limit, plus header, example and a few empty rows
  maxColumns: 64,
};

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const notXlsx = () => new AppError('validation', 'ledger.notXlsx');

/** The central directory's entries (throws `ledger.notXlsx` when there is none, `ledger.tooLarge` on limits). */
export function zipEntries(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): ZipEntry[] {
  if (buf.length > limits.maxCompressedBytes)
    throw new AppError('validation', 'ledger.fileTooLarge', { max: Math.round(limits.maxCompressedBytes / 1048576) });
  if (buf.length < 22) throw notXlsx();
  // The EOCD record is the last 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw notXlsx(); // zip64: never an import
  if (count > limits.maxEntries) throw new AppError('validation', 'ledger.tooManyEntries', { max: limits.maxEntries });
  if (cdOffset + cdSize > eocd) throw notXlsx();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN) throw notXlsx();
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes)
      throw new AppError('validation', 'ledger.tooLarge', { max: Math.round(limits.maxUncompressedBytes / 1048576) });
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflates one entry, never beyond what may remain of the uncompressed budget. */
function inflateEntry(buf: Buffer, e: ZipEntry, budget: number): Buffer {
  const lo = e.localOffset;
  if (lo + 30 > buf.length || buf.readUInt32LE(lo) !== LOC) throw notXlsx();
  const start = lo + 30 + buf.readUInt16LE(lo + 26) + buf.readUInt16LE(lo + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (data.length !== e.compressedSize) throw notXlsx();
  if (e.method === 0) {
    if (data.length > budget) throw new RangeError('budget');
    return data;
  }
  if (e.method !== 8) throw notXlsx();
  return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Checks an uploaded .xlsx against the limits before it is parsed: compressed size, entry count, real
 * uncompressed size, and each worksheet's rows and columns. Throws a translated `validation` error.
 */
export function checkXlsx(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): void {
  const entries = zipEntries(buf, limits);
  let budget = limits.maxUncompressedBytes;
  for (const e of entries) {
    let out: Buffer;
    try {
      out = inflateEntry(buf, e, budget);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new AppError('validation', 'ledger.tooLarge', { max: Math.round(limits.maxUncompressedBytes / 1048576) });
      throw notXlsx();
    }
    budget -= out.length;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
    const xml = out.toString('utf8');
    let rows = 0;
    const rowTag = /<row[\s>]/g;
    while (rowTag.exec(xml)) {
      if (++rows > limits.maxRows) throw new AppError('validation', 'ledger.tooManyRows', { max: limits.maxRows - 20 });
    }
    let maxCol = 0;
    for (const m of xml.matchAll(/<c\s[^>]*?r="([A-Z]{1,3})\d+"/g)) maxCol = Math.max(maxCol, columnNumber(m[1]!));
    if (maxCol > limits.maxColumns)
      throw new AppError('validation', 'ledger.tooManyColumns', { max: limits.maxColumns });
  }
}
