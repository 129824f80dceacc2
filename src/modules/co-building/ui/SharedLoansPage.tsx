import { Button, DatePicker, Form, Segmented, Space, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { formatDateTime } from '../../../web/components/format';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { LedgerButton } from './LedgerButton';
import { useUrlFilters } from './shared';
import { LOAN_STATES, LoanStatusTag, ReceiveModal, type SharedLoan } from './SharedItemsParts';

const FILTER_KEYS = ['territoryId', 'state', 'itemId', 'borrowerAccountId', 'from', 'to'];

/** 借用记录: the loans of the caller's area by state; overdue ones in red; 确认归还 at the counter (decision 042). */
export default function SharedLoansPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const [receiving, setReceiving] = useState<SharedLoan | null>(null);
  const state = typeof filters.state === 'string' ? filters.state : 'all';
  const columns: TableColumnsType<SharedLoan> = [
    {
      title: t('coShared.field.item'),
      key: 'item',
      render: (_, l) => (
        <Link to={`/co-building/shared-items?item=${l.item.id}`} data-testid={`shared-loan-item-${l.id}`}>
          {l.item.name}
        </Link>
      ),
    },
    { title: t('coShared.field.place'), key: 'p', render: (_, l) => l.place.name },
    {
      title: t('coShared.field.borrower'),
      key: 'b',
      render: (_, l) => (
        <span>
          {l.borrower.name}
          {l.borrower.phone && <Typography.Text type="secondary"> · {l.borrower.phone}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('coShared.field.channel'),
      dataIndex: 'channel',
      width: 90,
      render: (c: string) => t(`coShared.channel.${c}`),
    },
    { title: t('coShared.field.lentAt'), dataIndex: 'lentAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('coShared.field.dueOn'),
      dataIndex: 'dueOn',
      width: 110,
      render: (d: string, l) => (l.overdue ? <Typography.Text type="danger">{d}</Typography.Text> : d),
    },
    {
      title: t('coShared.field.loanStatus'),
      key: 's',
      width: 150,
      render: (_, l) => (
        <span data-testid={`shared-loan-status-${l.id}`}>
          <LoanStatusTag loan={l} />
        </span>
      ),
    },
    {
      title: t('coShared.field.conditionIn'),
      key: 'c',
      width: 90,
      render: (_, l) => (l.conditionIn ? t(`coShared.condition.${l.conditionIn}`) : '—'),
    },
    { title: t('coShared.field.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
    {
      title: '',
      key: 'a',
      width: 140,
      fixed: 'right',
      render: (_, l) =>
        can('coBuilding.manage') &&
        (l.status === 'out' || l.status === 'returnRequested') && (
          <Button
            size="small"
            type="primary"
            onClick={() => setReceiving(l)}
            data-testid={`shared-loan-receive-${l.id}`}
          >
            {t('coShared.receive')}
          </Button>
        ),
    },
  ];
  return (
    <div data-testid="shared-loans-page">
      <PageTitle
        title={t('coShared.loansTitle')}
        help={t('coShared.loansHelp')}
        extra={<Link to="/co-building/shared-items">{t('coShared.nav.items')}</Link>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          data-testid="shared-loan-state"
          value={state}
          onChange={(v) => setFilters({ ...filters, state: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('coShared.allLoans') },
            ...LOAN_STATES.map((s) => ({
              value: s,
              label: <span data-testid={`shared-loan-state-${s}`}>{t(`coShared.state.${s}`)}</span>,
            })),
          ]}
        />
      </Space>
      <FilterBar<{ place?: TerritoryRef; period?: [Dayjs | null, Dayjs | null] | null }>
        testId="shared-loan-filter"
        onSearch={(v) =>
          setFilters({
            ...filters,
            territoryId: v.place?.id,
            from: v.period?.[0]?.format('YYYY-MM-DD'),
            to: v.period?.[1]?.format('YYYY-MM-DD'),
          })
        }
        extra={<LedgerButton list="shared-loans" filters={filters} />}
      >
        <Form.Item name="place" label={t('coShared.field.community')} style={{ minWidth: 220 }}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="period" label={t('coShared.field.lentAt')}>
          <DatePicker.RangePicker />
        </Form.Item>
      </FilterBar>
      <PagedTable<SharedLoan>
        queryKey={['coShared', 'loans']}
        path="/api/co-building/shared-loans"
        filters={filters}
        columns={columns}
        rowKey={(l) => l.id}
        testId="shared-loan-table"
        scrollX={1250}
      />
      {receiving && <ReceiveModal loan={receiving} onClose={() => setReceiving(null)} />}
    </div>
  );
}
