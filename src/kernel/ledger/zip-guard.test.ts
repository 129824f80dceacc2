import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { checkXlsx, XLSX_LIMITS } from './zip-guard.js';

/** A minimal zip writer: deflated entries, local headers, central directory, end record. */
function zip(files: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const cen: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const comp = deflateRawSync(f.data);
    const name = Buffer.from(f.name);
    const size = f.declaredSize ?? f.data.length;
    const crc = crc32(f.data);
    const loc = Buffer.alloc(30);
    loc.writeUInt32LE(0x04034b50, 0);
    loc.writeUInt16LE(20, 4);
    loc.writeUInt16LE(8, 8);
    loc.writeUInt32LE(crc, 14);
    loc.writeUInt32LE(comp.length, 18);
    loc.writeUInt32LE(size, 22);
    loc.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(comp.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(loc, name, comp);
    cen.push(c, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(cen);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function reason(f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e.reason;
    throw e;
  }
  return undefined;
}

describe('xlsx limits before parsing (issue 18, point 5)', () => {
  it('accepts a workbook written by exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    for (let i = 0; i < 50; i++) ws.addRow(['名字', i, '2020-01-01']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(reason(() => checkXlsx(buf))).toBeUndefined();
  });

  it('refuses a zip bomb by its declared size', () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(reason(() => checkXlsx(bomb))).toBe('ledger.tooLarge');
  });

  it('refuses a zip bomb that lies about its size (the inflate is bounded)', () => {
    const bomb = zip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x20), declaredSize: 10 }]);
    expect(reason(() => checkXlsx(bomb))).toBe('ledger.tooLarge');
  });

  it('refuses too many entries, too many rows, too many columns, and files that are not zips', () => {
    const many = zip(
      Array.from({ length: XLSX_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })),
    );
    expect(reason(() => checkXlsx(many))).toBe('ledger.tooManyEntries');
    const rows = '<row r="1"></row>'.repeat(XLSX_LIMITS.maxRows + 1);
    expect(reason(() => checkXlsx(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(rows) }])))).toBe(
      'ledger.tooManyRows',
    );
    const wide = '<row r="1"><c r="ZZ1"><v>1</v></c></row>';
    expect(reason(() => checkXlsx(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(wide) }])))).toBe(
      'ledger.tooManyColumns',
    );
    expect(reason(() => checkXlsx(Buffer.from('not a zip at all, not at all')))).toBe('ledger.notXlsx');
    expect(reason(() => checkXlsx(Buffer.alloc(XLSX_LIMITS.maxCompressedBytes + 1)))).toBe('ledger.fileTooLarge');
  });
});
