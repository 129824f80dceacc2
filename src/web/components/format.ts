import dayjs from 'dayjs';
import { currentLocale } from '../i18n';

/** Date and time as read in China: 2025-03-01 14:05:09 (local time of the browser). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD') : value;
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/**
 * Today's date in China (YYYY-MM-DD), whatever the browser's time zone: the server dates records by the China day,
 * so a form's default date must be that day too (a browser on UTC would default to yesterday before 08:00).
 */
export const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A calendar day (YYYY-MM-DD) moved by n days, whatever the browser's time zone. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
