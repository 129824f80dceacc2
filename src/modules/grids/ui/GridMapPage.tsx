import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Popover,
  Row,
  Segmented,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { PageTitle } from '../../../web/components/PageTitle';
import { GridMapView } from './GridMapView';
import { CommunitySelect, KindTag, WorkersTable } from './shared';
import { GRID_KINDS, KIND_COLORS, type GridDetail, type GridMapData } from './types';

/** 网格地图: the grids of the scope on the real district boundaries; click a grid for its workers. */
export default function GridMapPage() {
  const { t } = useTranslation();
  const [communityId, setCommunityId] = useState<number | undefined>();
  const [selected, setSelected] = useState<number | null>(null);
  const [extent, setExtent] = useState<'grids' | 'district'>('grids');
  const map = useQuery({
    queryKey: ['grids', 'map', communityId ?? null],
    queryFn: () => api.get<GridMapData>('/api/grids/map', { communityId }),
  });
  const detail = useQuery({
    queryKey: ['grids', 'detail', selected],
    queryFn: () => api.get<GridDetail>(`/api/grids/${selected}`),
    enabled: selected !== null,
  });
  const features = map.data?.grids.features ?? [];

  return (
    <div data-testid="grid-map-page">
      <PageTitle
        title={t('grids.mapTitle')}
        help={t('grids.mapHelp')}
        extra={
          <Space wrap>
            {/* Where the shapes come from: an "about" note, not text on the page (issue 10 item 16). */}
            <Popover
              content={<div style={{ maxWidth: 360 }}>{t('grids.aboutMapText')}</div>}
              title={t('grids.aboutMap')}
              trigger="click"
            >
              <Button type="link" size="small" data-testid="grid-map-about">
                {t('grids.aboutMap')}
              </Button>
            </Popover>
            <Segmented<'grids' | 'district'>
              data-testid="grid-map-extent"
              value={extent}
              onChange={setExtent}
              options={[
                { value: 'grids', label: t('grids.extent.grids') },
                { value: 'district', label: t('grids.extent.district') },
              ]}
            />
            <CommunitySelect
              value={communityId}
              onChange={(v) => {
                setCommunityId(v);
                setSelected(null);
              }}
              testId="grid-map-community"
            />
          </Space>
        }
      />
      {map.isError && <Alert type="error" showIcon title={map.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card styles={{ body: { padding: 8 } }}>
            {map.data ? (
              <GridMapView data={map.data} selectedId={selected} onSelect={setSelected} extent={extent} />
            ) : (
              <div style={{ height: 560, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                <Spin />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small" title={t('grids.legend')} data-testid="grid-map-legend">
              <Space wrap>
                {GRID_KINDS.map((k) => (
                  <Badge
                    key={k}
                    color={KIND_COLORS[k]}
                    text={`${t(`grids.kind.${k}`)} ${features.filter((f) => f.properties.kind === k).length}`}
                  />
                ))}
              </Space>
            </Card>
            <Card
              size="small"
              title={
                selected !== null && detail.data
                  ? t('grids.workersOf', { name: detail.data.name })
                  : t('grids.selectGrid')
              }
              data-testid="grid-map-panel"
            >
              {selected === null ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grids.selectGrid')} />
              ) : detail.data ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t('grids.field.kind')}>
                      <KindTag kind={detail.data.kind} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('grids.field.community')}>
                      {detail.data.community.name}
                    </Descriptions.Item>
                    {detail.data.department && (
                      <Descriptions.Item label={t('grids.field.department')}>
                        {detail.data.department}
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                  <WorkersTable workers={detail.data.workers} testId="grid-map-workers" />
                </Space>
              ) : (
                <Spin />
              )}
            </Card>
            <Card size="small" title={t('grids.gridCount', { count: features.length })}>
              <List
                data-testid="grid-map-list"
                size="small"
                dataSource={features}
                locale={{ emptyText: t('grids.noGrids') }}
                style={{ maxHeight: 260, overflow: 'auto' }}
                renderItem={(f) => (
                  <List.Item
                    onClick={() => setSelected(f.properties.id)}
                    style={{
                      cursor: 'pointer',
                      background: f.properties.id === selected ? '#fff1f0' : undefined,
                      paddingInline: 8,
                    }}
                  >
                    <Space>
                      <span
                        style={{
                          display: 'inline-block',
                          width: 10,
                          height: 10,
                          borderRadius: 2,
                          background: KIND_COLORS[f.properties.kind],
                        }}
                      />
                      <Typography.Text>{f.properties.name}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
