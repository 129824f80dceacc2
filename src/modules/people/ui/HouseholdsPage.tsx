import { Form, Input, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { ExportButton, ImportButton } from './ledger';
import type { Household } from './types';
import { useCan } from '../../../web/app/auth';

/** 住户管理: households (territory nodes of level household) with their member counts. */
export default function HouseholdsPage() {
  const { t } = useTranslation();
  const has = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const columns: TableColumnsType<Household> = [
    {
      title: t('people.field.address'),
      dataIndex: 'address',
      render: (a: string, h) => <Link to={`/people/households/${h.id}`}>{a}</Link>,
    },
    {
      title: t('people.householder'),
      dataIndex: 'householderName',
      width: 140,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('people.memberCount'), dataIndex: 'memberCount', width: 100, align: 'right' },
  ];
  return (
    <div data-testid="households-page">
      <PageTitle
        title={t('people.householdsTitle')}
        help={t('people.householdsHelp')}
        extra={
          <Space>
            {has('resident.create') && (
              <ImportButton
                base="/api/people/households"
                title={t('people.householdLedger')}
                onDone={() => void queryClient.invalidateQueries({ queryKey: ['people', 'households'] })}
              />
            )}
            {has('resident.export') && (
              <ExportButton
                path="/api/people/households/export.xlsx"
                params={filters}
                fileName={`${t('people.householdLedger')}.xlsx`}
              />
            )}
          </Space>
        }
      />
      <FilterBar<{ area?: TerritoryRef; q?: string }>
        onSearch={(v) => setFilters({ territoryId: v.area?.id, q: v.q?.trim() || undefined })}
      >
        <Form.Item name="area" style={{ width: 260 }}>
          <TerritoryTreeSelect placeholder={t('people.filterArea')} />
        </Form.Item>
        <Form.Item name="q">
          <Input placeholder={t('people.filterHousehold')} allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<Household>
        queryKey={['people', 'households']}
        path="/api/people/households"
        filters={filters}
        columns={columns}
        rowKey={(h) => h.id}
        testId="households-table"
      />
    </div>
  );
}
