import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space, Tabs, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDateTime } from '../../../web/components/format';
import { KindTag, StatusTag } from './shared';
import type { Registration, RegistrationStatus } from './types';
import { useCan } from '../../../web/app/auth';

const TABS: RegistrationStatus[] = ['pending', 'confirmed', 'rejected', 'withdrawn'];

/** 双报到审核: requests of in-service members to the communities of the subtree; confirm or reject. */
export default function RegistrationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const has = useCan();
  const [status, setStatus] = useState<RegistrationStatus>('pending');
  const [rejecting, setRejecting] = useState<Registration | null>(null);
  const [note, setNote] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['partyMembers'] });
  const decide = useMutation({
    mutationFn: (v: { r: Registration; action: 'confirm' | 'reject'; note?: string }) =>
      api.post<Registration>(`/api/party-members/registrations/${v.r.id}/${v.action}`, { note: v.note || null }),
    onSuccess: (r) => {
      message.success(
        t(r.status === 'confirmed' ? 'partyMembers.confirmed' : 'partyMembers.rejected', { name: r.member.name }),
      );
      setRejecting(null);
      setNote('');
      refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const columns: TableColumnsType<Registration> = [
    {
      title: t('partyMembers.field.name'),
      key: 'name',
      width: 110,
      render: (_, r) => <Link to={`/party-members/${r.member.id}`}>{r.member.name}</Link>,
    },
    {
      title: t('partyMembers.field.kind'),
      key: 'kind',
      width: 110,
      render: (_, r) => <KindTag kind={r.member.kind} />,
    },
    { title: t('partyMembers.field.homeBranch'), key: 'home', width: 200, render: (_, r) => r.member.homeBranchName },
    { title: t('partyMembers.field.community'), key: 'community', width: 130, render: (_, r) => r.community.name },
    {
      title: t('partyMembers.field.applicationNote'),
      dataIndex: 'note',
      width: 150,
      render: (v: string | null) => <span data-testid="reg-note">{v ?? '—'}</span>,
    },
    {
      title: t('partyMembers.field.requestedAt'),
      dataIndex: 'requestedAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('partyMembers.field.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: RegistrationStatus) => <StatusTag status={s} />,
    },
    ...(status === 'pending'
      ? []
      : [
          {
            title: t('partyMembers.field.decisionNote'),
            dataIndex: 'decisionNote',
            width: 150,
            render: (v: string | null) => <span data-testid="reg-decision-note">{v ?? '—'}</span>,
          },
          {
            title: t('partyMembers.field.decidedBy'),
            key: 'by',
            width: 160,
            render: (_: unknown, r: Registration) =>
              r.decidedAt ? `${r.decidedByName ?? '—'} ${formatDateTime(r.decidedAt)}` : '—',
          },
        ]),
    ...(status === 'pending' && has('dualRegistration.decide')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, r: Registration) => (
              <Space size={4}>
                <Button
                  type="primary"
                  size="small"
                  icon={<CheckOutlined />}
                  loading={decide.isPending}
                  onClick={() => decide.mutate({ r, action: 'confirm' })}
                  data-testid={`confirm-${r.id}`}
                >
                  {t('partyMembers.confirm')}
                </Button>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(r)}>
                  {t('partyMembers.reject')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="registrations-page">
      <PageTitle title={t('partyMembers.registrationsTitle')} help={t('partyMembers.registrationsHelp')} />
      <Tabs
        activeKey={status}
        onChange={(k) => setStatus(k as RegistrationStatus)}
        items={TABS.map((s) => ({ key: s, label: t(`partyMembers.status.${s}`) }))}
      />
      <PagedTable<Registration>
        queryKey={['partyMembers', 'registrations']}
        path="/api/party-members/registrations"
        filters={{ status }}
        columns={columns}
        rowKey={(r) => r.id}
        testId="registrations-table"
        scrollX={1100}
      />
      <Modal
        open={rejecting !== null}
        title={t('partyMembers.rejectTitle', { name: rejecting?.member.name ?? '' })}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && decide.mutate({ r: rejecting, action: 'reject', note })}
        okButtonProps={{ danger: true }}
        okText={t('partyMembers.reject')}
        confirmLoading={decide.isPending}
      >
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('partyMembers.rejectReason')}
          maxLength={500}
        />
      </Modal>
    </div>
  );
}
