import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readCookie } from '../../../web/api/client';

/** The lists imported from their ledger (decision 058): `POST /api/co-building/<list>/import.xlsx`. */
export type CoImportList = 'needs' | 'resources' | 'projects' | 'agreements';
export const CO_IMPORT_LISTS: readonly string[] = ['needs', 'resources', 'projects', 'agreements'];

/** The server's answer (LedgerImportReport in ledgers.contract.ts). */
export interface CoImportReport {
  list: CoImportList;
  mode: 'all' | 'goodRows';
  dryRun: boolean;
  total: number;
  created: number;
  existing: number;
  existingRows: number[];
  failed: number;
  saved: boolean;
  errors: { row: number; column: string; message: string }[];
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function csrf(): Promise<string> {
  const have = readCookie('gz_csrf');
  if (have) return have;
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}
async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
  return new Error(typeof body?.message === 'string' ? body.message : `${res.status}`);
}
async function post(list: CoImportList, query: string, file: File): Promise<Response> {
  const res = await fetch(`/api/co-building/${list}/import.xlsx?${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': XLSX_MIME, 'x-csrf-token': await csrf() },
    body: file,
  });
  if (!res.ok) throw await failure(res);
  return res;
}
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * 导入 beside 导出 (decision 058): the blank template; a file is first checked (a dry run through the real create:
 * what would be created, rows already recorded, every row's errors, and the sheet back with an 错误 column), and only
 * a clean check can be confirmed — all or nothing, as the server does it.
 */
export function LedgerImportButton({ list }: { list: CoImportList }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [report, setReport] = useState<CoImportReport | null>(null);
  const title = t(`coLedger.${list}`);
  const close = () => {
    setOpen(false);
    setFile(null);
    setReport(null);
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    try {
      const r = (await (await post(list, dryRun ? 'dryRun=1' : '', file)).json()) as CoImportReport;
      setReport(r);
      if (!dryRun && r.saved) {
        message.success(t('coLedger.import.done', { created: r.created, existing: r.existing }));
        await qc.invalidateQueries({ queryKey: ['coBuilding'] });
        close();
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('error.unknown'));
    } finally {
      setBusy(null);
    }
  };
  const errorsFile = async () => {
    if (!file) return;
    try {
      const res = await post(list, 'format=xlsx', file);
      save(await res.blob(), `${title}-${t('coLedger.import.errorsFile')}.xlsx`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : t('error.unknown'));
    }
  };
  const template = async () => {
    const res = await fetch(`/api/co-building/${list}/template.xlsx`, { credentials: 'same-origin' });
    if (!res.ok) return message.error((await failure(res)).message);
    save(await res.blob(), `${title}-${t('coLedger.import.template')}.xlsx`);
  };
  const clean = report !== null && report.errors.length === 0;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid={`co-import-${list}`}>
        {t('coLedger.import.button')}
      </Button>
      <Modal
        open={open}
        title={t('coLedger.import.title', { title })}
        width={800}
        onCancel={close}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              disabled={!file}
              loading={busy === 'check'}
              onClick={() => void run(true)}
              data-testid="co-import-check"
            >
              {t('coLedger.import.check')}
            </Button>
            <Button
              type="primary"
              disabled={!clean || report.created === 0}
              loading={busy === 'import'}
              onClick={() => void run(false)}
              data-testid="co-import-confirm"
            >
              {clean && report.created > 0
                ? t('coLedger.import.confirm', { count: report.created })
                : t('coLedger.import.confirmIdle')}
            </Button>
          </Space>
        }
      >
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('coLedger.import.help')}{' '}
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              onClick={() => void template()}
              data-testid="co-import-template"
            >
              {t('coLedger.import.downloadTemplate')}
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
            onRemove={() => {
              setFile(null);
              setReport(null);
            }}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('coLedger.import.drop')}</p>
          </Upload.Dragger>
          {report && (
            <div data-testid="co-import-preview">
              <Alert
                type={clean ? (report.created > 0 ? 'success' : 'info') : 'error'}
                showIcon
                title={t(clean ? 'coLedger.import.previewClean' : 'coLedger.import.previewErrors', {
                  total: report.total,
                  created: report.created,
                  existing: report.existing,
                  failed: report.failed,
                })}
                description={clean ? undefined : t('coLedger.import.allOrNothing')}
                action={
                  clean ? undefined : (
                    <Button size="small" icon={<DownloadOutlined />} onClick={() => void errorsFile()}>
                      {t('coLedger.import.downloadErrors')}
                    </Button>
                  )
                }
              />
              {report.errors.length > 0 && (
                <Table
                  style={{ marginTop: 12 }}
                  size="small"
                  rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                  dataSource={report.errors}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  data-testid="co-import-errors"
                  columns={[
                    { title: t('coLedger.import.row'), dataIndex: 'row', width: 80 },
                    { title: t('coLedger.import.column'), dataIndex: 'column', width: 160 },
                    { title: t('coLedger.import.reason'), dataIndex: 'message' },
                  ]}
                />
              )}
            </div>
          )}
        </Space>
      </Modal>
    </>
  );
}
