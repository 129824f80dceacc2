import { describe, expect, it } from 'vitest';
import { addDays, chinaDateTime, chinaDay, chinaDayHour, chinaDayStart, chinaToday, manualClock } from './clock.js';

/** The China day (UTC+8, no daylight saving) that every module's date columns and periods are counted in. */
describe('China time', () => {
  it('turns the day at 16:00 UTC, not at midnight UTC', () => {
    expect(chinaDay(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(chinaDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(chinaDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('reads today from the app clock', () => {
    const clock = manualClock(new Date('2026-06-30T23:30:00+08:00'));
    expect(chinaToday(clock)).toBe('2026-06-30');
    clock.advance(30 * 60_000);
    expect(chinaToday(clock)).toBe('2026-07-01');
  });

  it('starts a day at 00:00+08:00, and a day start lies in that day', () => {
    expect(chinaDayStart('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(chinaDay(chinaDayStart('2028-02-29'))).toBe('2028-02-29');
    expect(chinaDay(new Date(chinaDayStart('2028-02-29').getTime() - 1))).toBe('2028-02-28');
  });

  it('writes date and time, and gives the day and hour, as read in China', () => {
    const at = new Date('2026-03-01T17:05:09Z');
    expect(chinaDateTime(at)).toBe('2026-03-02 01:05');
    expect(chinaDayHour(at)).toEqual({ day: '2026-03-02', hour: 1 });
    expect(chinaDayHour(new Date('2026-03-01T15:00:00Z'))).toEqual({ day: '2026-03-01', hour: 23 });
  });

  it('moves a calendar day across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
  });
});
