import { describe, expect, it } from 'vitest';
import { stripMetadata } from './attachments.metadata.js';
import { chunk, demoPhoto } from './attachments.png.js';

/** Photo metadata (GPS, time, device, owner) is dropped before storage; the picture and its orientation are kept. */
const seg = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);

/** An Exif APP1 payload, little-endian, IFD0: orientation, a GPS IFD pointer; then "GPS" text where a GPS IFD would be. */
function exifPayload(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 16);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(2, 8);
  tiff.writeUInt16LE(0x0112, 10); // orientation
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt16LE(0x8825, 22); // GPS IFD pointer
  tiff.writeUInt16LE(4, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt32LE(38, 30);
  tiff.writeUInt32LE(0, 34);
  tiff.write('GPS 36.6171N 101', 38, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

const SOI = Buffer.from([0xff, 0xd8]);
const JFIF = seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
const ICC = seg(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01colour', 'latin1'));
const XMP = seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>张三的手机</x:xmpmeta>', 'utf8'));
const COMMENT = seg(0xfe, Buffer.from('owner 张三', 'utf8'));
const DQT = seg(0xdb, Buffer.alloc(65, 1));
const SCAN = Buffer.concat([
  seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd9]),
]);

function jpeg(orientation: number) {
  return Buffer.concat([SOI, JFIF, seg(0xe1, exifPayload(orientation)), XMP, ICC, COMMENT, DQT, SCAN]);
}

describe('stripMetadata', () => {
  it('JPEG: drops Exif (with GPS), XMP and comments, keeps colour and image data, and the orientation as a minimal Exif', () => {
    const out = stripMetadata('image/jpeg', jpeg(6));
    const minimalExif = Buffer.from([
      0xff,
      0xe1,
      0,
      34,
      ...Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0', 'latin1'),
    ]);
    expect(out.equals(Buffer.concat([SOI, minimalExif, JFIF, ICC, DQT, SCAN]))).toBe(true);
    expect(out.includes(Buffer.from('GPS'))).toBe(false);
    expect(out.includes(Buffer.from('张三'))).toBe(false);
  });

  it('JPEG: with the normal orientation (or none) no Exif is written at all', () => {
    expect(stripMetadata('image/jpeg', jpeg(1)).equals(Buffer.concat([SOI, JFIF, ICC, DQT, SCAN]))).toBe(true);
    const noExif = Buffer.concat([SOI, JFIF, DQT, SCAN]);
    expect(stripMetadata('image/jpeg', noExif).equals(noExif)).toBe(true);
  });

  it('JPEG that does not parse is kept as sent (its type was checked by its first bytes)', () => {
    const truncated = jpeg(6).subarray(0, 30);
    expect(stripMetadata('image/jpeg', truncated)).toBe(truncated);
  });

  it('PNG: drops eXIf and text chunks, keeps the picture', () => {
    const clean = demoPhoto(2);
    const iend = clean.length - 12;
    const tagged = Buffer.concat([
      clean.subarray(0, 33),
      chunk('tEXt', Buffer.from('Author\0张三', 'utf8')),
      chunk('eXIf', exifPayload(6).subarray(6)),
      clean.subarray(33, iend),
      chunk('iTXt', Buffer.from('GPS\0\0\0\0\0x', 'latin1')),
      clean.subarray(iend),
    ]);
    expect(stripMetadata('image/png', tagged).equals(clean)).toBe(true);
  });

  it('WebP: drops the EXIF and XMP chunks, clears their flags and fixes the RIFF size', () => {
    const riffChunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = (flags: number) => riffChunk('VP8X', Buffer.from([flags, 0, 0, 0, 9, 0, 0, 9, 0, 0]));
    const image = riffChunk('VP8 ', Buffer.from('not really vp8 data', 'latin1'));
    const riff = (chunks: Buffer[]) => {
      const body = Buffer.concat(chunks);
      const head = Buffer.alloc(12);
      head.write('RIFF', 0, 'latin1');
      head.writeUInt32LE(body.length + 4, 4);
      head.write('WEBP', 8, 'latin1');
      return Buffer.concat([head, body]);
    };
    const tagged = riff([
      vp8x(0x08 | 0x04 | 0x10),
      image,
      riffChunk('EXIF', exifPayload(6).subarray(6, 27)),
      riffChunk('XMP ', Buffer.from('<x>张三</x>', 'utf8')),
    ]);
    expect(stripMetadata('image/webp', tagged).equals(riff([vp8x(0x10), image]))).toBe(true);
  });

  it('HEIC and PDF are stored as sent', () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    expect(stripMetadata('application/pdf', pdf)).toBe(pdf);
  });
});
