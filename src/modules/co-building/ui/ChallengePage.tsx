import type { ButtonProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Rate,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { showFormError } from '../../../web/components/formErrors';
import { chinaToday } from '../../../web/components/format';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { ChallengeStatusTag } from './ChallengeParts';
import { APPLICANT_KINDS, type Applicant, type ChallengeDetail } from './challenges.types';

type Action = 'apply' | 'pick' | 'report' | 'close';
const DECISION_COLORS: Record<string, string> = { pending: 'default', picked: 'success', notPicked: 'warning' };

function ActionModal({ c, action, onClose }: { c: ChallengeDetail; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const rows = Form.useWatch('rows', form) as { picked?: boolean }[] | undefined;
  const units = useQuery({
    queryKey: ['coBuilding', 'challengeUnits', c.territory.id],
    queryFn: () =>
      api.get<Page<{ id: number; name: string }>>('/api/organizations/units', {
        territoryId: c.territory.id,
        pageSize: 200,
      }),
    enabled: action === 'apply' && kind === 'unit',
    retry: false,
  });
  const pending = c.applicants.filter((a) => a.decision === 'pending');
  const P = `/api/co-building/challenges/${c.id}`;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      switch (action) {
        case 'apply':
          return api.post(`${P}/applicants`, {
            kind: v.kind,
            name: (v.name as string | undefined)?.trim() || undefined,
            unitId: v.kind === 'unit' ? v.unitId : undefined,
            plan: v.plan,
          });
        case 'pick': {
          const picks = (v.rows as { picked?: boolean; reason?: string }[]).map((r, i) => ({
            ...r,
            id: pending[i]!.id,
          }));
          return api.post(`${P}/pick`, {
            picked: picks.filter((r) => r.picked).map((r) => r.id),
            notPicked: picks.filter((r) => !r.picked).map((r) => ({ id: r.id, reason: r.reason ?? '' })),
          });
        }
        case 'report':
          return api.post(`${P}/reports`, {
            reportedOn: (v.reportedOn as Dayjs | undefined)?.format('YYYY-MM-DD'),
            text: v.text,
          });
        case 'close':
          return api.post(`${P}/move`, { to: v.to, outcome: v.outcome, stars: v.stars });
      }
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  const initial =
    action === 'apply'
      ? { kind: 'member' }
      : action === 'pick'
        ? { rows: pending.map((_, i) => ({ picked: i === 0 })) }
        : action === 'report'
          ? { reportedOn: dayjs(chinaToday()) }
          : { to: 'solved', stars: 5 };
  return (
    <Modal
      open
      title={t(`coChallenge.action.${action}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'challenge-action-ok' } as ButtonProps}
      confirmLoading={save.isPending}
      width={action === 'pick' ? 720 : 560}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v: Record<string, unknown>) => save.mutate(v)}
        data-testid={`challenge-${action}-form`}
      >
        {action === 'apply' && (
          <>
            <Form.Item name="kind" label={t('coChallenge.field.kind')}>
              <Radio.Group options={APPLICANT_KINDS.map((k) => ({ value: k, label: t(`coChallenge.kind.${k}`) }))} />
            </Form.Item>
            {kind === 'unit' ? (
              <Form.Item name="unitId" label={t('coChallenge.field.unit')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={units.isLoading}
                  data-testid="challenge-apply-unit"
                  options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            ) : (
              <Form.Item name="name" label={t('coChallenge.field.applicantName')} rules={[{ required: true, max: 50 }]}>
                <Input data-testid="challenge-apply-name" />
              </Form.Item>
            )}
            <Form.Item name="plan" label={t('coChallenge.field.plan')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={3} data-testid="challenge-apply-plan" />
            </Form.Item>
          </>
        )}
        {action === 'pick' && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('coChallenge.pickHelp')} />
            {pending.map((a, i) => (
              <Card key={a.id} size="small" style={{ marginBottom: 8 }} data-testid={`challenge-pick-${a.id}`}>
                <Form.Item name={['rows', i, 'picked']} valuePropName="checked" style={{ marginBottom: 4 }}>
                  <Checkbox data-testid={`challenge-pick-check-${a.id}`}>
                    <b>{a.name}</b> · {t(`coChallenge.kind.${a.kind}`)} · {a.plan}
                  </Checkbox>
                </Form.Item>
                {!rows?.[i]?.picked && (
                  <Form.Item
                    name={['rows', i, 'reason']}
                    label={t('coChallenge.field.reason')}
                    rules={[{ required: true, max: 500 }]}
                    style={{ marginBottom: 0 }}
                  >
                    <Input data-testid={`challenge-pick-reason-${a.id}`} />
                  </Form.Item>
                )}
              </Card>
            ))}
          </>
        )}
        {action === 'report' && (
          <>
            <Form.Item name="reportedOn" label={t('coChallenge.field.reportedOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(chinaToday()).endOf('day'))} />
            </Form.Item>
            <Form.Item name="text" label={t('coChallenge.field.report')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={3} data-testid="challenge-report-text" />
            </Form.Item>
          </>
        )}
        {action === 'close' && (
          <>
            <Form.Item name="to" label={t('coChallenge.field.result')}>
              <Radio.Group
                options={(['solved', 'failed'] as const).map((s) => ({
                  value: s,
                  label: t(`coChallenge.status.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="outcome" label={t('coChallenge.field.outcome')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={3} data-testid="challenge-close-outcome" />
            </Form.Item>
            <Form.Item name="stars" label={t('coChallenge.field.posterStars')} rules={[{ required: true }]}>
              <Rate />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** The five steps of a challenge: posted → taken → progress → outcome → rating, with the current one marked. */
function ChallengeSteps({ c }: { c: ChallengeDetail }) {
  const { t } = useTranslation();
  const current = { open: 0, taken: 1, inProgress: 2, solved: 4, failed: 4, withdrawn: c.takenOn ? 1 : 0 }[c.status];
  const last = c.reports.at(-1);
  return (
    <Steps
      data-testid="challenge-steps"
      current={current}
      status={
        c.status === 'withdrawn' || c.status === 'failed' ? 'error' : c.status === 'solved' ? 'finish' : 'process'
      }
      items={[
        { title: t('coChallenge.step.posted'), content: c.postedOn },
        {
          title: t('coChallenge.step.taken'),
          content: c.takenOn
            ? `${c.takenOn} · ${c.takers.join('、')}`
            : t('coChallenge.applicantCount', { n: c.applicantCount }),
        },
        {
          title: t('coChallenge.step.progress'),
          content: last ? t('coChallenge.reportCount', { n: c.reports.length, on: last.reportedOn }) : '—',
        },
        {
          title: t('coChallenge.step.outcome'),
          content: c.closedOn ? `${c.closedOn} · ${t(`coChallenge.status.${c.status}`)}` : '—',
        },
        {
          title: t('coChallenge.step.rating'),
          content:
            c.ratingAverage === null
              ? c.posterStars === null
                ? '—'
                : t('coChallenge.posterOnly', { stars: c.posterStars })
              : t('coChallenge.ratingLine', { poster: c.posterStars ?? '—', avg: c.ratingAverage, n: c.ratingCount }),
        },
      ]}
    />
  );
}

/** One challenge: its steps, applicants with picks and reasons, reports, outcome, and the moves of its status. */
export default function ChallengePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const q = useQuery({
    queryKey: ['coBuilding', 'challenge', id],
    queryFn: ({ signal }) => api.get<ChallengeDetail>(`/api/co-building/challenges/${id}`, undefined, signal),
  });
  const withdraw = useMutation({
    mutationFn: () => api.post(`/api/co-building/challenges/${id}/move`, { to: 'withdrawn' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['coBuilding'] }),
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });
  if (q.isLoading) return <PageSpin />;
  if (!q.data) return <Empty description={t('coChallenge.notFound')} />;
  const c = q.data;
  const manage = can('coBuilding.manage');
  const apply = can('coBuilding.challengeApply');
  const pending = c.applicants.filter((a) => a.decision === 'pending');
  const actions: { key: Action; show: boolean }[] = [
    { key: 'apply', show: apply && c.status === 'open' },
    { key: 'pick', show: manage && c.status === 'open' && pending.length > 0 },
    { key: 'report', show: apply && (c.status === 'taken' || c.status === 'inProgress') },
    { key: 'close', show: manage && c.moves.includes('solved') },
  ];
  return (
    <div data-testid="co-challenge-page">
      <PageTitle title={c.title} />
      <Space style={{ marginBottom: 12 }}>
        <Link to="/co-building/challenges">← {t('coChallenge.back')}</Link>
        <ChallengeStatusTag status={c.status} />
        {c.overdue && <Tag color="error">{t('coChallenge.overdue')}</Tag>}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <ChallengeSteps c={c} />
      </Card>
      <Space style={{ marginBottom: 16 }} wrap>
        {actions
          .filter((a) => a.show)
          .map((a) => (
            <Button
              key={a.key}
              type={a.key === 'apply' || a.key === 'close' ? 'primary' : 'default'}
              onClick={() => setAction(a.key)}
              data-testid={`challenge-${a.key}`}
            >
              {t(`coChallenge.action.${a.key}`)}
            </Button>
          ))}
        {manage && c.moves.includes('withdrawn') && (
          <Popconfirm title={t('coChallenge.withdrawConfirm')} onConfirm={() => withdraw.mutate()}>
            <Button danger data-testid="challenge-withdraw">
              {t('coChallenge.action.withdraw')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('coChallenge.field.place')}>{c.territory.name}</Descriptions.Item>
        <Descriptions.Item label={t('coChallenge.field.category')}>
          {t(`coBuilding.category.${c.category}`, { defaultValue: c.category })}
        </Descriptions.Item>
        <Descriptions.Item label={t('coChallenge.field.deadline')}>{c.deadline}</Descriptions.Item>
        <Descriptions.Item label={t('coChallenge.field.public')}>
          {c.public ? t('coChallenge.publicYes') : t('coChallenge.internal')}
        </Descriptions.Item>
        <Descriptions.Item label={t('coChallenge.field.reward')} span={2}>
          {c.reward}
        </Descriptions.Item>
        <Descriptions.Item label={t('coChallenge.field.description')} span={2}>
          {c.description}
        </Descriptions.Item>
        {c.outcome && (
          <Descriptions.Item label={t('coChallenge.field.outcome')} span={2}>
            <span data-testid="challenge-outcome">{c.outcome}</span>
            {c.posterStars !== null && <Rate disabled value={c.posterStars} style={{ marginLeft: 12 }} />}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card title={t('coChallenge.applicants')} size="small" style={{ marginBottom: 16 }}>
        <Table<Applicant>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.applicants}
          data-testid="challenge-applicants"
          locale={{ emptyText: t('coChallenge.noApplicants') }}
          columns={[
            { title: t('coChallenge.field.applicantName'), dataIndex: 'name', width: 160 },
            {
              title: t('coChallenge.field.kind'),
              dataIndex: 'kind',
              width: 80,
              render: (k: string) => t(`coChallenge.kind.${k}`),
            },
            { title: t('coChallenge.field.plan'), dataIndex: 'plan' },
            { title: t('coChallenge.field.appliedOn'), dataIndex: 'appliedOn', width: 110 },
            {
              title: t('coChallenge.field.decision'),
              key: 'decision',
              width: 260,
              render: (_, a) => (
                <span data-testid={`challenge-decision-${a.id}`}>
                  <Tag color={DECISION_COLORS[a.decision]}>{t(`coChallenge.decision.${a.decision}`)}</Tag>
                  {a.reason}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('coChallenge.reports')} size="small">
        {c.reports.length === 0 ? (
          <Empty description={t('coChallenge.noReports')} />
        ) : (
          <Timeline
            data-testid="challenge-reports"
            items={c.reports.map((r) => ({ key: r.id, content: `${r.reportedOn} ${r.text}` }))}
          />
        )}
      </Card>
      {action && <ActionModal c={c} action={action} onClose={() => setAction(null)} />}
    </div>
  );
}
