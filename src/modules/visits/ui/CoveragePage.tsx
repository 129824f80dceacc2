import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Progress, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { EChart, type ChartOption } from '../../../web/components/EChart';
import { PageTitle } from '../../../web/components/PageTitle';
import { monthRange, type Coverage, type CoverageRow } from './types';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** The visits list a coverage row counted: the worker's visits to their liaison households in the month. */
export const drillTo = (month: string, workerId: number) => {
  const { from, to } = monthRange(month);
  return `/visits?workerId=${workerId}&from=${from}&to=${to}&assigned=true`;
};

/** 走访覆盖率: per grid worker, liaison households visited in the month ÷ assigned; table and bars, rows drill down. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const query = {
    month,
    communityId: params.get('communityId') ?? undefined,
    gridId: params.get('gridId') ?? undefined,
    territoryId: params.get('territoryId') ?? undefined,
  };
  const cov = useQuery({
    queryKey: ['visits', 'coverage', query],
    queryFn: ({ signal }) => api.get<Coverage>('/api/visits/coverage', query, signal),
  });
  const data = cov.data;
  const rows = useMemo(() => data?.items ?? [], [data]);
  const open = (r: CoverageRow) => data && void navigate(drillTo(data.month, r.worker.id));

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => `${r.worker.name}（${r.grid.name}）`) },
      series: [
        {
          type: 'bar',
          name: t('visits.coverage.rate'),
          data: rows.map((r) => (r.rate === null ? 0 : Math.round(r.rate * 1000) / 10)),
          itemStyle: { color: '#c41d1d' },
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    }),
    [rows, t],
  );

  const columns: TableColumnsType<CoverageRow> = [
    { title: t('visits.field.worker'), key: 'worker', render: (_, r) => r.worker.name },
    { title: t('visits.field.grid'), key: 'grid', render: (_, r) => r.grid.name },
    { title: t('visits.field.community'), key: 'community', render: (_, r) => r.community.name },
    { title: t('visits.coverage.assigned'), dataIndex: 'assigned', align: 'right' },
    { title: t('visits.coverage.visited'), dataIndex: 'visited', align: 'right' },
    {
      title: t('visits.coverage.rate'),
      key: 'rate',
      width: 180,
      render: (_, r) =>
        r.rate === null ? (
          '—'
        ) : (
          <Progress percent={Math.round(r.rate * 1000) / 10} size="small" strokeColor="#c41d1d" />
        ),
    },
    { title: t('visits.coverage.visits'), dataIndex: 'visits', align: 'right' },
    { title: t('visits.coverage.findings'), dataIndex: 'findings', align: 'right' },
    {
      title: '',
      key: 'drill',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => open(r)} data-testid={`coverage-drill-${r.worker.id}`}>
          {t('visits.coverage.drill')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="coverage-page">
      <PageTitle
        title={t('visits.coverage.title')}
        help={t('visits.coverage.help')}
        extra={
          <Space>
            <span>{t('visits.coverage.month')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${data?.month ?? month ?? dayjs().format('YYYY-MM')}-01`)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => {
                const next = new URLSearchParams(params);
                if (d) next.set('month', d.format('YYYY-MM'));
                setParams(next);
              }}
              data-testid="coverage-month"
            />
          </Space>
        }
      />
      {cov.isError && <Alert type="error" showIcon title={cov.error.message} style={{ marginBottom: 12 }} />}
      {data && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="coverage-total">
          <Space size="large" wrap>
            <Typography.Text strong>
              {t('visits.coverage.total')}：{pct(data.total.rate)}（{data.total.visited} / {data.total.assigned}）
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('visits.coverage.formula')}：{data.formula}（{data.from} ~ {data.to}）
            </Typography.Text>
          </Space>
        </Card>
      )}
      {rows.length > 0 && (
        <Card size="small" title={t('visits.coverage.chart')} style={{ marginBottom: 16 }}>
          <EChart
            option={option}
            height={Math.max(160, rows.length * 32 + 40)}
            testId="coverage-chart"
            ariaLabel={t('visits.coverage.chart')}
            onItemClick={(i) => rows[i] && open(rows[i])}
          />
        </Card>
      )}
      <div data-testid="coverage-table">
        <Table<CoverageRow>
          rowKey={(r) => r.worker.id}
          columns={columns}
          dataSource={rows}
          loading={cov.isFetching}
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('visits.coverage.none') }}
        />
      </div>
    </div>
  );
}
