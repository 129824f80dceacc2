import { api } from '../../../web/api/client';

export type { OrderAttachment } from './types';
import type { OrderAttachment } from './types';

/** What the file pickers offer (the server decides by content; this only filters the picker). */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif';
export const FILE_ACCEPT = `${PHOTO_ACCEPT},application/pdf`;
/** Types a browser shows inline (HEIC is kept and served, but most browsers cannot draw it). */
export const isViewable = (mime: string) => mime === 'image/jpeg' || mime === 'image/png' || mime === 'image/webp';

/** Uploads files to an order in one multipart request; the whole upload is refused if one file is not allowed. */
export async function uploadAttachments(
  orderId: number,
  files: File[],
  stage?: OrderAttachment['stage'],
): Promise<OrderAttachment[]> {
  const form = new FormData();
  if (stage) form.append('stage', stage);
  for (const f of files) form.append('files', f, f.name);
  return (await api.post<{ items: OrderAttachment[] }>(`/api/orders/${orderId}/attachments`, form)).items;
}

/** "1.2 MB" for a file size. */
export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
