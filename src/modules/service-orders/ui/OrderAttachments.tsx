import { FilePdfOutlined, FileImageOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Image, Select, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import {
  FILE_ACCEPT,
  formatSize,
  isViewable,
  PHOTO_ACCEPT,
  uploadAttachments,
  type OrderAttachment,
} from './attachments';
import { errorText } from '../../../web/components/formErrors';

type Stage = OrderAttachment['stage'];
const STAGES: Stage[] = ['report', 'resolve', 'other'];
const STAGE_COLOR: Record<Stage, string> = { report: 'blue', resolve: 'green', other: 'default' };
const WORKING = ['accepted', 'inProgress', 'resolved'];

interface OrderLike {
  id: number;
  status: string;
  reporter: { id: number } | null;
  attachments?: OrderAttachment[];
}

/**
 * 照片和附件 of an order (issue 5 item 6), for the console's order page: photos as thumbnails in one preview group,
 * other files (PDF, HEIC) as links, and an upload for those who may add (the server decides; this only offers).
 */
export function OrderAttachments({ order, onChanged }: { order: OrderLike; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [stage, setStage] = useState<Stage>(WORKING.includes(order.status) ? 'resolve' : 'other');
  const [busy, setBusy] = useState(false);
  const all = order.attachments ?? [];
  const photos = all.filter((a) => isViewable(a.mime));
  const files = all.filter((a) => !isViewable(a.mime));
  const may = useCan();
  const mayUpload = order.reporter?.id === me?.id || may('order.handle') || may('order.dispatch');
  const caption = (a: OrderAttachment) =>
    t('orders.attachments.by', { name: a.uploader?.name ?? '—', at: formatDateTime(a.createdAt) });

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await uploadAttachments(order.id, [file], stage);
      message.success(t('orders.attachments.uploaded', { name: file.name }));
      onChanged();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('orders.attachments.title')}
      style={{ marginTop: 16 }}
      data-testid="order-attachments"
      extra={
        mayUpload && (
          <Space size="small" wrap>
            <Select<Stage>
              size="small"
              value={stage}
              onChange={setStage}
              style={{ width: 112 }}
              aria-label={t('orders.attachments.stage')}
              options={STAGES.map((s) => ({ value: s, label: t(`orders.attachments.stages.${s}`) }))}
            />
            <Upload
              accept={FILE_ACCEPT}
              showUploadList={false}
              multiple
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="order-attachments-upload">
                {t('orders.attachments.upload')}
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      {!all.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.attachments.empty')} />}
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space size={12} wrap align="start">
            {photos.map((a) => (
              <div key={a.id} style={{ width: 120 }} data-testid="order-attachment-photo">
                <Image
                  src={a.url}
                  alt={a.name}
                  width={120}
                  height={96}
                  style={{ objectFit: 'cover', borderRadius: 6 }}
                />
                <div style={{ fontSize: 12, lineHeight: 1.5, marginTop: 4 }}>
                  <Tag color={STAGE_COLOR[a.stage]} style={{ marginInlineEnd: 4 }}>
                    {t(`orders.attachments.stages.${a.stage}`)}
                  </Tag>
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                    ellipsis={{ tooltip: `${a.name} · ${caption(a)}` }}
                  >
                    {a.uploader?.name ?? ''}
                  </Typography.Text>
                </div>
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {files.length > 0 && (
        <div style={{ marginTop: photos.length ? 12 : 0 }}>
          {files.map((a) => (
            <div key={a.id} style={{ padding: '4px 0' }} data-testid="order-attachment-file">
              {a.mime === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}{' '}
              <a href={a.url} target="_blank" rel="noreferrer">
                {a.name}
              </a>{' '}
              <Typography.Text type="secondary">
                {formatSize(a.size)} · {caption(a)}
              </Typography.Text>{' '}
              <Tag color={STAGE_COLOR[a.stage]}>{t(`orders.attachments.stages.${a.stage}`)}</Tag>{' '}
              <a href={`${a.url}?download=1`}>{t('orders.attachments.download')}</a>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** The resolve form's optional photos: picked files are kept in the form and sent by `uploadPicked` (stage 'resolve'). */
export function ResolvePhotosField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="photos"
      label={t('orders.attachments.resolvePhotos')}
      extra={t('orders.attachments.resolvePhotosHelp')}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
    >
      <Upload
        listType="picture-card"
        accept={PHOTO_ACCEPT}
        multiple
        maxCount={6}
        beforeUpload={() => false}
        data-testid="order-resolve-photos"
      >
        <div>
          <UploadOutlined />
          <div style={{ marginTop: 4 }}>{t('orders.attachments.pick')}</div>
        </div>
      </Upload>
    </Form.Item>
  );
}

/** Uploads the files picked in a form's Upload (nothing when none were picked). */
export async function uploadPicked(orderId: number, picked: UploadFile[] | undefined, stage: Stage): Promise<void> {
  const files = (picked ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
  if (files.length) await uploadAttachments(orderId, files, stage);
}
