import type { AttachmentMime } from './attachments.sniff.js';

/**
 * Photo metadata is dropped before a file is stored: a resident's phone writes the GPS position of the shot (often
 * their home), the time, the device and its owner's name into the picture (issue 5 item 6; docs/decisions/010).
 *
 * - JPEG: APP1 (Exif, XMP), APP12, APP13 (IPTC) and comment segments are dropped; the Exif **orientation** is kept,
 *   as a minimal Exif segment holding that one tag, so portrait photos do not turn sideways. Colour (APP0 JFIF,
 *   APP2 ICC, APP14 Adobe) and the image data are copied byte for byte.
 * - PNG: the eXIf, tEXt, zTXt, iTXt and tIME chunks are dropped.
 * - WebP: the EXIF and XMP chunks are dropped and their flags cleared in VP8X.
 * - HEIC/HEIF and PDF are stored as sent (their metadata lives inside the container's item boxes / objects).
 *
 * A file that does not parse as its type claims is stored as sent: the type was already checked by its first
 * bytes, and refusing a photo a phone produced would lose the report.
 */
export function stripMetadata(mime: AttachmentMime, bytes: Buffer): Buffer {
  try {
    const out =
      mime === 'image/jpeg'
        ? stripJpeg(bytes)
        : mime === 'image/png'
          ? stripPng(bytes)
          : mime === 'image/webp'
            ? stripWebp(bytes)
            : null;
    if (out) return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  } catch {
    // malformed: as sent
  }
  return bytes;
}

class Malformed extends Error {}
const need = (ok: boolean) => {
  if (!ok) throw new Malformed();
};

// ---- JPEG ------------------------------------------------------------------------------------------------------

const DROP_JPEG = new Set([0xe1, 0xec, 0xed, 0xfe]); // APP1 Exif/XMP, APP12, APP13 IPTC, COM

function stripJpeg(b: Uint8Array): Uint8Array {
  need(b[0] === 0xff && b[1] === 0xd8);
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let i = 2;
  for (;;) {
    need(i + 1 < b.length && b[i] === 0xff);
    let marker = b[i + 1]!;
    // Fill bytes (0xFF repeated) may precede a marker.
    while (marker === 0xff) {
      i++;
      need(i + 1 < b.length);
      marker = b[i + 1]!;
    }
    if (marker === 0xd9 || marker === 0xda) {
      // End of image, or start of scan: the entropy-coded data and everything after it are copied as they are.
      if (orientation !== null && orientation !== 1) out.splice(1, 0, exifWithOrientation(orientation));
      out.push(b.subarray(i));
      return concat(out);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    need(i + 3 < b.length);
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    need(len >= 2 && i + 2 + len <= b.length);
    const segment = b.subarray(i, i + 2 + len);
    if (marker === 0xe1 && orientation === null) orientation = exifOrientation(segment.subarray(4));
    if (!DROP_JPEG.has(marker)) out.push(segment);
    i += 2 + len;
  }
}

/** The orientation tag (0x0112) of IFD0 in an APP1 payload starting with "Exif\0\0", or null. */
function exifOrientation(p: Uint8Array): number | null {
  if (p.length < 14 || String.fromCharCode(...p.subarray(0, 4)) !== 'Exif' || p[4] !== 0 || p[5] !== 0) return null;
  const t = new DataView(p.buffer, p.byteOffset + 6, p.length - 6);
  const little = t.getUint16(0) === 0x4949; // "II", else "MM"
  if (!little && t.getUint16(0) !== 0x4d4d) return null;
  const ifd = t.getUint32(4, little);
  if (ifd + 2 > t.byteLength) return null;
  const count = t.getUint16(ifd, little);
  for (let k = 0; k < count && ifd + 2 + k * 12 + 12 <= t.byteLength; k++) {
    const e = ifd + 2 + k * 12;
    if (t.getUint16(e, little) === 0x0112 && t.getUint16(e + 2, little) === 3) {
      const v = t.getUint16(e + 8, little);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** A minimal APP1 Exif segment: big-endian TIFF, IFD0 with the orientation tag alone. */
function exifWithOrientation(orientation: number): Uint8Array {
  const payload = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // "MM", 42, IFD0 at 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, orientation, 0, 0], // orientation, SHORT, count 1, value
    ...[0, 0, 0, 0], // no next IFD
  ];
  const len = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, len >> 8, len & 0xff, ...payload]);
}

// ---- PNG -------------------------------------------------------------------------------------------------------

const DROP_PNG = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(b: Uint8Array): Uint8Array {
  need(b.length >= 8);
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i < b.length) {
    need(i + 8 <= b.length);
    const len = ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    const end = i + 12 + len;
    need(end <= b.length);
    if (!DROP_PNG.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(out);
}

// ---- WebP ------------------------------------------------------------------------------------------------------

function stripWebp(b: Uint8Array): Uint8Array {
  need(b.length >= 12);
  const chunks: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = String.fromCharCode(...b.subarray(i, i + 4));
    const len = (b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16)) + b[i + 7]! * 2 ** 24;
    const end = i + 8 + len + (len % 2); // chunks are padded to an even size
    need(end <= b.length || (end === b.length + 1 && len % 2 === 1));
    const chunk = b.slice(i, Math.min(end, b.length));
    if (type === 'VP8X' && chunk.length >= 9) chunk[8] = chunk[8]! & ~(0x08 | 0x04); // EXIF and XMP flags
    if (type !== 'EXIF' && type !== 'XMP ') chunks.push(chunk);
    i = end;
  }
  const body = concat(chunks);
  const header = Uint8Array.from(b.subarray(0, 12));
  const size = body.length + 4;
  header[4] = size & 0xff;
  header[5] = (size >> 8) & 0xff;
  header[6] = (size >> 16) & 0xff;
  header[7] = (size >>> 24) & 0xff;
  return concat([header, body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
