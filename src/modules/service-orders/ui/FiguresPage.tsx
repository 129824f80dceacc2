import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  DatePicker,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatNumber } from '../../../web/components/format';
import { EChart, type ChartOption } from '../../../web/components/EChart';
import {
  drillUrl,
  formatPercent,
  PERIODS,
  periodRange,
  trendMonths,
  type Counts,
  type Drill,
  type OrderFigures,
  type OrderTrend,
  type Period,
} from './FiguresShared';

/** The figures with a card, in the order of seed 002 (found / claimed / resolved) and the 12345 assessment rates. */
const CARDS = [
  'found',
  'claimed',
  'resolved',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'overdue',
  'averageResolveHours',
] as const;
type CardKey = (typeof CARDS)[number];
const RATES: readonly CardKey[] = ['responseRate', 'resolutionRate', 'satisfactionRate'];
const COLORS: Partial<Record<CardKey, string>> = { found: '#c8102e', resolved: '#389e0d', overdue: '#d4380d' };

type RankRow = Counts & { key: string; name: string; drill: Drill };
type SortKey = CardKey;

function cardValue(f: Counts, k: CardKey): string {
  const v = f[k];
  if (RATES.includes(k)) return formatPercent(v);
  if (v === null) return '—';
  return k === 'averageResolveHours' ? v.toFixed(1) : formatNumber(v);
}

/** A ranking metric as a chart value (rates in percent, missing values as 0). */
const metricValue = (r: Counts, k: SortKey): number => {
  const v = r[k];
  if (v === null) return 0;
  return RATES.includes(k) ? Math.round(v * 1000) / 10 : v;
};

function compare(k: SortKey, desc: boolean) {
  return (a: RankRow, b: RankRow): number => {
    const av = a[k];
    const bv = b[k];
    // Rows without a value (no orders) go last whichever way the list is sorted.
    if (av === null && bv === null) return a.name.localeCompare(b.name, 'zh-CN');
    if (av === null) return 1;
    if (bv === null) return -1;
    return (desc ? bv - av : av - bv) || a.name.localeCompare(b.name, 'zh-CN');
  };
}

/** 工单统计: found / claimed / resolved, the three rates, overdue and time to resolve of a subtree and period, with rankings, a trend, and a drill-down from every figure to the orders behind it. */
export default function FiguresPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [place, setPlace] = useState<TerritoryRef | undefined>();
  const [period, setPeriod] = useState<Period>('thisMonth');
  const [custom, setCustom] = useState<[Dayjs, Dayjs] | null>(null);
  const [of, setOf] = useState<'nodes' | 'units' | 'grids'>('nodes');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'found', desc: true });
  const range = periodRange(period, custom);
  const params = { territoryId: place?.id, from: range?.from.toISOString(), to: range?.to.toISOString() };

  const figures = useQuery({
    queryKey: ['orders', 'figures', params],
    queryFn: ({ signal }) => api.get<OrderFigures>('/api/orders/figures', params, signal),
    enabled: range !== null,
  });
  const f = figures.data;

  // The trend: found and resolved per month over the 12 months ending with the period, in one request.
  const trendEnd = (range?.to ?? dayjs().startOf('month').add(1, 'month')).valueOf();
  const months = useMemo(() => trendMonths(dayjs(trendEnd)), [trendEnd]);
  const trendParams = {
    territoryId: place?.id,
    from: months[0]!.from.format('YYYY-MM'),
    to: months[months.length - 1]!.to.format('YYYY-MM'),
  };
  const trend = useQuery({
    queryKey: ['orders', 'figures', 'trend', trendParams],
    queryFn: ({ signal }) => api.get<OrderTrend>('/api/orders/figures/trend', trendParams, signal),
    staleTime: 60_000,
    enabled: f !== undefined,
  });
  // A stable signature of the monthly numbers, so the chart is redrawn only when they change.
  const trendSig = trend.data ? JSON.stringify(trend.data.months.map((m) => [m.found, m.resolved])) : null;

  const rows: RankRow[] = useMemo(() => {
    if (!f) return [];
    const list: RankRow[] =
      of === 'nodes'
        ? f.ranking.map((r) => ({ ...r, key: r.direct ? 'direct' : `t${r.territory.id}`, name: r.territory.name }))
        : of === 'grids'
          ? f.gridRanking.map((r) => ({
              ...r,
              key: r.grid ? `g${r.grid.id}` : 'g0',
              name: r.grid?.name ?? t('orderFigures.noGrid'),
            }))
          : f.unitRanking.map((r) => ({ ...r, key: `u${r.unit.id}`, name: r.unit.name }));
    // The node's own row (社区直属) and the no-grid row stay last: they are what is left, not a competitor.
    const last = (r: RankRow) => (r.key === 'direct' || r.key === 'g0' ? 1 : 0);
    return list.sort((a, b) => last(a) - last(b) || compare(sort.key, sort.desc)(a, b));
  }, [f, of, sort, t]);

  const rankingOption = useMemo<ChartOption>(
    () => ({
      color: ['#c8102e'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        max: RATES.includes(sort.key) ? 100 : undefined,
        axisLabel: { formatter: RATES.includes(sort.key) ? '{value}%' : '{value}' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t(`orderFigures.figure.${sort.key}`),
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: RATES.includes(sort.key) ? '{c}%' : '{c}' },
          data: rows.map((r) => metricValue(r, sort.key)),
        },
      ],
    }),
    [rows, sort.key, t],
  );

  const trendOption = useMemo<ChartOption | null>(() => {
    if (!trendSig) return null;
    const data = (JSON.parse(trendSig) as [number, number][]).map(([found, resolved]) => ({ found, resolved }));
    return {
      color: ['#c8102e', '#389e0d'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => m.from.format('YYYY-MM')) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: t('orderFigures.figure.found'), smooth: false, data: data.map((d) => d.found) },
        { type: 'line', name: t('orderFigures.figure.resolved'), smooth: false, data: data.map((d) => d.resolved) },
      ],
    };
  }, [trendSig, months, t]);

  const go = (drill: Drill | undefined) => {
    if (drill) void navigate(drillUrl(drill));
  };
  const sortOrder = (k: SortKey) => (sort.key === k ? (sort.desc ? 'descend' : 'ascend') : null);
  const metricColumn = (k: SortKey, width = 112): TableColumnsType<RankRow>[number] => ({
    title: t(`orderFigures.short.${k}`),
    key: k,
    align: 'right',
    width,
    sorter: true,
    sortOrder: sortOrder(k),
    sortDirections: ['descend', 'ascend'],
    render: (_, r) => cardValue(r, k),
  });

  return (
    <div data-testid="order-figures-page">
      <PageTitle
        title={t('orderFigures.title')}
        help={t('orderFigures.help')}
        extra={
          <Space wrap>
            <div style={{ width: 240 }}>
              <TerritoryTreeSelect
                value={place}
                onChange={setPlace}
                placeholder={f ? f.territory.name : t('orderFigures.scope')}
                testId="figures-territory"
              />
            </div>
            <Segmented<Period>
              value={period}
              onChange={setPeriod}
              options={PERIODS.map((p) => ({ value: p, label: t(`orderFigures.period.${p}`) }))}
              data-testid="figures-period"
            />
            {period === 'custom' && (
              <DatePicker.RangePicker
                value={custom}
                onChange={(v) => setCustom(v && v[0] && v[1] ? [v[0], v[1]] : null)}
                disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
                data-testid="figures-range"
              />
            )}
          </Space>
        }
      />
      {figures.isError && <Alert type="error" showIcon title={figures.error.message} style={{ marginBottom: 16 }} />}
      {period === 'custom' && !custom && (
        <Alert type="info" showIcon title={t('orderFigures.pickRange')} style={{ marginBottom: 16 }} />
      )}
      {!f ? (
        range && !figures.isError && <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="figures-caption">
            {t('orderFigures.caption', {
              place: f.territory.name,
              from: range?.from.format('YYYY-MM-DD'),
              to: range?.to.subtract(1, 'day').format('YYYY-MM-DD'),
            })}
          </Typography.Paragraph>
          <Row gutter={[12, 12]} data-testid="figures-cards">
            {CARDS.map((k) => (
              <Col key={k} xs={12} md={8} xl={6} xxl={3}>
                <Card size="small" hoverable onClick={() => go(f.drill[k])} data-testid={`figure-${k}`} title={null}>
                  <Statistic
                    title={t(`orderFigures.figure.${k}`)}
                    value={cardValue(f, k)}
                    suffix={
                      k === 'averageResolveHours' && f.averageResolveHours !== null
                        ? t('orderFigures.hours')
                        : undefined
                    }
                    valueStyle={{ color: COLORS[k] ?? (RATES.includes(k) ? '#cf1322' : undefined), fontSize: 26 }}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {k === 'satisfactionRate'
                      ? t('orderFigures.reopened', { count: f.reopened })
                      : t(`orderFigures.hint.${k}`)}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>

          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={14}>
              <Card
                size="small"
                title={
                  <Segmented
                    value={of}
                    onChange={(v) => setOf(v === 'units' || v === 'grids' ? v : 'nodes')}
                    options={[
                      { value: 'nodes', label: t('orderFigures.rankNodes') },
                      ...(f.gridRanking.length ? [{ value: 'grids', label: t('orderFigures.rankGrids') }] : []),
                      { value: 'units', label: t('orderFigures.rankUnits') },
                    ]}
                    data-testid="figures-rank-of"
                  />
                }
                extra={
                  <Space size={4}>
                    <Typography.Text type="secondary">{t('orderFigures.sortBy')}</Typography.Text>
                    <Select<SortKey>
                      size="small"
                      style={{ width: 120 }}
                      value={sort.key}
                      onChange={(key) =>
                        setSort({ key, desc: key !== 'averageResolveHours' && key !== 'overdue' ? true : sort.desc })
                      }
                      options={CARDS.map((k) => ({ value: k, label: t(`orderFigures.short.${k}`) }))}
                      data-testid="figures-sort"
                    />
                    <Segmented
                      size="small"
                      value={sort.desc ? 'desc' : 'asc'}
                      onChange={(v) => setSort({ ...sort, desc: v === 'desc' })}
                      options={[
                        { value: 'desc', label: t('orderFigures.desc') },
                        { value: 'asc', label: t('orderFigures.asc') },
                      ]}
                    />
                  </Space>
                }
              >
                <EChart
                  option={rankingOption}
                  empty={rows.length === 0 && t('orderFigures.noRanking')}
                  height={Math.max(160, Math.min(rows.length, 30) * 30 + 24)}
                  testId="chart-ranking"
                  onItemClick={(i) => go(rows[i]?.drill)}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('orderFigures.trend')}>
                <EChart
                  option={trendOption}
                  loading={!trendOption}
                  testId="chart-trend"
                  onItemClick={(i) => go(trend.data?.months[i]?.drill)}
                />
              </Card>
            </Col>
          </Row>

          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={t(
              of === 'nodes'
                ? 'orderFigures.rankNodes'
                : of === 'grids'
                  ? 'orderFigures.rankGrids'
                  : 'orderFigures.rankUnits',
            )}
          >
            <Table<RankRow>
              size="small"
              rowKey="key"
              dataSource={rows}
              pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 1260 }}
              data-testid="figures-ranking"
              onRow={(r) => ({
                onClick: () => go(r.drill),
                style: { cursor: 'pointer' },
                ...{ 'data-testid': `rank-${r.key}` },
              })}
              onChange={(_, __, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                const key = CARDS.find((k) => k === s?.columnKey);
                if (key && s?.order) setSort({ key, desc: s.order === 'descend' });
              }}
              columns={[
                { title: '#', key: 'rank', width: 48, render: (_, __, i) => i + 1 },
                {
                  title: t(
                    of === 'nodes' ? 'orderFigures.place' : of === 'grids' ? 'orderFigures.grid' : 'orderFigures.unit',
                  ),
                  key: 'name',
                  dataIndex: 'name',
                  ellipsis: true,
                  width: 200,
                },
                ...CARDS.map((k) => metricColumn(k)),
                {
                  title: t('orderFigures.short.reopened'),
                  key: 'reopened',
                  align: 'right',
                  width: 104,
                  render: (_, r) => formatNumber(r.reopened),
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
