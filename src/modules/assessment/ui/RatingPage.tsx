import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { EChart, type ChartOption } from '../../../web/components/EChart';
import { AsTabs } from './shared';
import type { Period, RankRow, Ranking } from './types';

/** 西宁评议: every unit's score in a period as a chart, the top ten and the bottom ten, with the formula. */
export default function RatingPage() {
  const { t } = useTranslation();
  const periods = useQuery({
    queryKey: ['assessment', 'periods'],
    queryFn: () => api.get<Period[]>('/api/assessment/rating-periods'),
  });
  const [chosen, setChosen] = useState<number | undefined>();
  const periodId = chosen ?? periods.data?.[0]?.id;
  const r = useQuery({
    queryKey: ['assessment', 'ranking', periodId],
    queryFn: () => api.get<Ranking>(`/api/assessment/rating-periods/${periodId}/ranking`),
    enabled: periodId !== undefined,
  });
  const option = useMemo<ChartOption>(() => {
    const rows = (r.data?.units ?? []).filter((u) => u.score !== null).reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', data: rows.map((u) => u.unit.name) },
      series: [
        {
          type: 'bar',
          data: rows.map((u) => ({
            value: u.score!,
            itemStyle: { color: u.score! >= 80 ? '#52c41a' : u.score! >= 60 ? '#1677ff' : '#ff4d4f' },
          })),
          label: { show: true, position: 'right' },
        },
      ],
    } as ChartOption;
  }, [r.data]);
  const columns = [
    { title: '#', render: (_: unknown, __: RankRow, i: number) => i + 1, width: 48 },
    { title: t('assessment.field.unit'), render: (_: unknown, u: RankRow) => u.unit.name },
    { title: t('assessment.field.kind'), render: (_: unknown, u: RankRow) => t(`assessment.unitKind.${u.unit.kind}`) },
    {
      title: t('assessment.field.residents'),
      render: (_: unknown, u: RankRow) => `${u.residentMean ?? '—'} (${u.residentCount})`,
    },
    {
      title: t('assessment.field.supervisors'),
      render: (_: unknown, u: RankRow) => `${u.supervisorMean ?? '—'} (${u.supervisorCount})`,
    },
    { title: t('assessment.field.score'), render: (_: unknown, u: RankRow) => <b>{u.score}</b> },
  ];
  const count = (r.data?.units ?? []).filter((u) => u.score !== null).length;
  return (
    <div data-testid="as-rating-page">
      <PageTitle title={t('assessment.ratingTitle')} help={t('assessment.ratingHelp')} />
      <AsTabs />
      <Select
        style={{ width: 260, marginBottom: 12 }}
        value={periodId}
        onChange={setChosen}
        options={(periods.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        data-testid="as-period"
      />
      {periods.data && periods.data.length === 0 && <Empty />}
      {periodId !== undefined && !r.data && <PageSpin />}
      {r.data && (
        <>
          <Typography.Paragraph type="secondary" data-testid="as-rating-formula">
            {t('assessment.formulaLabel')}：{r.data.formula}
          </Typography.Paragraph>
          <Card size="small" title={t('assessment.allUnits')} style={{ marginBottom: 16 }}>
            <EChart option={option} height={Math.max(200, count * 28)} testId="as-rating-chart" />
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('assessment.topTen')} data-testid="as-top">
                <Table
                  rowKey={(u) => u.unit.id}
                  size="small"
                  pagination={false}
                  dataSource={r.data.top}
                  columns={columns}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('assessment.bottomTen')} data-testid="as-bottom">
                <Table
                  rowKey={(u) => u.unit.id}
                  size="small"
                  pagination={false}
                  dataSource={r.data.bottom}
                  columns={columns}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
