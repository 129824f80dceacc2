import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Skeleton,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { GradeCell, KindTag, StatusTag } from './shared';
import type { MyMember, Registration } from './types';

/** 我的双报到: an in-service member registers with the community where they live and follows the answer. */
export default function MyRegistrationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ communityId: number; note?: string }>();
  const [q, setQ] = useState('');
  const me = useQuery({
    queryKey: ['partyMembers', 'me'],
    queryFn: () => api.get<MyMember>('/api/party-members/me'),
    retry: false,
  });
  const communities = useQuery({
    queryKey: ['partyMembers', 'communities', q],
    queryFn: () =>
      api.get<{ items: { id: number; name: string; address: string }[] }>('/api/party-members/communities', { q }),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['partyMembers', 'me'] });
  const submit = useMutation({
    mutationFn: (v: { communityId: number; note?: string }) =>
      api.post<Registration>('/api/party-members/me/registrations', {
        communityId: v.communityId,
        note: v.note?.trim() || null,
      }),
    onSuccess: () => {
      message.success(t('partyMembers.submitted'));
      form.resetFields();
      refresh();
    },
    onError: (e) => showFormError(form, e, message),
  });
  const withdraw = useMutation({
    mutationFn: (r: Registration) => api.post<Registration>(`/api/party-members/me/registrations/${r.id}/withdraw`),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 404) return <Empty description={t('partyMembers.noRecord')} />;
    return <Alert type="error" showIcon title={me.error.message} />;
  }
  if (!me.data) return <Skeleton active />;
  const { member: m, registrations, evaluations } = me.data;
  return (
    <div data-testid="my-registration-page">
      <PageTitle title={t('partyMembers.myTitle')} help={t('partyMembers.myHelp')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('partyMembers.field.name')}>{m.name}</Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.kind')}>
            <KindTag kind={m.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.homeBranch')}>{m.homeBranch.name}</Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.posts')}>
            {m.posts.map((p) => (
              <Tag key={p} color="red" bordered={false}>
                {t(`partyMembers.post.${p}`)}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('partyMembers.field.points')}>{m.points}</Descriptions.Item>
        </Descriptions>
      </Card>
      {m.kind === 'inService' && (
        <Card size="small" title={t('partyMembers.newRegistration')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" onFinish={(v) => submit.mutate(v)} data-testid="registration-form">
            <Form.Item
              name="communityId"
              label={t('partyMembers.field.community')}
              rules={[{ required: true, message: t('partyMembers.pickCommunity') }]}
            >
              <Select
                style={{ width: 360 }}
                showSearch={{ filterOption: false, onSearch: setQ }}
                placeholder={t('partyMembers.searchCommunity')}
                loading={communities.isFetching}
                options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.address }))}
                data-testid="registration-community"
              />
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder={t('partyMembers.notePlaceholder')} style={{ width: 240 }} maxLength={500} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="registration-submit">
                {t('partyMembers.submit')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('partyMembers.registrations')} style={{ marginBottom: 16 }}>
        <Table<Registration>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={registrations}
          data-testid="my-registrations"
          locale={{ emptyText: t('partyMembers.noRegistrations') }}
          columns={[
            { title: t('partyMembers.field.community'), key: 'c', render: (_, r) => r.community.address },
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
            {
              title: t('partyMembers.field.applicationNote'),
              dataIndex: 'note',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('partyMembers.field.decisionNote'),
              dataIndex: 'decisionNote',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_, r) =>
                r.status === 'pending' || r.status === 'confirmed' ? (
                  <Popconfirm title={t('partyMembers.withdrawConfirm')} onConfirm={() => withdraw.mutate(r)}>
                    <Button type="link" size="small" danger>
                      {t('partyMembers.withdraw')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      {evaluations.length > 0 && (
        <Card size="small" title={t('partyMembers.evaluations')}>
          <Table
            size="small"
            rowKey="period"
            pagination={false}
            dataSource={evaluations}
            columns={[
              { title: t('partyMembers.field.period'), dataIndex: 'period' },
              {
                title: t('partyMembers.side.community'),
                key: 'c',
                render: (_, r) => <GradeCell value={r.community} />,
              },
              { title: t('partyMembers.side.unit'), key: 'u', render: (_, r) => <GradeCell value={r.unit} /> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
