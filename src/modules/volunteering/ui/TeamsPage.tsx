import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { TEAM_KINDS, type Team, type TeamListItem } from './types';

interface NewValues {
  kind: string;
  place?: TerritoryRef;
  name: string;
  duties?: string;
  description?: string;
}

function NewTeamModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewValues>();
  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api.post<Team>('/api/volunteering/teams', {
        kind: v.kind,
        territoryId: v.place?.id,
        name: v.name,
        description: v.description || null,
        duties: (v.duties ?? '')
          .split(/[,，、]/)
          .map((x) => x.trim())
          .filter(Boolean),
      }),
    onSuccess: (tm) => {
      void qc.invalidateQueries({ queryKey: ['volunteering'] });
      onClose();
      void navigate(`/volunteering/teams/${tm.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place' }),
  });
  return (
    <Modal
      open
      title={t('volunteering.teams.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'volunteer' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="kind" label={t('volunteering.field.kind')}>
          <Select options={TEAM_KINDS.map((k) => ({ value: k, label: t(`volunteering.teamKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="place" label={t('volunteering.field.territory')} rules={[{ required: true }]}>
          <TerritoryTreeSelect testId="team-territory" />
        </Form.Item>
        <Form.Item name="name" label={t('volunteering.field.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="duties" label={t('volunteering.field.duties')}>
          <Input placeholder="文明劝导、助老助残" />
        </Form.Item>
        <Form.Item name="description" label={t('volunteering.field.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 队伍与岗位: volunteer and commando teams, vanguard and model posts (the figures' drill-down). */
export default function TeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<TeamListItem> = [
    {
      title: t('volunteering.field.name'),
      dataIndex: 'name',
      render: (n: string, r) => <Link to={`/volunteering/teams/${r.id}`}>{n}</Link>,
    },
    {
      title: t('volunteering.field.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (k: string) => <Tag>{t(`volunteering.teamKind.${k}`)}</Tag>,
    },
    { title: t('volunteering.field.territory'), key: 'territory', width: 150, render: (_, r) => r.territory.name },
    { title: t('volunteering.field.duties'), dataIndex: 'duties', render: (d: string[]) => d.join('、') },
    { title: t('volunteering.field.members'), dataIndex: 'members', width: 80, align: 'right' },
    { title: t('volunteering.teams.hours'), dataIndex: 'confirmedHours', width: 150, align: 'right' },
  ];
  return (
    <div data-testid="vol-teams-page">
      <PageTitle
        title={t('volunteering.teams.title')}
        help={t('volunteering.teams.help')}
        extra={
          <Space>
            <a href="/api/volunteering/export.xlsx?kind=teams">
              <Button icon={<DownloadOutlined />}>{t('volunteering.export')}</Button>
            </a>
            {can('volunteering.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('volunteering.teams.new')}
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar<{ kind?: string; q?: string }>
        testId="team-filter"
        onSearch={(v) => setFilters({ kind: v.kind, q: v.q?.trim() || undefined })}
      >
        <Form.Item name="kind" label={t('volunteering.field.kind')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={TEAM_KINDS.map((k) => ({ value: k, label: t(`volunteering.teamKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('volunteering.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<TeamListItem>
        queryKey={['volunteering', 'teams']}
        path="/api/volunteering/teams"
        filters={{ territoryId: params.get('territoryId') ?? undefined, ...filters }}
        columns={columns}
        rowKey={(r) => r.id}
        testId="team-table"
      />
      {creating && <NewTeamModal onClose={() => setCreating(false)} />}
    </div>
  );
}
