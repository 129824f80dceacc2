import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDateTime } from '../../../web/components/format';
import { RiverMap } from './RiverMap';
import { METRIC_LABELS, METRICS, type AlertT, type Metric, type PatrolT, type RiverT } from './types';

const metricLabel = (m: Metric, lang: string) => METRIC_LABELS[m][lang === 'en-US' ? 'en-US' : 'zh-CN'];

/** 党建+河长制: rivers and routes on the map, stations with thresholds and latest readings, alerts, patrol logs. */
export default function RiverPage({ tab = 'map' }: { tab?: 'map' | 'alerts' | 'patrols' }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [closing, setClosing] = useState<number | null>(null);
  const [key, setKey] = useState<{ code: string; key: string } | null>(null);
  const rivers = useQuery({ queryKey: ['river', 'rivers'], queryFn: () => api.get<RiverT[]>('/api/river/rivers') });
  const patrols = useQuery({
    queryKey: ['river', 'patrols', 'recent'],
    queryFn: () => api.get<{ items: PatrolT[] }>('/api/river/patrols', { pageSize: 20 }),
  });
  const filters = {
    territoryId: params.get('territoryId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    stationId: params.get('stationId') ?? undefined,
  };
  const lang = i18n.language;
  const rotate = async (id: number) => {
    try {
      setKey(await api.post<{ code: string; key: string }>(`/api/river/stations/${id}/key`));
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
    }
  };
  const stations = (rivers.data ?? []).flatMap((r) => r.stations.map((s) => ({ ...s, river: r.name })));
  return (
    <>
      <PageTitle title={t('river.title')} help={t('river.help')} />
      {rivers.isError && <Alert type="error" title={rivers.error.message} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => nav(k === 'map' ? '/river' : `/river/${k}`)}
        items={[
          {
            key: 'map',
            label: t('river.tab.map'),
            children: (
              <>
                <Card style={{ marginBottom: 16 }}>
                  <RiverMap rivers={rivers.data ?? []} patrols={patrols.data?.items ?? []} />
                  <Space wrap style={{ marginTop: 8 }}>
                    {(rivers.data ?? []).map((r) => (
                      <Tag key={r.id} color="blue">
                        {r.name} · {r.place.name} · {r.chief ?? ''}
                      </Tag>
                    ))}
                  </Space>
                </Card>
                <Card title={t('river.station.title')}>
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={stations}
                    data-testid="river-stations"
                    columns={[
                      { title: t('river.station.name'), render: (_, s) => `${s.name}（${s.code}）` },
                      { title: t('river.station.river'), dataIndex: 'river' },
                      {
                        title: t('river.station.thresholds'),
                        render: (_, s) =>
                          s.thresholds.map((x) => (
                            <Tag key={x.metric}>
                              {metricLabel(x.metric, lang)} {x.min ?? '−∞'}～{x.max ?? '+∞'} {METRICS[x.metric]}
                            </Tag>
                          )),
                      },
                      {
                        title: t('river.station.latest'),
                        render: (_, s) =>
                          s.latest.map((x) => {
                            const th = s.thresholds.find((y) => y.metric === x.metric);
                            const bad =
                              th && ((th.max != null && x.value > th.max) || (th.min != null && x.value < th.min));
                            return (
                              <Tag key={x.metric} color={bad ? 'red' : 'green'}>
                                {metricLabel(x.metric, lang)} {x.value} {METRICS[x.metric]}
                              </Tag>
                            );
                          }),
                      },
                      {
                        title: t('river.alert.open'),
                        render: (_, s) => (s.openAlerts ? <Tag color="red">{s.openAlerts}</Tag> : 0),
                      },
                      {
                        title: t('river.station.key'),
                        render: (_, s) =>
                          can('river.manage') && (
                            <Button size="small" onClick={() => void rotate(s.id)}>
                              {t('river.station.rotate')}
                            </Button>
                          ),
                      },
                    ]}
                  />
                </Card>
              </>
            ),
          },
          {
            key: 'alerts',
            label: t('river.tab.alerts'),
            children: (
              <PagedTable<AlertT>
                queryKey={['river', 'alerts']}
                path="/api/river/alerts"
                filters={filters}
                rowKey={(r) => r.id}
                testId="river-alerts"
                columns={[
                  { title: t('river.alert.at'), render: (_, r) => formatDateTime(r.measuredAt) },
                  { title: t('river.station.name'), render: (_, r) => `${r.river.name} · ${r.station.name}` },
                  {
                    title: t('river.alert.reading'),
                    render: (_, r) =>
                      `${metricLabel(r.metric, lang)} ${r.value} ${METRICS[r.metric]}（${t(`river.alert.${r.direction}`)} ${r.bound}）`,
                  },
                  {
                    title: t('river.alert.status'),
                    render: (_, r) =>
                      r.status === 'open' ? (
                        <Space>
                          <Tag color="red">{t('river.alert.open')}</Tag>
                          {can('river.manage') && (
                            <Button size="small" onClick={() => setClosing(r.id)}>
                              {t('river.alert.close')}
                            </Button>
                          )}
                        </Space>
                      ) : (
                        <Tag>
                          {t('river.alert.closed')} {r.closeNote}
                        </Tag>
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'patrols',
            label: t('river.tab.patrols'),
            children: (
              <PagedTable<PatrolT>
                queryKey={['river', 'patrols']}
                path="/api/river/patrols"
                filters={filters}
                rowKey={(r) => r.id}
                testId="river-patrols"
                columns={[
                  {
                    title: t('river.patrol.at'),
                    render: (_, r) => `${formatDateTime(r.startedAt)} – ${formatDateTime(r.endedAt).slice(-5)}`,
                  },
                  { title: t('river.patrol.route'), render: (_, r) => `${r.river.name} · ${r.route.name}` },
                  { title: t('river.patrol.who'), dataIndex: 'patroller' },
                  { title: t('river.patrol.note'), dataIndex: 'note' },
                  {
                    title: t('river.patrol.problems'),
                    render: (_, r) =>
                      r.problems.map((p) => (
                        <Typography.Link key={p.id} href={p.orderId ? `/orders/${p.orderId}` : undefined}>
                          {p.description}
                        </Typography.Link>
                      )),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <FormModal<{ note: string }>
        open={closing !== null}
        title={t('river.alert.close')}
        submit={(v) => api.post(`/api/river/alerts/${closing}/close`, v)}
        onDone={async () => {
          setClosing(null);
          await qc.invalidateQueries({ queryKey: ['river'] });
        }}
        onCancel={() => setClosing(null)}
      >
        <Form.Item name="note" label={t('river.alert.closeNote')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
      <Modal
        open={key !== null}
        title={t('river.station.newKey')}
        onOk={() => setKey(null)}
        onCancel={() => setKey(null)}
      >
        <Alert type="warning" title={t('river.station.keyOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="river-key">
          {key?.key}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          curl -X POST /api/river/ingest -H &quot;Authorization: Bearer {key?.key.slice(0, 8)}…&quot; -d &apos;
          {`{"station":"${key?.code}","readingId":"…","metric":"waterLevel","value":2.5,"measuredAt":"…"}`}&apos;
        </Typography.Text>
      </Modal>
    </>
  );
}
