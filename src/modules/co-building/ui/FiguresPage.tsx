import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Form, Row, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { CoTabs } from './shared';
import type { Figures } from './types';

/** 共建数据: needs raised/met, resources offered/used, projects done/on time; each figure opens its records. */
export default function FiguresPage() {
  const { t } = useTranslation();
  const [node, setNode] = useState<TerritoryRef | undefined>();
  // No period chosen: the server's default (this year to today, in China time).
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const q = useQuery({
    queryKey: ['coBuilding', 'figures', node?.id, period?.[0].valueOf(), period?.[1].valueOf()],
    queryFn: () =>
      api.get<Figures>('/api/co-building/figures', {
        territoryId: node?.id,
        from: period?.[0].format('YYYY-MM-DD'),
        to: period?.[1].format('YYYY-MM-DD'),
      }),
  });
  const shown: [Dayjs, Dayjs] | null = period ?? (q.data ? [dayjs(q.data.from), dayjs(q.data.to)] : null);
  return (
    <div data-testid="co-figures-page">
      <PageTitle title={t('coBuilding.figuresTitle')} help={t('coBuilding.figuresHelp')} />
      <CoTabs />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label={t('coBuilding.field.area')} style={{ minWidth: 320 }}>
          <TerritoryTreeSelect value={node} onChange={(v) => setNode(v ?? undefined)} />
        </Form.Item>
        <Form.Item label={t('coBuilding.field.period')}>
          <DatePicker.RangePicker
            value={shown}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])}
          />
        </Form.Item>
      </Form>
      {!q.data ? (
        <PageSpin />
      ) : (
        <Row gutter={[16, 16]} data-testid="co-figures">
          {q.data.figures.map((f) => (
            <Col key={f.key} xs={24} sm={12} lg={8}>
              <Link to={f.link} data-testid={`figure-${f.key}`}>
                <Card size="small" hoverable>
                  <Statistic title={t(`coBuilding.figure.${f.key}`)} value={f.value} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.formula}
                  </Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
