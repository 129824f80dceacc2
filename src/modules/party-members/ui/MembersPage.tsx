import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDate } from '../../../web/components/format';
import { ExportButton, ImportButton } from '../../people/ui';
import { MemberFormModal } from './MemberFormModal';
import { KindTag } from './shared';
import { MEMBER_KINDS, MEMBER_POSTS, type MemberKind, type MemberPost, type PartyMember } from './types';
import { useCan } from '../../../web/app/auth';

interface FilterValues {
  q?: string;
  kind?: MemberKind;
  post?: MemberPost;
  includeRegistered?: boolean;
}

/** 党员管理: members held by the branches of the subtree, optionally with those registered with its communities. */
export default function MembersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const has = useCan();
  // A drill-down link (the dashboard's member figures) carries its filters in the URL: the members held there.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() =>
    params.get('communityId')
      ? Object.fromEntries(
          ['communityId', 'kind', 'dualRegistered'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
        )
      : { includeRegistered: 'true' },
  );
  const [editing, setEditing] = useState<PartyMember | null>(null);
  const [open, setOpen] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['partyMembers'] });
  const remove = useMutation({
    mutationFn: (m: PartyMember) => api.delete(`/api/party-members/${m.id}`),
    onSuccess: refresh,
    onError: (e) => message.error(e.message),
  });
  const columns: TableColumnsType<PartyMember> = [
    {
      title: t('partyMembers.field.name'),
      dataIndex: 'name',
      width: 150,
      render: (n: string, m) => (
        <Space size={4}>
          <Link to={`/party-members/${m.id}`}>{n}</Link>
          {m.viaRegistration && (
            <Tooltip title={t('partyMembers.viaRegistrationHelp')}>
              <Tag color="gold" bordered={false} data-testid="via-registration">
                {t('partyMembers.viaRegistration')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('partyMembers.field.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: MemberKind) => <KindTag kind={k} />,
    },
    { title: t('partyMembers.field.homeBranch'), key: 'branch', render: (_, m) => m.homeBranch.name },
    {
      title: t('partyMembers.field.joinedOn'),
      dataIndex: 'joinedOn',
      width: 120,
      render: (v: string | null) => formatDate(v),
    },
    {
      title: t('partyMembers.field.posts'),
      dataIndex: 'posts',
      width: 200,
      render: (v: MemberPost[]) =>
        v.length
          ? v.map((p) => (
              <Tag key={p} color="red" bordered={false}>
                {t(`partyMembers.post.${p}`)}
              </Tag>
            ))
          : '—',
    },
    {
      title: t('partyMembers.field.registeredWith'),
      key: 'reg',
      width: 160,
      render: (_, m) => (m.registeredCommunities.length ? m.registeredCommunities.map((c) => c.name).join('、') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, m) =>
        m.viaRegistration ? null : (
          <Space size={0}>
            {has('partyMember.update') && (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => {
                  setEditing(m);
                  setOpen(true);
                }}
              >
                {t('common.edit')}
              </Button>
            )}
            {has('partyMember.delete') && (
              <Popconfirm title={t('partyMembers.deleteConfirm', { name: m.name })} onConfirm={() => remove.mutate(m)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];
  return (
    <div data-testid="members-page">
      <PageTitle
        title={t('partyMembers.title')}
        help={t('partyMembers.help')}
        extra={
          <Space>
            {has('partyMember.create') && (
              <ImportButton base="/api/party-members" title={t('partyMembers.ledger')} onDone={refresh} />
            )}
            {has('partyMember.export') && (
              <ExportButton
                path="/api/party-members/export.xlsx"
                params={filters}
                fileName={`${t('partyMembers.ledger')}.xlsx`}
              />
            )}
            {has('partyMember.create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setOpen(true);
                }}
              >
                {t('partyMembers.new')}
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar<FilterValues>
        testId="member-filter"
        onSearch={(v) =>
          setFilters({
            q: v.q?.trim() || undefined,
            kind: v.kind,
            post: v.post,
            includeRegistered: v.includeRegistered === false ? undefined : 'true',
          })
        }
      >
        <Form.Item name="q">
          <Input
            placeholder={t('partyMembers.field.name')}
            allowClear
            style={{ width: 140 }}
            data-testid="member-filter-q"
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            placeholder={t('partyMembers.field.kind')}
            allowClear
            style={{ width: 130 }}
            options={MEMBER_KINDS.map((k) => ({ value: k, label: t(`partyMembers.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="post">
          <Select
            placeholder={t('partyMembers.field.posts')}
            allowClear
            style={{ width: 140 }}
            options={MEMBER_POSTS.map((p) => ({ value: p, label: t(`partyMembers.post.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="includeRegistered" valuePropName="checked" initialValue>
          <Checkbox>{t('partyMembers.includeRegistered')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <PagedTable<PartyMember>
        queryKey={['partyMembers', 'list']}
        path="/api/party-members"
        filters={filters}
        columns={columns}
        rowKey={(m) => m.id}
        testId="members-table"
        scrollX={1100}
      />
      <MemberFormModal open={open} member={editing} onClose={() => setOpen(false)} onSaved={refresh} />
    </div>
  );
}
