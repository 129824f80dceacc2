/** What an upload may be (issue 5 item 6): photos and PDF, told apart by their first bytes, never by the name. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/pdf': 'pdf',
} as const;
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

/** The type of these bytes from their magic numbers, or null when it is not one we accept. */
export function sniffType(b: Uint8Array): AttachmentMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  // ISO base media: [size][ftyp][major brand][minor version][compatible brands...]
  if (b.length >= 16 && ascii(b, 4, 4) === 'ftyp') {
    const boxSize = Math.min(((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!, b.length);
    const brands = [ascii(b, 8, 4)];
    for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(b, i, 4));
    if (brands.some((x) => HEIC_BRANDS.has(x))) return 'image/heic';
    if (brands.some((x) => HEIF_BRANDS.has(x))) return 'image/heif';
  }
  return null;
}

export const isImage = (mime: string) => mime.startsWith('image/');
