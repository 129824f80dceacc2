import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { PageTitle } from '../../../web/components/PageTitle';
import { AsTabs } from './shared';
import type { Centre } from './types';

/** 党群服务中心: centres with area, opening hours, rooms and their use (bookings, hours booked). */
export default function CentresPage() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['assessment', 'centres'],
    queryFn: () => api.get<Centre[]>('/api/assessment/centres'),
  });
  return (
    <div data-testid="as-centres-page">
      <PageTitle title={t('assessment.centresTitle')} help={t('assessment.centresHelp')} />
      <AsTabs />
      <Row gutter={[16, 16]}>
        {(q.data ?? []).map((c) => (
          <Col key={c.id} xs={24} lg={12}>
            <Card size="small" title={c.name} data-testid={`as-centre-${c.id}`}>
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('assessment.field.place')}>{c.place}</Descriptions.Item>
                <Descriptions.Item label={t('assessment.field.area')}>{c.areaM2} m²</Descriptions.Item>
                <Descriptions.Item label={t('assessment.field.hours')} span={2}>
                  {c.openingHours}
                </Descriptions.Item>
              </Descriptions>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.rooms}
                columns={[
                  { title: t('assessment.field.room'), dataIndex: 'name' },
                  { title: t('assessment.field.capacity'), dataIndex: 'capacity' },
                  { title: t('assessment.field.bookings'), dataIndex: 'bookings' },
                  { title: t('assessment.field.bookedHours'), render: (_, r) => Math.round(r.hours * 10) / 10 },
                ]}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
