import { useQueryClient } from '@tanstack/react-query';
import { Card, Image, ImageUploader, ImageViewer, Toast, type ImageUploadItem } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import type { OrderDetail } from '../../../web/mobile/types';
import { formatSize, isViewable, PHOTO_ACCEPT, uploadAttachments, type OrderAttachment } from './attachments';
import { errorText } from '../../../web/components/formErrors';

const FINISHED = ['resolved', 'rated', 'closed', 'merged'];
/** Photos per order the resident pages offer to add at once (the server takes up to 9 per request). */
export const MAX_PHOTOS = 6;

/** The resident page's photos of an order: thumbnails (tap to view them full size), files as links; the reporter adds more. */
export function MobileOrderPhotos({ order, meId }: { order: OrderDetail; meId: number | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const all = order.attachments ?? [];
  const photos = all.filter((a) => isViewable(a.mime));
  const files = all.filter((a) => !isViewable(a.mime));
  const mayAdd = order.reporter?.id === meId && !FINISHED.includes(order.status);
  if (!all.length && !mayAdd) return null;

  const show = (a: OrderAttachment) =>
    ImageViewer.Multi.show({ images: photos.map((p) => p.url), defaultIndex: photos.indexOf(a) });
  const upload = async (file: File): Promise<ImageUploadItem> => {
    try {
      const [saved] = await uploadAttachments(order.id, [file], 'report');
      await qc.invalidateQueries({ queryKey: ['m', 'orders'] });
      Toast.show({ icon: 'success', content: t('mobile.order.photosAdded') });
      return { key: saved!.id, url: saved!.url };
    } catch (e) {
      Toast.show({ content: errorText(e) });
      throw e;
    }
  };

  return (
    <Card
      className="gzm-section"
      title={<span style={{ fontSize: 18 }}>{t('mobile.order.photos')}</span>}
      data-testid="m-order-photos"
    >
      {photos.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {photos.map((a) => (
            <div key={a.id} style={{ width: 96 }}>
              <Image
                src={a.url}
                width={96}
                height={96}
                fit="cover"
                lazy
                style={{ borderRadius: 6 }}
                onClick={() => show(a)}
                alt={a.name}
                data-testid="m-order-photo"
              />
              <div className="gzm-muted" style={{ fontSize: 13, textAlign: 'center' }}>
                {t(`mobile.order.photoStages.${a.stage}`)}
              </div>
            </div>
          ))}
        </div>
      )}
      {files.length > 0 && (
        <div style={{ marginTop: 10 }}>
          <div className="gzm-muted">{t('mobile.order.files')}</div>
          {files.map((a) => (
            <div key={a.id} style={{ padding: '6px 0' }}>
              <a href={a.url} target="_blank" rel="noreferrer">
                📄 {a.name}
              </a>{' '}
              <span className="gzm-muted">{formatSize(a.size)}</span>
            </div>
          ))}
        </div>
      )}
      {mayAdd && (
        <div style={{ marginTop: photos.length ? 12 : 0 }}>
          <div className="gzm-muted" style={{ marginBottom: 6 }}>
            {t('mobile.order.addPhotos')}
          </div>
          <ImageUploader
            value={[]}
            upload={upload}
            accept={PHOTO_ACCEPT}
            multiple
            maxCount={MAX_PHOTOS}
            data-testid="m-order-add-photos"
          />
        </div>
      )}
    </Card>
  );
}
