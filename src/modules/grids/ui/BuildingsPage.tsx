import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { useDebounced } from '../../../web/components/useDebounced';
import { CommunitySelect } from './shared';
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

const KEY = ['grids', 'buildings'] as const;

type BuildingRow = WireOf<typeof C.BuildingRow>;
type Holder = NonNullable<BuildingRow['lead']>;
interface RoleValues {
  leadName?: string;
  responsibleMemberId?: number | null;
}

/** Party members of the caller's scope, searched by name (the building's responsible party member). */
function MemberSelect({
  value,
  onChange,
  current,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  current: Holder | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const members = useQuery({
    queryKey: ['grids', 'buildings', 'members', q],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: number; name: string; homeBranch?: { name: string } | null }>>(
        '/api/party-members',
        { q: q || undefined, pageSize: 20 },
        signal,
      ),
  });
  const options = (members.data?.items ?? []).map((m) => ({
    value: m.id,
    label: m.homeBranch?.name ? `${m.name}（${m.homeBranch.name}）` : m.name,
  }));
  if (current?.partyMemberId && !options.some((o) => o.value === current.partyMemberId))
    options.unshift({ value: current.partyMemberId, label: current.name });
  return (
    <Select<number>
      data-testid="building-form-responsible"
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('grids.buildings.pickMember')}
      loading={members.isPending}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
    />
  );
}

/**
 * 楼栋: the buildings of the scope with their two roles (seed 004) — the building lead 楼栋长 and the responsible
 * party member 楼栋责任党员, who (or a party member living there) meets "一名党员一栋楼".
 */
export default function BuildingsPage() {
  const { t } = useTranslation();
  const canManage = useCan()('grid.manageWorkers');
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<BuildingRow | null>(null);

  const save = async (v: RoleValues) => {
    const b = editing!;
    const leadName = v.leadName?.trim() ?? '';
    if (leadName && leadName !== b.lead?.name)
      await api.put(`/api/grids/buildings/${b.buildingId}/lead`, { name: leadName });
    if (!leadName && b.lead) await api.delete(`/api/grids/buildings/${b.buildingId}/lead`);
    const memberId = v.responsibleMemberId ?? null;
    if (memberId !== null && memberId !== b.responsibleMember?.partyMemberId)
      await api.put(`/api/grids/buildings/${b.buildingId}/responsible-member`, { partyMemberId: memberId });
    if (memberId === null && b.responsibleMember)
      await api.delete(`/api/grids/buildings/${b.buildingId}/responsible-member`);
  };
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <div data-testid="buildings-page">
      <PageTitle title={t('grids.buildings.title')} help={t('grids.buildings.help')} />
      <FilterBar<{ communityId?: number; withoutLead?: boolean }>
        testId="building-filter"
        onSearch={(v) => setFilters({ communityId: v.communityId, withoutLead: v.withoutLead ? 'true' : undefined })}
      >
        <Form.Item name="communityId" label={t('grids.field.community')}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="withoutLead" valuePropName="checked">
          <Checkbox>{t('grids.buildings.withoutLead')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <PagedTable<BuildingRow>
        queryKey={KEY}
        path="/api/grids/buildings"
        filters={filters}
        rowKey={(b) => b.buildingId}
        testId="building-table"
        emptyText={t('grids.buildings.none')}
        columns={[
          { title: t('grids.buildings.building'), dataIndex: 'label' },
          {
            title: t('grids.buildings.lead'),
            key: 'lead',
            render: (_, b) => (b.lead ? b.lead.name : none),
          },
          {
            title: t('grids.buildings.responsible'),
            key: 'responsible',
            render: (_, b) =>
              b.responsibleMember ? (
                <span>
                  {b.responsibleMember.name} <Tag color="red">{t('grids.buildings.partyMember')}</Tag>
                </span>
              ) : (
                none
              ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_: unknown, b: BuildingRow) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(b)}
                      data-testid={`building-edit-${b.buildingId}`}
                    >
                      {t('grids.buildings.set')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<RoleValues>
        open={editing !== null}
        title={editing ? t('grids.buildings.setTitle', { building: editing.label }) : ''}
        initialValues={{
          leadName: editing?.lead?.name,
          responsibleMemberId: editing?.responsibleMember?.partyMemberId ?? null,
        }}
        submit={save}
        onDone={async () => {
          setEditing(null);
          await queryClient.invalidateQueries({ queryKey: ['grids'] });
        }}
        onCancel={() => setEditing(null)}
        testId="building-form"
      >
        <Form.Item name="leadName" label={t('grids.buildings.lead')} extra={t('grids.buildings.leadHelp')}>
          <Input maxLength={50} data-testid="building-form-lead" />
        </Form.Item>
        <Form.Item
          name="responsibleMemberId"
          label={t('grids.buildings.responsible')}
          extra={t('grids.buildings.responsibleHelp')}
        >
          <MemberSelect current={editing?.responsibleMember ?? null} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
