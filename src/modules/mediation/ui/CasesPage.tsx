import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page, TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { CommunityPicker } from './TeamsPage';
import {
  CASE_STATUSES,
  DISPUTE_CATEGORIES,
  MEDIATION_OUTCOMES,
  OUTCOME_COLORS,
  PARTY_ROLES,
  STATUS_COLORS,
  type CaseDetail,
  type CaseListItem,
  type MediationOutcome,
  type PartyRole,
  type Team,
} from './types';

export function StatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
        {t(`mediation.status.${status}`)}
      </Tag>
      {overdue && <Tag color="error">{t('mediation.overdue')}</Tag>}
    </Space>
  );
}

export function OutcomeTag({ outcome }: { outcome: MediationOutcome | null }) {
  const { t } = useTranslation();
  if (!outcome) return <>—</>;
  return <Tag color={OUTCOME_COLORS[outcome]}>{t(`mediation.outcome.${outcome}`)}</Tag>;
}

interface NewCaseValues {
  title: string;
  description?: string;
  category: string;
  place?: TerritoryRef;
  parties: { name: string; role: PartyRole; contact?: string }[];
}

function NewCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewCaseValues>();
  const create = useMutation({
    mutationFn: (v: NewCaseValues) =>
      api.post<CaseDetail>('/api/mediation/cases', {
        title: v.title,
        description: v.description || null,
        category: v.category,
        territoryId: v.place?.id ?? null,
        parties: (v.parties ?? []).map((p) => ({
          name: p.name,
          role: p.role,
          ...(p.contact ? { contact: p.contact } : {}),
        })),
      }),
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ['mediation'] });
      onClose();
      void navigate(`/mediation/cases/${res.order.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place' }),
  });
  return (
    <Modal
      open
      title={t('mediation.newCase')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={680}
      destroyOnHidden
    >
      <Form<NewCaseValues>
        form={form}
        layout="vertical"
        data-testid="case-form"
        initialValues={{
          category: 'neighbourhood',
          parties: [
            { name: '', role: 'applicant' },
            { name: '', role: 'respondent' },
          ],
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('mediation.field.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="case-title" />
        </Form.Item>
        <Form.Item name="description" label={t('mediation.field.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="category" label={t('mediation.field.category')}>
            <Select
              style={{ width: 180 }}
              options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: t(`mediation.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="place"
            label={t('mediation.field.place')}
            rules={[{ required: true }]}
            style={{ minWidth: 320 }}
          >
            <TerritoryTreeSelect testId="case-place" />
          </Form.Item>
        </Space>
        <Form.Item label={t('mediation.field.parties')}>
          <Form.List name="parties">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, message: t('mediation.field.partyName') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input
                        placeholder={t('mediation.field.partyName')}
                        style={{ width: 160 }}
                        data-testid={`case-party-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} style={{ marginBottom: 8 }}>
                      <Select
                        style={{ width: 130 }}
                        options={PARTY_ROLES.map((r) => ({ value: r, label: t(`mediation.partyRole.${r}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'contact']} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('mediation.field.contact')} style={{ width: 170 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', role: 'other' })}>
                  {t('mediation.addParty')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FilterValues {
  territoryId?: number;
  status?: string;
  teamId?: number;
  outcome?: MediationOutcome;
  q?: string;
}

/** 矛盾调解: mediation cases (orders of kind mediation) of the account's view, with team, parties and outcome. */
export default function CasesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const teams = useQuery({
    queryKey: ['mediation', 'teams', 'all'],
    queryFn: () => api.get<Page<Team>>('/api/mediation/teams', { pageSize: 200 }),
    enabled: can('mediationTeam.read'),
  });
  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('mediation.field.title'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <Link to={`/mediation/cases/${c.id}`} data-testid={`case-link-${c.id}`}>
          {title}
        </Link>
      ),
    },
    {
      title: t('mediation.field.parties'),
      key: 'parties',
      render: (_, c) =>
        c.parties.length
          ? c.parties.map((p) => (
              <Tag
                key={`${p.role}${p.name}`}
                color={p.role === 'applicant' ? 'blue' : p.role === 'respondent' ? 'volcano' : 'default'}
              >
                {p.name}
              </Tag>
            ))
          : '—',
    },
    {
      title: t('mediation.field.category'),
      dataIndex: 'category',
      width: 120,
      render: (c: string) => t(`mediation.category.${c}`, { defaultValue: c }),
    },
    { title: t('mediation.field.community'), key: 'community', render: (_, c) => c.community.name },
    {
      title: t('mediation.field.team'),
      key: 'team',
      render: (_, c) => (c.team ? `${c.team.name}${c.mediator ? `（${c.mediator.name}）` : ''}` : '—'),
    },
    {
      title: t('mediation.field.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: string, c) => <StatusTag status={s} overdue={c.overdue} />,
    },
    { title: t('mediation.field.sessions'), dataIndex: 'sessionCount', align: 'right', width: 90 },
    {
      title: t('mediation.field.outcome'),
      dataIndex: 'outcome',
      width: 130,
      render: (o: MediationOutcome | null) => <OutcomeTag outcome={o} />,
    },
    {
      title: t('mediation.field.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <div data-testid="mediation-cases-page">
      <PageTitle
        title={t('mediation.casesTitle')}
        help={t('mediation.casesHelp')}
        extra={
          can('mediation.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-new">
              {t('mediation.newCase')}
            </Button>
          )
        }
      />
      <FilterBar<FilterValues>
        testId="case-filter"
        onSearch={(v) =>
          setFilters({
            territoryId: v.territoryId,
            status: v.status,
            teamId: v.teamId,
            outcome: v.outcome,
            q: v.q?.trim() || undefined,
          })
        }
      >
        <Form.Item name="territoryId" label={t('mediation.field.community')}>
          <CommunityPicker allowClear />
        </Form.Item>
        <Form.Item name="status" label={t('mediation.field.status')}>
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('mediation.allStatuses')}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`mediation.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="teamId" label={t('mediation.field.team')}>
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('mediation.allTeams')}
            options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('mediation.field.outcome')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={MEDIATION_OUTCOMES.map((o) => ({ value: o, label: t(`mediation.outcome.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('mediation.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<CaseListItem>
        queryKey={['mediation', 'cases']}
        path="/api/mediation/cases"
        filters={filters}
        columns={columns}
        rowKey={(c) => c.id}
        testId="case-table"
        scrollX={1200}
      />
      {creating && <NewCaseModal onClose={() => setCreating(false)} />}
    </div>
  );
}
