import { api } from '../../../web/api/client';

/** A photo or file on an order, as the API answers it (contract.ts Attachment). */
export interface OrderAttachment {
  id: number;
  orderId: number;
  eventId: number | null;
  stage: 'report' | 'resolve' | 'other';
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploader: { id: number; name: string } | null;
  createdAt: string;
  url: string;
}

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
