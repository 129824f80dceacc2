import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data, CRC. */
export function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A truecolour PNG drawn in code (demo photos and tests: no binary files in the repository). */
export function drawPng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A demo "photo" of a problem: sky, a grey wall with a window grid, a pavement, and a red mark where the trouble
 * is; `variant` moves the mark and tints the wall so the demo orders do not all show the same picture.
 */
export function demoPhoto(variant: number, width = 320, height = 240): Buffer {
  const tint = (variant * 37) % 60;
  const mx = 60 + ((variant * 71) % (width - 120));
  const my = 90 + ((variant * 29) % 60);
  return drawPng(width, height, (x, y) => {
    const dx = x - mx;
    const dy = y - my;
    if (dx * dx + dy * dy < 22 * 22 && dx * dx + dy * dy > 16 * 16) return [220, 40, 40];
    if (y < height * 0.3) return [150 + Math.round((y / height) * 100), 200, 245];
    if (y > height * 0.82) return [120 + ((x + y) % 12), 115, 105];
    const win = x % 48 > 10 && x % 48 < 38 && y % 40 > 8 && y % 40 < 30;
    return win ? [70, 110, 150] : [180 - tint, 175 - tint / 2, 165];
  });
}
