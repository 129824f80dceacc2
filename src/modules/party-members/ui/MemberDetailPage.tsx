import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDate, formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { GradeCell, KindTag, StatusTag } from './shared';
import {
  GRADES,
  recentPeriods,
  type EvaluationRow,
  type Grade,
  type MemberPointEntry,
  type MemberPoints,
  type PartyMember,
  type Registration,
} from './types';
import { useCan } from '../../../web/app/auth';

/** 党员详情: record, dual registrations, and both sides of the dual evaluation per period. */
export default function MemberDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const has = useCan();
  const { id } = useParams();
  const [period, setPeriod] = useState(recentPeriods()[3]!);
  const [form] = Form.useForm<{ side: 'community' | 'unit'; grade: Grade; comment?: string }>();
  const member = useQuery({
    queryKey: ['partyMembers', 'one', id],
    queryFn: () => api.get<PartyMember>(`/api/party-members/${id ?? ''}`),
  });
  const regs = useQuery({
    queryKey: ['partyMembers', 'regs', id],
    queryFn: () => api.get<Page<Registration>>('/api/party-members/registrations', { memberId: id, pageSize: 50 }),
  });
  const points = useQuery({
    queryKey: ['partyMembers', 'points', id],
    queryFn: () => api.get<MemberPoints>(`/api/party-members/${id ?? ''}/points`),
  });
  const evals = useQuery({
    queryKey: ['partyMembers', 'evals', id, period],
    queryFn: () => api.get<Page<EvaluationRow>>('/api/party-members/evaluations', { memberId: id, period }),
  });
  const record = useMutation({
    mutationFn: (v: { side: 'community' | 'unit'; grade: Grade; comment?: string }) =>
      api.post<EvaluationRow>(`/api/party-members/${id ?? ''}/evaluations`, {
        period,
        ...v,
        comment: v.comment?.trim() || null,
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['partyMembers', 'evals', id] });
    },
    onError: (e) => showFormError(form, e, message),
  });
  if (member.isError) return <Alert type="error" showIcon title={member.error.message} />;
  if (!member.data) return <Skeleton active />;
  const m = member.data;
  const row = evals.data?.items[0];
  return (
    <div data-testid="member-detail-page">
      <PageTitle title={m.name} help={m.viaRegistration ? t('partyMembers.viaRegistrationHelp') : undefined} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('partyMembers.field.kind')}>
            <KindTag kind={m.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.homeBranch')}>{m.homeBranch.name}</Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.joinedOn')}>{formatDate(m.joinedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.posts')}>
            {m.posts.length
              ? m.posts.map((p) => (
                  <Tag key={p} color="red" bordered={false}>
                    {t(`partyMembers.post.${p}`)}
                  </Tag>
                ))
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.points')}>{m.points}</Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.registeredWith')}>
            {m.registeredCommunities.map((c) => c.name).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('partyMembers.points.ledger')}
        extra={points.data ? t('partyMembers.points.total', { points: points.data.points }) : null}
        style={{ marginBottom: 16 }}
        data-testid="member-points"
      >
        <Alert type="info" showIcon title={t('partyMembers.points.ledgerHelp')} style={{ marginBottom: 12 }} />
        <Table<MemberPointEntry>
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={points.data?.entries ?? []}
          loading={points.isFetching}
          locale={{ emptyText: t('partyMembers.points.noEntries') }}
          columns={[
            { title: t('partyMembers.points.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
            {
              title: t('partyMembers.points.source'),
              dataIndex: 'source',
              render: (s: string) => t(`volunteering.source.${s}`),
            },
            { title: t('partyMembers.points.ref'), key: 'ref', render: (_, e) => <PointRef entry={e} /> },
            { title: t('partyMembers.points.quantity'), dataIndex: 'quantity' },
            { title: t('partyMembers.points.requested'), dataIndex: 'requested' },
            {
              title: t('partyMembers.points.credited'),
              key: 'points',
              render: (_, e) => (
                <Space size={4}>
                  <b>{e.points}</b>
                  {e.status === 'posted' && e.points < e.requested && (
                    <Tag bordered={false}>{t('partyMembers.points.capped')}</Tag>
                  )}
                  {e.status !== 'posted' && <Tag bordered={false}>{t(`volunteering.entryStatus.${e.status}`)}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('partyMembers.registrations')} style={{ marginBottom: 16 }}>
        <Table<Registration>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={regs.data?.items ?? []}
          loading={regs.isFetching}
          columns={[
            { title: t('partyMembers.field.community'), key: 'c', render: (_, r) => r.community.address },
            { title: t('partyMembers.field.unitBranch'), key: 'u', render: (_, r) => r.unitBranch?.name ?? '—' },
            {
              title: t('partyMembers.field.status'),
              dataIndex: 'status',
              render: (s: Registration['status']) => <StatusTag status={s} />,
            },
            {
              title: t('partyMembers.field.requestedAt'),
              dataIndex: 'requestedAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('partyMembers.field.decidedAt'),
              dataIndex: 'decidedAt',
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('partyMembers.evaluations')}
        extra={
          <Select
            value={period}
            onChange={setPeriod}
            style={{ width: 120 }}
            options={recentPeriods().map((p) => ({ value: p, label: p }))}
          />
        }
      >
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('partyMembers.side.community')}>
            <GradeCell value={row?.community ?? null} />
          </Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.side.unit')}>
            <GradeCell value={row?.unit ?? null} />
          </Descriptions.Item>
        </Descriptions>
        {has('dualEvaluation.record') && m.kind === 'inService' && (
          <Form
            form={form}
            layout="inline"
            onFinish={(v) => record.mutate(v)}
            initialValues={{ side: m.viaRegistration ? 'community' : 'unit' }}
          >
            <Form.Item name="side" label={t('partyMembers.field.side')}>
              <Select
                style={{ width: 130 }}
                options={(['community', 'unit'] as const).map((s) => ({
                  value: s,
                  label: t(`partyMembers.side.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="grade" rules={[{ required: true, message: t('people.required') }]}>
              <Select
                placeholder={t('partyMembers.field.grade')}
                style={{ width: 110 }}
                options={GRADES.map((g) => ({ value: g, label: t(`partyMembers.grade.${g}`) }))}
              />
            </Form.Item>
            <Form.Item name="comment">
              <Input placeholder={t('partyMembers.field.comment')} style={{ width: 260 }} maxLength={1000} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={record.isPending}>
                {t('partyMembers.recordEvaluation')}
              </Button>
            </Space>
          </Form>
        )}
      </Card>
    </div>
  );
}

/** What earned a ledger entry: the order (a link), the activity sign-up, or a manual entry's reason. */
function PointRef({ entry }: { entry: MemberPointEntry }) {
  const { t } = useTranslation();
  const [kind, id] = entry.ref.split(':');
  if (kind === 'order') return <Link to={`/orders/${id}`}>{t('partyMembers.points.order', { id })}</Link>;
  if (kind === 'signup') return <>{t('partyMembers.points.signup', { id })}</>;
  return <>{entry.reason ?? '—'}</>;
}
