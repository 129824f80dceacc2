import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { formatNumber } from '../../../web/components/format';
import type { WorkCard as WorkCardWire } from '../contract';

type Json<T> = T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
export type WorkCardData = Json<WorkCardWire>;

const ALERT = new Set(['overdue', 'escalated', 'flags']);

/**
 * 我的工作 on the home page (issue 10 item 19): what waits for the caller's roles in their subtree and this month's
 * three rates, each a link to the list of exactly those records. A role with nothing to count sees no card.
 */
export function WorkCard() {
  const { t } = useTranslation();
  const work = useQuery({
    queryKey: ['dashboard', 'work'],
    queryFn: ({ signal }) => api.get<WorkCardData>('/api/dashboard/work', undefined, signal),
  });
  if (work.isPending) return <Skeleton active paragraph={{ rows: 2 }} style={{ marginBottom: 16 }} />;
  const w = work.data;
  if (!w || (w.counts.length === 0 && w.rates.length === 0)) return null;
  return (
    <Card
      data-testid="work-card"
      title={t('dashboard.work.title')}
      extra={
        <Typography.Text type="secondary">{t('dashboard.work.scope', { name: w.territory.name })}</Typography.Text>
      }
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[16, 16]}>
        {w.counts.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Link to={c.link} data-testid={`work-${c.key}`}>
              <Card size="small" hoverable>
                <Statistic
                  title={t(`dashboard.work.count.${c.key}`)}
                  value={c.count}
                  formatter={(v) => formatNumber(Number(v))}
                  styles={{ content: { color: ALERT.has(c.key) && c.count > 0 ? '#cf1322' : undefined } }}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {w.rates.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('dashboard.work.rates', { month: w.month })}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {w.rates.map((r) => (
              <Col key={r.key} xs={24} md={8}>
                <Link to={r.link} data-testid={`work-${r.key}`}>
                  <Card size="small" hoverable>
                    <Statistic
                      title={t(`dashboard.work.rate.${r.key}`)}
                      value={r.value === null ? '—' : r.value.toFixed(1)}
                      suffix={r.value === null ? undefined : '%'}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`dashboard.work.ratio.${r.key}`, { n: r.numerator, d: r.denominator })}
                    </Typography.Text>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </>
      )}
    </Card>
  );
}
