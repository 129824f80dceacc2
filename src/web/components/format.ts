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
