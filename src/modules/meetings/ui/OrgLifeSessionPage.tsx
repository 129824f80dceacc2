import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { errorText, showFormError } from '../../../web/components/formErrors';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import type { OrgLifeSession } from './types';

type Row = OrgLifeSession['attendance'][number];
type AttendanceStatus = Row['status'];
const STATUSES: AttendanceStatus[] = ['present', 'leave', 'absent'];
const STATUS_TAG: Record<AttendanceStatus, string> = { present: 'green', leave: 'gold', absent: 'default' };
const SESSION_TAG: Record<OrgLifeSession['status'], string> = { planned: 'blue', held: 'gold', approved: 'green' };
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

interface CorrectionForm {
  status?: AttendanceStatus;
  leaveReason?: string;
  minutes?: string;
  reason: string;
}

/**
 * One session of organisational life 三会一课: the roster with attendance and the points each member earned, the
 * minutes, held → approved; after approval only recorded corrections (with reason, points reversed or credited).
 */
export default function OrgLifeSessionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['meetings', 'org-life', 'session', id],
    queryFn: () => api.get<OrgLifeSession>(`/api/org-life/sessions/${id}`),
  });
  const [correcting, setCorrecting] = useState<Row | 'minutes' | null>(null);
  const done = () => void qc.invalidateQueries({ queryKey: ['meetings', 'org-life'] });
  const update = useMutation({
    mutationFn: (body: object) => api.patch<OrgLifeSession>(`/api/org-life/sessions/${id}`, body),
    onSuccess: done,
    onError: (e) => message.error(errorText(e)),
  });
  if (!q.data) return <PageSpin />;
  const s = q.data;
  const manage = can('orgLife.manage');
  const editable = manage && s.status !== 'approved';
  const correctable = manage && s.status === 'approved';
  return (
    <div data-testid="org-life-session-page">
      <PageTitle
        title={s.title}
        extra={
          <Space>
            {editable && s.status === 'planned' && (
              <Button onClick={() => update.mutate({ status: 'held' })} data-testid="session-hold">
                {t('meetings.session.hold')}
              </Button>
            )}
            {editable && (
              <Popconfirm
                title={t('meetings.session.approveConfirm')}
                onConfirm={() => update.mutate({ status: 'approved' })}
              >
                <Button type="primary" data-testid="session-approve">
                  {t('meetings.session.approve')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }} data-testid="session-info">
        <Descriptions.Item label={t('meetings.session.branch')}>{s.branch.name}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.kind')}>{t(`meetings.orgLifeKind.${s.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.status')}>
          <Tag color={SESSION_TAG[s.status]} data-testid="session-status">
            {t(`meetings.session.status.${s.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.session.heldAt')}>{formatDateTime(s.heldAt)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.mode')}>{t(`meetings.mode.${s.mode}`)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.place')}>{s.place ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.attendance')} span={2}>
          <span data-testid="session-counts">
            {t('meetings.session.presentExpected', { present: s.present, expected: s.expected, leave: s.leave })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.session.approvedAt')}>{formatDateTime(s.approvedAt)}</Descriptions.Item>
      </Descriptions>
      {s.status === 'approved' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('meetings.session.lockedHelp')} />
      )}
      <Card size="small" title={t('meetings.session.roster')} style={{ marginBottom: 16 }}>
        <Table<Row>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={s.attendance}
          data-testid="session-roster"
          columns={[
            { title: t('meetings.session.member'), key: 'm', render: (_, r) => r.member.name },
            {
              title: t('meetings.session.attended'),
              key: 'st',
              render: (_, r) =>
                editable ? (
                  <Radio.Group
                    size="small"
                    optionType="button"
                    value={r.status}
                    onChange={(e) => {
                      const status = STATUSES.find((v) => v === e.target.value);
                      if (status) update.mutate({ attendance: [{ memberId: r.member.id, status }] });
                    }}
                    options={STATUSES.map((v) => ({ value: v, label: t(`meetings.session.attendance.${v}`) }))}
                    data-testid={`attendance-${r.member.id}`}
                  />
                ) : (
                  <Tag color={STATUS_TAG[r.status]} data-testid={`status-${r.member.id}`}>
                    {t(`meetings.session.attendance.${r.status}`)}
                  </Tag>
                ),
            },
            { title: t('meetings.session.leaveReason'), key: 'lr', render: (_, r) => r.leaveReason ?? '' },
            { title: t('meetings.session.signedInAt'), key: 'at', render: (_, r) => formatDateTime(r.signedInAt) },
            {
              title: t('meetings.session.points'),
              key: 'p',
              align: 'right',
              render: (_, r) => <span data-testid={`points-${r.member.id}`}>{r.points}</span>,
            },
            ...(correctable
              ? [
                  {
                    title: t('meetings.field.actions'),
                    key: 'c',
                    render: (_: unknown, r: Row) => (
                      <Button size="small" onClick={() => setCorrecting(r)} data-testid={`correct-${r.member.id}`}>
                        {t('meetings.session.correct')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('meetings.session.minutes')}
        style={{ marginBottom: 16 }}
        extra={
          correctable && (
            <Button size="small" onClick={() => setCorrecting('minutes')} data-testid="correct-minutes">
              {t('meetings.session.correct')}
            </Button>
          )
        }
      >
        {editable ? (
          <MinutesEditor
            key={s.minutes ?? ''}
            initial={s.minutes ?? ''}
            onSave={(minutes) =>
              update.mutate({ minutes }, { onSuccess: () => void message.success(t('meetings.session.saved')) })
            }
          />
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="session-minutes-text">
            {s.minutes ?? '—'}
          </Typography.Paragraph>
        )}
      </Card>
      {s.status === 'approved' && <Corrections s={s} />}
      {correcting && (
        <CorrectionModal session={s} target={correcting} onClose={() => setCorrecting(null)} onDone={done} />
      )}
    </div>
  );
}

/** The minutes while the session is not approved yet (typed here, saved with the button). */
function MinutesEditor(props: { initial: string; onSave: (minutes: string) => void }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(props.initial);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.TextArea
        rows={3}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        placeholder={t('meetings.session.minutesPlaceholder')}
        data-testid="session-minutes"
      />
      <Button onClick={() => props.onSave(minutes)} data-testid="session-minutes-save">
        {t('meetings.session.save')}
      </Button>
    </Space.Compact>
  );
}

/** The recorded corrections: when, by whom, what changed, what moved in the points ledger, and why. */
function Corrections({ s }: { s: OrgLifeSession }) {
  const { t } = useTranslation();
  const status = (v: AttendanceStatus | null) => (v ? t(`meetings.session.attendance.${v}`) : '—');
  return (
    <Card size="small" title={t('meetings.session.corrections')} data-testid="session-corrections">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={s.corrections}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.session.noCorrections')} />,
        }}
        columns={[
          { title: t('meetings.session.col.at'), key: 'at', render: (_, c) => formatDateTime(c.at) },
          { title: t('meetings.session.col.by'), dataIndex: 'by' },
          {
            title: t('meetings.session.col.what'),
            key: 'what',
            render: (_, c) =>
              c.target === 'attendance' ? (
                `${c.member?.name ?? ''}：${status(c.statusBefore)} → ${status(c.statusAfter)}${
                  c.leaveReason ? `（${c.leaveReason}）` : ''
                }`
              ) : (
                <span title={`${c.minutesBefore ?? ''}\n→\n${c.minutesAfter ?? ''}`}>
                  {t('meetings.session.minutesChanged')}：{c.minutesAfter}
                </span>
              ),
          },
          {
            title: t('meetings.session.col.points'),
            key: 'p',
            align: 'right',
            render: (_, c) =>
              c.points ? (
                <Tag color={c.points > 0 ? 'green' : 'red'}>{signed(c.points)}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('meetings.session.pointsNone')}</Typography.Text>
              ),
          },
          { title: t('meetings.session.col.reason'), dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}

/** A correction of one member's attendance, or of the minutes, always with its reason. */
function CorrectionModal(props: {
  session: OrgLifeSession;
  target: Row | 'minutes';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectionForm>();
  const row = props.target === 'minutes' ? null : props.target;
  const status = Form.useWatch('status', form);
  const save = useMutation({
    mutationFn: (v: CorrectionForm) =>
      api.post<OrgLifeSession>(
        `/api/org-life/sessions/${props.session.id}/corrections`,
        row
          ? {
              memberId: row.member.id,
              status: v.status,
              ...(v.status === 'leave' && v.leaveReason ? { leaveReason: v.leaveReason } : {}),
              reason: v.reason,
            }
          : { minutes: v.minutes ?? '', reason: v.reason },
      ),
    onSuccess: () => {
      message.success(t('meetings.session.done'));
      props.onDone();
      props.onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open
      title={
        row ? t('meetings.session.correctAttendance', { name: row.member.name }) : t('meetings.session.correctMinutes')
      }
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<CorrectionForm>
        form={form}
        layout="vertical"
        initialValues={
          row ? { status: row.status, leaveReason: row.leaveReason ?? '' } : { minutes: props.session.minutes ?? '' }
        }
        onFinish={(v) => save.mutate(v)}
        data-testid="correction-form"
      >
        {row ? (
          <>
            <Form.Item name="status" label={t('meetings.session.newStatus')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={STATUSES.map((v) => ({ value: v, label: t(`meetings.session.attendance.${v}`) }))}
                data-testid="correction-status"
              />
            </Form.Item>
            {status === 'leave' && (
              <Form.Item name="leaveReason" label={t('meetings.session.leaveReason')}>
                <Input maxLength={200} />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item name="minutes" label={t('meetings.session.minutes')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="correction-minutes" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('meetings.session.reason')}
          rules={[{ required: true, min: 2, max: 500, whitespace: true }]}
        >
          <Input placeholder={t('meetings.session.reasonPlaceholder')} data-testid="correction-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
