/** Time source; tests pass a controllable one to drive timeouts and deadlines. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: `advance(ms)`. */
export function manualClock(start = new Date('2026-01-05T09:00:00+08:00')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}

/** China keeps one offset all year: UTC+8, no daylight saving. Days, months and hours of records are China's. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD) of an instant in China time: what a date column compared with the clock holds. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today (YYYY-MM-DD) in China time, by the app's clock. */
export function chinaToday(clock: Clock): string {
  return chinaDay(clock.now());
}

/** The instant a China calendar day (YYYY-MM-DD) begins: 00:00 at UTC+8. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** `YYYY-MM-DD HH:mm` of an instant in China time (the way dates are written on Chinese forms and ledgers). */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The China-time day (YYYY-MM-DD) and hour (0–23) of an instant. */
export function chinaDayHour(at: Date): { day: string; hour: number } {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { day: local.toISOString().slice(0, 10), hour: local.getUTCHours() };
}

/** A calendar day moved by n days (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
