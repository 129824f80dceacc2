import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page, Territory } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TEAM_MEMBER_ROLES, type Team, type TeamMember, type TeamMemberRole } from './types';

/** Communities of the account's subtree (for filters and the team's community), at most 200. */
export function useCommunities() {
  return useQuery({
    queryKey: ['territories', 'communities'],
    queryFn: () => api.get<Page<Territory>>('/api/territories', { level: 'community', pageSize: 200 }),
    staleTime: 5 * 60_000,
  });
}

export function CommunityPicker({
  value,
  onChange,
  allowClear,
  testId,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const communities = useCommunities();
  return (
    <Select<number>
      data-testid={testId}
      style={{ minWidth: 200 }}
      allowClear={allowClear}
      placeholder={t('mediation.field.community')}
      loading={communities.isPending}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

interface MemberValues {
  id?: number;
  name: string;
  role: TeamMemberRole;
  phone?: string;
  masked?: string | null;
}
interface TeamValues {
  communityId: number;
  name: string;
  place?: string;
  description?: string;
  active: boolean;
  members: MemberValues[];
}

function TeamModal({ team, onClose }: { team: Team | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TeamValues>();
  const isNew = team === 'new';
  const save = useMutation({
    mutationFn: (v: TeamValues) => {
      const members = (v.members ?? []).map((m) => ({
        ...(m.id ? { id: m.id } : {}),
        name: m.name,
        role: m.role,
        ...(m.phone ? { phone: m.phone } : {}),
      }));
      const body = {
        name: v.name,
        place: v.place || null,
        description: v.description || null,
        active: v.active,
        members,
      };
      return isNew
        ? api.post<Team>('/api/mediation/teams', { ...body, communityId: v.communityId })
        : api.patch<Team>(`/api/mediation/teams/${team.id}`, body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['mediation'] });
      message.success(t('mediation.saved'));
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  const initial: Partial<TeamValues> = isNew
    ? { active: true, members: [{ name: '', role: 'leader' }] }
    : {
        communityId: team.community.id,
        name: team.name,
        place: team.place ?? undefined,
        description: team.description ?? undefined,
        active: team.active,
        members: team.members.map((m) => ({ id: m.id, name: m.name, role: m.role, masked: m.phone })),
      };
  return (
    <Modal
      open
      title={isNew ? t('mediation.newTeam') : t('mediation.editTeam')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<TeamValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        data-testid="team-form"
      >
        <Form.Item name="communityId" label={t('mediation.field.community')} rules={[{ required: true }]}>
          <CommunityPicker testId="team-community" />
        </Form.Item>
        <Form.Item name="name" label={t('mediation.field.name')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="team-name" />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="place" label={t('mediation.field.teamPlace')} style={{ width: 320 }}>
            <Input />
          </Form.Item>
          <Form.Item name="active" label={t('mediation.field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('mediation.field.teamDescription')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('mediation.field.members')} required>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[f.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, message: t('mediation.field.memberName') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        placeholder={t('mediation.field.memberName')}
                        style={{ width: 140 }}
                        data-testid={`team-member-name-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} style={{ marginBottom: 8 }}>
                      <Select
                        style={{ width: 110 }}
                        options={TEAM_MEMBER_ROLES.map((r) => ({ value: r, label: t(`mediation.role.${r}`) }))}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => (
                        <Form.Item name={[f.name, 'phone']} style={{ marginBottom: 8 }}>
                          <Input
                            placeholder={
                              form.getFieldValue(['members', f.name, 'masked']) ?? t('mediation.field.phone')
                            }
                            style={{ width: 170 }}
                          />
                        </Form.Item>
                      )}
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', role: 'member' })} icon={<PlusOutlined />}>
                  {t('mediation.field.members')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MembersTable({ members }: { members: TeamMember[] }) {
  const { t } = useTranslation();
  return (
    <Table<TeamMember>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={members}
      columns={[
        { title: t('mediation.field.memberName'), dataIndex: 'name' },
        {
          title: t('mediation.field.memberRole'),
          dataIndex: 'role',
          render: (r: TeamMemberRole) => (
            <Tag color={r === 'leader' ? 'red' : r === 'mediator' ? 'blue' : 'default'}>{t(`mediation.role.${r}`)}</Tag>
          ),
        },
        { title: t('mediation.field.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
        {
          title: t('mediation.field.partyMember'),
          key: 'pm',
          render: (_, m) => m.partyMember?.name ?? m.account?.name ?? '—',
        },
      ]}
    />
  );
}

/** 调解队伍: the mediation teams of the account's subtree, with members and their cases; managers edit them. */
export default function TeamsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const manage = can('mediationTeam.manage');
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/mediation/teams/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mediation'] }),
    onError: (e) => message.error(e.message),
  });
  const columns: TableColumnsType<Team> = [
    {
      title: t('mediation.field.name'),
      dataIndex: 'name',
      render: (n: string, team) => (
        <Space>
          <strong>{n}</strong>
          {!team.active && <Tag>{t('mediation.field.active')}: ✗</Tag>}
        </Space>
      ),
    },
    { title: t('mediation.field.community'), key: 'community', render: (_, team) => team.community.name },
    { title: t('mediation.field.teamPlace'), dataIndex: 'place', render: (p: string | null) => p ?? '—' },
    {
      title: t('mediation.field.members'),
      key: 'members',
      render: (_, team) => {
        const leader = team.members.find((m) => m.role === 'leader');
        return `${leader ? `${leader.name} · ` : ''}${t('mediation.membersCount', { count: team.members.length })}`;
      },
    },
    {
      title: t('mediation.field.cases'),
      key: 'cases',
      align: 'right',
      render: (_, team) => t('mediation.caseCount', { all: team.caseCount, open: team.openCaseCount }),
    },
    ...(manage
      ? [
          {
            title: '',
            key: 'actions',
            width: 110,
            render: (_: unknown, team: Team) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(team)}
                  data-testid={`team-edit-${team.id}`}
                />
                <Popconfirm
                  title={t('mediation.deleteTeamConfirm', { name: team.name })}
                  onConfirm={() => remove.mutate(team.id)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="mediation-teams-page">
      <PageTitle
        title={t('mediation.teamsTitle')}
        help={t('mediation.teamsHelp')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="team-new">
              {t('mediation.newTeam')}
            </Button>
          )
        }
      />
      <FilterBar<{ communityId?: number; q?: string }>
        testId="team-filter"
        onSearch={(v) => setFilters({ communityId: v.communityId, q: v.q?.trim() || undefined })}
      >
        <Form.Item name="communityId" label={t('mediation.field.community')}>
          <CommunityPicker allowClear />
        </Form.Item>
        <Form.Item name="q" label={t('mediation.field.q')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<Team>
        queryKey={['mediation', 'teams']}
        path="/api/mediation/teams"
        filters={filters}
        columns={columns}
        rowKey={(team) => team.id}
        testId="team-table"
        expandable={{ expandedRowRender: (team) => <MembersTable members={team.members} /> }}
      />
      {editing && <TeamModal team={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
