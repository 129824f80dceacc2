import { Form, Input, Select, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FilterBar } from '../../../web/components/FilterBar';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { GradeCell } from './shared';
import { recentPeriods, type EvaluationRow } from './types';

/** 双评议: for one period, the community's and the unit's evaluation of each in-service member side by side. */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  const periods = recentPeriods();
  const [filters, setFilters] = useState<Filters>({ period: periods[3] });
  const columns: TableColumnsType<EvaluationRow> = [
    {
      title: t('partyMembers.field.name'),
      key: 'name',
      width: 120,
      render: (_, r) => <Link to={`/party-members/${r.member.id}`}>{r.member.name}</Link>,
    },
    { title: t('partyMembers.field.homeBranch'), key: 'home', render: (_, r) => r.member.homeBranchName },
    { title: t('partyMembers.side.community'), key: 'community', render: (_, r) => <GradeCell value={r.community} /> },
    { title: t('partyMembers.side.unit'), key: 'unit', render: (_, r) => <GradeCell value={r.unit} /> },
  ];
  return (
    <div data-testid="evaluations-page">
      <PageTitle title={t('partyMembers.evaluationsTitle')} help={t('partyMembers.evaluationsHelp')} />
      <FilterBar<{ period: string; q?: string }>
        onSearch={(v) => setFilters({ period: v.period ?? periods[3], q: v.q?.trim() || undefined })}
      >
        <Form.Item name="period" initialValue={periods[3]}>
          <Select style={{ width: 120 }} options={periods.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item name="q">
          <Input placeholder={t('partyMembers.field.name')} allowClear style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<EvaluationRow>
        queryKey={['partyMembers', 'evaluations']}
        path="/api/party-members/evaluations"
        filters={filters}
        columns={columns}
        rowKey={(r) => `${r.member.id}-${r.period}`}
        testId="evaluations-table"
      />
    </div>
  );
}
