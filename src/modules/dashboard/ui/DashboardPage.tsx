import { DesktopOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Form, Row, Select, Space, Statistic, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { EChart, type ChartOption } from '../../../web/components/EChart';
import { formatAmount, type DashboardData, type FigureCardData } from './types';

type Child = DashboardData['children'][number];

/**
 * 数据驾驶舱: every declared figure for the chosen area and period as a card (formula on hover, click for the
 * records), the level below in a sortable table and a ranking chart, and each figure's monthly trend.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [node, setNode] = useState<TerritoryRef | undefined>();
  const territoryId = node?.id ?? (Number(params.get('territoryId')) || undefined);
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const q = useQuery({
    queryKey: ['dashboard', territoryId, period?.[0].valueOf(), period?.[1].valueOf()],
    queryFn: ({ signal }) =>
      api.get<DashboardData>(
        '/api/dashboard',
        { territoryId, from: period?.[0].format('YYYY-MM-DD'), to: period?.[1].format('YYYY-MM-DD') },
        signal,
      ),
  });
  const d = q.data;
  const [picked, setPicked] = useState<string | undefined>();
  const figureKey = picked ?? d?.figures.find((f) => f.key === 'orders.resolutionRate')?.key ?? d?.figures[0]?.key;
  const figure = d?.figures.find((f) => f.key === figureKey);
  const shown: [Dayjs, Dayjs] | null = period ?? (d ? [dayjs(d.from), dayjs(d.to)] : null);

  const sections = useMemo(() => {
    const out = new Map<string, FigureCardData[]>();
    for (const f of d?.figures ?? []) out.set(f.section, [...(out.get(f.section) ?? []), f]);
    return [...out];
  }, [d]);

  const ranked = useMemo(() => {
    if (!d || !figure) return [];
    const v = (c: Child) => c.amounts[figure.key]?.value ?? null;
    return [...d.children].sort((a, b) => {
      const x = v(a);
      const y = v(b);
      if (x === null) return 1;
      if (y === null) return -1;
      return figure.higherIsBetter ? y - x : x - y;
    });
  }, [d, figure]);

  const rankingOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 120, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: ranked.map((c) => c.territory.name) },
      series: [
        {
          type: 'bar',
          name: figure?.label,
          data: ranked.map((c) => c.amounts[figure?.key ?? '']?.value ?? 0),
          itemStyle: { color: '#c0392b' },
        },
      ],
    }),
    [ranked, figure],
  );
  const trendOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 24, bottom: 24 },
      xAxis: { type: 'category', data: d?.trend.months ?? [] },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'line',
          name: figure?.label,
          smooth: true,
          data: d?.trend.values[figure?.key ?? ''] ?? [],
          itemStyle: { color: '#c0392b' },
        },
      ],
    }),
    [d, figure],
  );

  const columns: TableColumnsType<Child> = [
    {
      title: t('dashboard.area_col'),
      key: 'area',
      fixed: 'left',
      render: (_, c) => (
        <a
          onClick={() => {
            setNode({ id: c.territory.id, name: c.territory.name } as TerritoryRef);
            setParams({ territoryId: String(c.territory.id) });
          }}
        >
          {c.territory.name}
        </a>
      ),
    },
    ...(d?.figures ?? []).map((f) => ({
      title: <Tooltip title={f.formula}>{f.label}</Tooltip>,
      key: f.key,
      align: 'right' as const,
      sorter: (a: Child, b: Child) => (a.amounts[f.key]?.value ?? -1) - (b.amounts[f.key]?.value ?? -1),
      render: (_: unknown, c: Child) => (
        <Link to={c.drills[f.key] ?? '#'}>{formatAmount(f, c.amounts[f.key]?.value)}</Link>
      ),
    })),
  ];

  return (
    <div data-testid="dashboard-page">
      <PageTitle
        title={t('dashboard.title')}
        help={t('dashboard.help')}
        extra={
          <Space>
            <Button
              icon={<EnvironmentOutlined />}
              onClick={() => navigate(`/dashboard/map${territoryId ? `?territoryId=${territoryId}` : ''}`)}
            >
              {t('dashboard.openMap')}
            </Button>
            <Button
              icon={<DesktopOutlined />}
              onClick={() => window.open(`/screen${territoryId ? `?territoryId=${territoryId}` : ''}`, '_blank')}
            >
              {t('dashboard.openScreen')}
            </Button>
          </Space>
        }
      />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label={t('dashboard.area')} style={{ minWidth: 320 }}>
          <TerritoryTreeSelect value={node} onChange={(v) => setNode(v ?? undefined)} />
        </Form.Item>
        <Form.Item label={t('dashboard.period')}>
          <DatePicker.RangePicker
            value={shown}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
          />
        </Form.Item>
      </Form>
      {!d ? (
        <PageSpin />
      ) : (
        <>
          {sections.map(([section, figs]) => (
            <Card
              key={section}
              size="small"
              title={t(`dashboard.section.${section}`, { defaultValue: section })}
              style={{ marginBottom: 16 }}
            >
              <Row gutter={[12, 12]}>
                {figs.map((f) => (
                  <Col key={f.key} xs={12} md={8} lg={6} xl={4}>
                    <Tooltip title={f.formula}>
                      <Link to={f.drill} data-testid={`figure-${f.key}`}>
                        <Card size="small" hoverable>
                          <Statistic
                            title={f.label}
                            value={formatAmount(f, f.amount.value, t('dashboard.noValue'))}
                            valueStyle={{ color: f.key === figureKey ? '#c0392b' : undefined, fontSize: 22 }}
                          />
                        </Card>
                      </Link>
                    </Tooltip>
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
          <Card
            size="small"
            title={t('dashboard.levelBelow')}
            style={{ marginBottom: 16 }}
            extra={
              <Space>
                {t('dashboard.figure')}
                <Select
                  style={{ width: 220 }}
                  value={figureKey}
                  onChange={setPicked}
                  options={d.figures.map((f) => ({ value: f.key, label: f.label }))}
                  data-testid="dashboard-figure-select"
                />
              </Space>
            }
          >
            {d.children.length === 0 ? (
              <Empty description={t('dashboard.noChildren')} />
            ) : (
              <Row gutter={16}>
                <Col xs={24} xl={16}>
                  <Table
                    size="small"
                    rowKey={(c) => c.territory.id}
                    columns={columns}
                    dataSource={d.children}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    data-testid="dashboard-children"
                  />
                </Col>
                <Col xs={24} xl={8}>
                  <EChart
                    option={rankingOption}
                    height={Math.max(200, ranked.length * 28 + 40)}
                    testId="dashboard-ranking"
                    onItemClick={(i) => {
                      const c = ranked[i];
                      if (c && figure) void navigate(c.drills[figure.key] ?? '#');
                    }}
                  />
                </Col>
              </Row>
            )}
          </Card>
          <Card size="small" title={`${t('dashboard.trend')} · ${figure?.label ?? ''}`}>
            <EChart option={trendOption} height={280} testId="dashboard-trend" />
          </Card>
        </>
      )}
    </div>
  );
}
