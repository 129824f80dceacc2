import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, readCookie } from '../../../web/api/client';
import { i18n } from '../../../web/i18n';
import type { ImportReport } from './types';

/**
 * Console side of the Excel ledgers (src/kernel/ledger): downloads (.xlsx, with the session cookie) and
 * raw-body uploads. Shared by the people and party-members pages; a candidate for src/web/components.
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function query(params: Record<string, string | number | boolean | undefined | null>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function failure(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const message =
    body && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
      ? body.message
      : `${res.status}`;
  const code = body && typeof body === 'object' && 'code' in body && typeof body.code === 'string' ? body.code : 'http';
  return new ApiError(res.status, code, message);
}

/** Downloads a file from the API under the given name. */
export async function download(
  path: string,
  params: Record<string, string | number | boolean | undefined | null>,
  fileName: string,
) {
  const res = await fetch(`${path}${query(params)}`, { credentials: 'same-origin' });
  if (!res.ok) throw await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function csrf(): Promise<string> {
  const have = readCookie('gz_csrf');
  if (have) return have;
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  const body = (await res.json()) as { csrfToken: string };
  return body.csrfToken;
}

/** Uploads an .xlsx as the raw request body and returns the import report. */
export async function uploadXlsx(path: string, mode: 'all' | 'goodRows', file: File): Promise<ImportReport> {
  const res = await fetch(`${path}?mode=${mode}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': XLSX_MIME, 'x-csrf-token': await csrf(), accept: 'application/json' },
    body: file,
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as ImportReport;
}

/** 导出 button: the current list filters, the same scope and masking as the list. */
export function ExportButton({
  path,
  params,
  fileName,
  testId,
}: {
  path: string;
  params: Record<string, string | number | boolean | undefined | null>;
  fileName: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid={testId}
      onClick={() => {
        setBusy(true);
        download(path, params, fileName)
          .catch((e: unknown) => message.error(e instanceof Error ? e.message : i18n.t('error.unknown')))
          .finally(() => setBusy(false));
      }}
    >
      {t('people.ledger.export')}
    </Button>
  );
}

/** 导入 dialog: template download, file choice, mode (all or nothing / good rows), and the per-row error table. */
export function ImportButton({
  base,
  title,
  onDone,
  testId,
}: {
  base: string;
  title: string;
  onDone: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all' | 'goodRows'>('all');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const close = () => {
    setOpen(false);
    setFile(null);
    setReport(null);
  };
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await uploadXlsx(`${base}/import`, mode, file);
      setReport(r);
      if (r.imported > 0) {
        message.success(t('people.ledger.imported', { count: r.imported }));
        onDone();
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('error.unknown'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid={testId}>
        {t('people.ledger.import')}
      </Button>
      <Modal
        open={open}
        title={title}
        width={760}
        onCancel={close}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              disabled={!file}
              loading={busy}
              onClick={() => void submit()}
              data-testid="import-submit"
            >
              {t('people.ledger.start')}
            </Button>
          </Space>
        }
      >
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('people.ledger.help')}{' '}
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => void download(`${base}/template.xlsx`, {}, `${title}-${t('people.ledger.template')}.xlsx`)}
              data-testid="import-template"
            >
              {t('people.ledger.downloadTemplate')}
            </Button>
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setReport(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('people.ledger.drop')}</p>
          </Upload.Dragger>
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value as 'all' | 'goodRows')}
            data-testid="import-mode"
          >
            <Space direction="vertical">
              <Radio value="all">{t('people.ledger.modeAll')}</Radio>
              <Radio value="goodRows">{t('people.ledger.modeGoodRows')}</Radio>
            </Space>
          </Radio.Group>
          {report && (
            <>
              <Alert
                type={report.errors.length === 0 ? 'success' : report.imported > 0 ? 'warning' : 'error'}
                showIcon
                title={t('people.ledger.report', {
                  total: report.total,
                  imported: report.imported,
                  skipped: report.skipped,
                })}
                description={
                  report.errors.length > 0 && report.mode === 'all' ? t('people.ledger.nothingWritten') : undefined
                }
              />
              {report.errors.length > 0 && (
                <Table
                  size="small"
                  rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                  dataSource={report.errors}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  data-testid="import-errors"
                  columns={[
                    { title: t('people.ledger.row'), dataIndex: 'row', width: 80 },
                    { title: t('people.ledger.column'), dataIndex: 'column', width: 200 },
                    { title: t('people.ledger.reason'), dataIndex: 'message' },
                  ]}
                />
              )}
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}
