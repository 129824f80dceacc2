import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Drawer, Empty, Form, InputNumber, List, Row, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { LiveMapView } from './LiveMapView';
import type { GridLiveData, HotspotActionData, HotspotListData, LiveMapData } from './types';

const CATEGORIES = [
  'environment',
  'repair',
  'safety',
  'neighbourhood',
  'elderly',
  'parking',
  'greening',
  'property',
  'policy',
  'other',
];

/** 工单地图: grids by open orders, overdue points, the heat of reports; a grid's orders; hotspots and their two actions. */
export default function LiveMapPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [params] = useSearchParams();
  const [node, setNode] = useState<TerritoryRef | undefined>();
  const territoryId = node?.id ?? (Number(params.get('territoryId')) || undefined);
  const [category, setCategory] = useState<string | undefined>();
  const [gridId, setGridId] = useState<number | null>(null);
  const [rule, setRule] = useState({ minCount: 3, days: 30 });
  const [by, setBy] = useState<'compound' | 'grid'>('compound');
  const [created, setCreated] = useState<Record<string, HotspotActionData>>({});

  const map = useQuery({
    queryKey: ['dashboard', 'map', territoryId, category],
    queryFn: ({ signal }) => api.get<LiveMapData>('/api/dashboard/map', { territoryId, category }, signal),
  });
  const grid = useQuery({
    queryKey: ['dashboard', 'grid', gridId],
    queryFn: ({ signal }) => api.get<GridLiveData>(`/api/dashboard/map/grids/${gridId}`, undefined, signal),
    enabled: gridId !== null,
  });
  const hot = useQuery({
    queryKey: ['dashboard', 'hotspots', territoryId, rule.minCount, rule.days, by],
    queryFn: ({ signal }) => api.get<HotspotListData>('/api/dashboard/hotspots', { territoryId, ...rule, by }, signal),
  });
  const act = useMutation({
    mutationFn: (v: { kind: 'need' | 'agenda'; compoundId: number; category: string }) =>
      api.post<HotspotActionData>(`/api/dashboard/hotspots/${v.kind}`, {
        compoundId: v.compoundId,
        category: v.category,
        ...rule,
      }),
    onSuccess: (r, v) => {
      setCreated((c) => ({ ...c, [`${v.kind}:${v.compoundId}:${v.category}`]: r }));
      message.success(t('dashboard.hotspots.done'));
    },
    onError: (e) =>
      message.error(
        isApiError(e) && e.fields.length ? e.fields.map((f) => f.message).join('；') : (e as Error).message,
      ),
  });
  const labels = useMemo(() => ({ open: t('dashboard.map.open'), overdue: t('dashboard.map.overdue') }), [t]);
  const catLabel = (c: string) => t(`orders.category.${c}`, { defaultValue: c });

  return (
    <div data-testid="live-map-page">
      <PageTitle title={t('dashboard.map.title')} help={t('dashboard.map.help')} />
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label={t('dashboard.area')} style={{ minWidth: 320 }}>
          <TerritoryTreeSelect value={node} onChange={(v) => setNode(v ?? undefined)} />
        </Form.Item>
        <Form.Item label={t('dashboard.map.category')}>
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('dashboard.map.allCategories')}
            value={category}
            onChange={setCategory}
            options={CATEGORIES.map((c) => ({ value: c, label: catLabel(c) }))}
          />
        </Form.Item>
      </Form>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small">
            {map.data ? (
              <LiveMapView data={map.data} selectedId={gridId} onSelect={setGridId} labels={labels} height={620} />
            ) : (
              <PageSpin />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            size="small"
            title={t('dashboard.hotspots.title')}
            extra={
              <Space size={4}>
                <Select
                  size="small"
                  value={by}
                  onChange={setBy}
                  style={{ width: 90 }}
                  options={[
                    { value: 'compound', label: t('dashboard.hotspots.byCompound') },
                    { value: 'grid', label: t('dashboard.hotspots.byGrid') },
                  ]}
                />
                <InputNumber
                  size="small"
                  min={2}
                  max={1000}
                  value={rule.minCount}
                  addonAfter={t('dashboard.hotspots.minCount')}
                  onChange={(v) => v && setRule((r) => ({ ...r, minCount: v }))}
                  style={{ width: 110 }}
                  data-testid="hotspot-min"
                />
                <InputNumber
                  size="small"
                  min={1}
                  max={366}
                  value={rule.days}
                  addonAfter={t('dashboard.hotspots.days')}
                  onChange={(v) => v && setRule((r) => ({ ...r, days: v }))}
                  style={{ width: 110 }}
                />
              </Space>
            }
          >
            <div style={{ color: '#8c8c8c', marginBottom: 8 }}>{t('dashboard.hotspots.help')}</div>
            {!hot.data ? (
              <PageSpin />
            ) : hot.data.items.length === 0 ? (
              <Empty description={t('dashboard.hotspots.empty')} />
            ) : (
              <List
                data-testid="hotspots"
                dataSource={hot.data.items}
                renderItem={(h) => {
                  const compound = h.compound;
                  const key = (k: string) => `${k}:${compound?.id ?? ''}:${h.category}`;
                  return (
                    <List.Item>
                      <div style={{ width: '100%' }}>
                        <Space wrap>
                          <b>{(compound ?? h.grid)?.name}</b>
                          <Tag color="red">{catLabel(h.category)}</Tag>
                          <span>
                            {t('dashboard.hotspots.count')} {h.count}
                          </span>
                          <span style={{ color: '#8c8c8c' }}>{h.community.name}</span>
                        </Space>
                        <div style={{ margin: '4px 0' }}>
                          {h.orders.slice(0, 6).map((o) => (
                            <Link key={o.id} to={`/orders/${o.id}`} style={{ marginInlineEnd: 8 }}>
                              #{o.id}
                            </Link>
                          ))}
                        </div>
                        <Space>
                          {compound &&
                            can('coBuilding.raise') &&
                            (created[key('need')] ? (
                              <Link to={created[key('need')]!.link}>{t('dashboard.hotspots.done')}</Link>
                            ) : (
                              <Button
                                size="small"
                                loading={act.isPending}
                                onClick={() =>
                                  act.mutate({ kind: 'need', compoundId: compound.id, category: h.category })
                                }
                              >
                                {t('dashboard.hotspots.toNeed')}
                              </Button>
                            ))}
                          {compound &&
                            can('meeting.manage') &&
                            (created[key('agenda')] ? (
                              <Link to={created[key('agenda')]!.link}>{t('dashboard.hotspots.done')}</Link>
                            ) : (
                              <Button
                                size="small"
                                loading={act.isPending}
                                onClick={() =>
                                  act.mutate({ kind: 'agenda', compoundId: compound.id, category: h.category })
                                }
                              >
                                {t('dashboard.hotspots.toAgenda')}
                              </Button>
                            ))}
                        </Space>
                      </div>
                    </List.Item>
                  );
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Drawer
        open={gridId !== null}
        onClose={() => setGridId(null)}
        width={520}
        title={grid.data ? `${grid.data.grid.name} · ${t('dashboard.map.gridOrders')}` : t('dashboard.map.gridOrders')}
      >
        {grid.data && (
          <div data-testid="grid-live">
            <Space style={{ marginBottom: 12 }}>
              <Tag>
                {t('dashboard.map.open')} {grid.data.open}
              </Tag>
              <Tag color="red">
                {t('dashboard.map.overdue')} {grid.data.overdue}
              </Tag>
              <Link to={grid.data.drill}>{t('dashboard.map.allOrders')}</Link>
            </Space>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={grid.data.orders}
              columns={[
                { title: '#', dataIndex: 'id', render: (id: number) => <Link to={`/orders/${id}`}>#{id}</Link> },
                { title: t('dashboard.map.category'), dataIndex: 'category', render: catLabel },
                {
                  title: '',
                  dataIndex: 'title',
                  render: (s: string, o) => (
                    <>
                      {s} {o.overdue && <Tag color="red">{t('dashboard.map.overdue')}</Tag>}
                    </>
                  ),
                },
                { title: '', dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
              ]}
            />
          </div>
        )}
      </Drawer>
    </div>
  );
}
