import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  InputNumber,
  Modal,
  QRCode,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { STATUS_COLORS, type Activity, type Signup } from './types';

/** The QR code a volunteer scans to check in or out: a signed token for one shift, refreshed before it expires. */
function QrModal({
  activityId,
  shiftId,
  direction,
  onClose,
}: {
  activityId: number;
  shiftId: number;
  direction: 'in' | 'out';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['volunteering', 'qr', activityId, shiftId, direction],
    queryFn: () =>
      api.get<{ token: string; url: string; expiresAt: string }>(`/api/volunteering/activities/${activityId}/qr`, {
        shiftId,
        direction,
      }),
    refetchInterval: 5 * 60_000,
  });
  return (
    <Modal
      open
      footer={null}
      onCancel={onClose}
      title={t(direction === 'in' ? 'volunteering.qrIn' : 'volunteering.qrOut')}
    >
      {q.data && (
        <div style={{ textAlign: 'center' }} data-testid="vol-qr">
          <QRCode value={`${window.location.origin}${q.data.url}`} size={220} style={{ margin: '0 auto' }} />
          <p style={{ marginTop: 12 }}>{t('volunteering.qrHelp')}</p>
          <Input readOnly value={`${window.location.origin}${q.data.url}`} data-testid="vol-qr-url" />
        </div>
      )}
    </Modal>
  );
}

/** An activity: shifts with QR codes, sign-ups, and the organiser's confirmation of hours (谁组织谁记录). */
export default function ActivityPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [qr, setQr] = useState<{ shiftId: number; direction: 'in' | 'out' } | null>(null);
  const q = useQuery({
    queryKey: ['volunteering', 'activity', id],
    queryFn: () => api.get<Activity>(`/api/volunteering/activities/${id}`),
  });
  const a = q.data;
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['volunteering'] }),
    onError: (e) => void message.error(isApiError(e) ? e.message : String(e)),
  });
  if (!a) return <PageSpin />;
  const organiser = a.isOrganiser && can('volunteering.manage');
  const confirm = (s: Signup) => {
    let minutes: number | null = s.spanMinutes;
    modal.confirm({
      title: `${t('volunteering.confirm')} · ${s.name}`,
      content: (
        <div>
          <p>{t('volunteering.minutes')}</p>
          <InputNumber
            min={1}
            max={1440}
            defaultValue={s.spanMinutes ?? undefined}
            onChange={(v) => (minutes = v)}
            data-testid="vol-minutes"
          />
        </div>
      ),
      onOk: () =>
        run.mutateAsync(() => api.post(`/api/volunteering/signups/${s.id}/confirm`, minutes ? { minutes } : {})),
    });
  };
  const reject = (s: Signup) => {
    let note = '';
    modal.confirm({
      title: `${t('volunteering.reject')} · ${s.name}`,
      content: <Input placeholder={t('volunteering.rejectNote')} onChange={(e) => (note = e.target.value)} />,
      onOk: () => run.mutateAsync(() => api.post(`/api/volunteering/signups/${s.id}/reject`, { note })),
    });
  };
  const shiftLabel = (sid: number) => a.shifts.find((s) => s.id === sid)?.label ?? '';
  const columns: TableColumnsType<Signup> = [
    { title: t('volunteering.field.name'), dataIndex: 'name', width: 140 },
    { title: t('volunteering.field.shift'), key: 'shift', width: 90, render: (_, s) => shiftLabel(s.shiftId) },
    {
      title: t('volunteering.field.status'),
      dataIndex: 'status',
      width: 110,
      render: (v: string) => <Tag color={STATUS_COLORS[v]}>{t(`volunteering.signupStatus.${v}`)}</Tag>,
    },
    {
      title: t('volunteering.field.checkIn'),
      key: 'in',
      width: 170,
      render: (_, s) =>
        s.checkInAt ? `${formatDateTime(s.checkInAt)} · ${t(`volunteering.method.${s.checkInMethod}`)}` : '—',
    },
    {
      title: t('volunteering.field.checkOut'),
      key: 'out',
      width: 170,
      render: (_, s) =>
        s.checkOutAt ? `${formatDateTime(s.checkOutAt)} · ${t(`volunteering.method.${s.checkOutMethod}`)}` : '—',
    },
    {
      title: t('volunteering.field.span'),
      dataIndex: 'spanMinutes',
      width: 90,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : `${v}′`),
    },
    {
      title: t('volunteering.field.confirmed'),
      dataIndex: 'confirmedMinutes',
      width: 90,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : `${v}′`),
    },
    { title: t('volunteering.field.credit'), dataIndex: 'creditCommunity', width: 140 },
    {
      title: t('volunteering.field.report'),
      dataIndex: 'reportBranch',
      width: 140,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('volunteering.field.note'), dataIndex: 'note', width: 160 },
    {
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, s) =>
        organiser && (
          <Space>
            {s.status === 'checkedOut' && (
              <Button size="small" type="primary" onClick={() => confirm(s)} data-testid={`vol-confirm-${s.id}`}>
                {t('volunteering.confirm')}
              </Button>
            )}
            {['signedUp', 'checkedIn', 'checkedOut'].includes(s.status) && (
              <Button size="small" danger onClick={() => reject(s)}>
                {t('volunteering.reject')}
              </Button>
            )}
          </Space>
        ),
    },
  ];
  const move = (m: 'close' | 'cancel' | 'reopen') =>
    run.mutate(() => api.post(`/api/volunteering/activities/${id}/move`, { move: m }));
  return (
    <div data-testid="vol-activity-page">
      <PageTitle
        title={a.title}
        extra={
          organiser && (
            <Space>
              {a.status === 'open' && <Button onClick={() => move('close')}>{t('volunteering.close')}</Button>}
              {a.status === 'open' && (
                <Button danger onClick={() => move('cancel')}>
                  {t('volunteering.cancel')}
                </Button>
              )}
              {a.status === 'closed' && <Button onClick={() => move('reopen')}>{t('volunteering.reopen')}</Button>}
            </Space>
          )
        }
      />
      {!a.isOrganiser && (
        <Alert type="info" showIcon message={t('volunteering.notOrganiser')} style={{ marginBottom: 16 }} />
      )}
      <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('volunteering.field.kind')}>{t(`volunteering.kind.${a.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.status')}>
          <Tag color={STATUS_COLORS[a.status]}>{t(`volunteering.status.${a.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.territory')}>{a.territory.name}</Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.place')}>
          {a.place}
          {a.lng !== null && ` (${a.lng.toFixed(4)}, ${a.lat?.toFixed(4)}) · ${a.radiusM} m`}
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.team')}>{a.team?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.organisers')}>
          {a.organisers.map((o) => o.name).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.hours')}>{a.confirmedHours}</Descriptions.Item>
        <Descriptions.Item label={t('volunteering.field.description')} span={2}>
          {a.description}
        </Descriptions.Item>
      </Descriptions>
      <Card title={t('volunteering.field.shifts')} size="small" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={a.shifts}
          columns={[
            { title: t('volunteering.field.label'), dataIndex: 'label' },
            {
              title: t('volunteering.field.range'),
              key: 'r',
              render: (_, s) => `${formatDateTime(s.startsAt)} – ${formatDateTime(s.endsAt)}`,
            },
            { title: t('volunteering.field.places'), key: 'p', render: (_, s) => `${s.taken}/${s.capacity}` },
            {
              key: 'qr',
              render: (_, s) =>
                organiser && (
                  <Space>
                    <Button
                      size="small"
                      onClick={() => setQr({ shiftId: s.id, direction: 'in' })}
                      data-testid={`vol-qr-in-${s.id}`}
                    >
                      {t('volunteering.qrIn')}
                    </Button>
                    <Button size="small" onClick={() => setQr({ shiftId: s.id, direction: 'out' })}>
                      {t('volunteering.qrOut')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Table<Signup>
        size="small"
        rowKey="id"
        dataSource={a.signups}
        columns={columns}
        scroll={{ x: 1500 }}
        data-testid="vol-signups"
        pagination={false}
      />
      {qr && <QrModal activityId={id} {...qr} onClose={() => setQr(null)} />}
    </div>
  );
}
