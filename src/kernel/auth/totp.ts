import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('invalid base32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export const newTotpSecret = () => base32Encode(randomBytes(20));

/** RFC 6238 code (HMAC-SHA1, 30 s steps, 6 digits) for the given time. */
export function totpCode(secret: string, at: Date, step = 0): string {
  const counter = Math.floor(at.getTime() / 1000 / 30) + step;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1]! & 15;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(bin).padStart(6, '0');
}

/** The 30-second step a code belongs to, if it is the current step's or one either side (clock drift). */
export function totpStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = Math.floor(at.getTime() / 1000 / 30);
  for (const s of [-1, 0, 1]) {
    if (timingSafeEqual(Buffer.from(totpCode(secret, at, s)), Buffer.from(code))) return now + s;
  }
  return null;
}

/** Accepts the code of the current step or one step either side (clock drift). */
export function verifyTotp(secret: string, code: string, at: Date): boolean {
  return totpStep(secret, code, at) !== null;
}

/** A code is good once: its step must come after the last step accepted for the account. */
export function freshTotpStep(secret: string, code: string, at: Date, lastStep: number | null): number | null {
  const step = totpStep(secret, code, at);
  return step !== null && (lastStep === null || step > lastStep) ? step : null;
}

export function otpauthUrl(secret: string, username: string): string {
  const label = encodeURIComponent(`Gongzhi:${username}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=Gongzhi&algorithm=SHA1&digits=6&period=30`;
}
