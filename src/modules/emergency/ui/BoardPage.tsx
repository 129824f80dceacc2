import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { FormModal } from '../../../web/components/FormModal';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatDateTime } from '../../../web/components/format';
import { EChart, type ChartOption } from '../../../web/components/EChart';
import { POST_KINDS, VISIT_RESULTS, type EmBoard } from './types';

type Ref = { id: number } | undefined;

/** The live board of one emergency: coverage per building (chart), posts and rosters, tasks and check-ins. */
export default function BoardPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [modal, setModal] = useState<'off' | 'post' | 'campaign' | 'task' | 'visit' | null>(null);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['emergency', 'board', id],
    queryFn: () => api.get<EmBoard>(`/api/emergency/events/${id}/board`),
    refetchInterval: 30_000,
  });
  const b = q.data;
  const chart = useMemo<ChartOption>(() => {
    const rows = (b?.campaigns ?? []).flatMap((c) =>
      c.buildings.map((x) => ({
        ...x,
        label: b!.campaigns.length > 1 ? `${c.name}·${x.building.name}` : x.building.name,
      })),
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, bottom: 80, top: 50 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { rotate: rows.length > 6 ? 35 : 0, interval: 0 },
      },
      yAxis: { type: 'value', name: t('emergency.board.households') },
      series: [
        {
          name: t('emergency.visit.visited'),
          type: 'bar',
          stack: 'h',
          color: '#52c41a',
          data: rows.map((r) => r.visited),
        },
        {
          name: t('emergency.visit.needsHelp'),
          type: 'bar',
          stack: 'h',
          color: '#fa8c16',
          data: rows.map((r) => r.needsHelp),
        },
        {
          name: t('emergency.visit.notHome'),
          type: 'bar',
          stack: 'h',
          color: '#faad14',
          data: rows.map((r) => r.notHome),
        },
        {
          name: t('emergency.board.pending'),
          type: 'bar',
          stack: 'h',
          color: '#d9d9d9',
          data: rows.map((r) => r.households - r.covered - r.notHome),
        },
      ],
    };
  }, [b, t]);
  if (q.isLoading) return <PageSpin />;
  if (!b) return <Alert type="error" title={q.error?.message} />;
  const e = b.event;
  const active = e.status === 'active';
  const refresh = async () => {
    setModal(null);
    await qc.invalidateQueries({ queryKey: ['emergency'] });
  };
  return (
    <>
      <PageTitle
        title={e.name}
        help={active ? t('emergency.board.help') : t('emergency.board.ended')}
        extra={
          <Space>
            {active && can('emergency.manage') && (
              <>
                <Button onClick={() => setModal('post')} data-testid="em-add-post">
                  {t('emergency.post.add')}
                </Button>
                <Button onClick={() => setModal('campaign')} data-testid="em-add-campaign">
                  {t('emergency.campaign.add')}
                </Button>
                <Button onClick={() => setModal('task')} data-testid="em-add-task">
                  {t('emergency.task.add')}
                </Button>
              </>
            )}
            {active && can('emergency.switch') && (
              <Button danger onClick={() => setModal('off')} data-testid="em-switch-off">
                {t('emergency.switchOff')}
              </Button>
            )}
          </Space>
        }
      />
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('emergency.event.kind')}>{t(`emergency.kind.${e.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('emergency.status.label')}>
          <Tag color={active ? 'red' : 'default'}>{t(`emergency.status.${e.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('emergency.event.place')}>{e.place.name}</Descriptions.Item>
        <Descriptions.Item label={t('emergency.event.area')}>{e.area.map((a) => a.name).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('emergency.event.startedAt')}>{formatDateTime(e.startedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('emergency.event.endedAt')}>
          {e.endedAt ? `${formatDateTime(e.endedAt)} ${e.endNote ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('emergency.event.teams')} span={3}>
          {e.teams.length
            ? e.teams.map((x) => (
                <Tag key={x.name} color={x.kind === 'commando' ? 'red' : x.kind === 'volunteer' ? 'green' : 'blue'}>
                  {x.name}
                  {x.members ? `（${x.members}）` : ''}
                </Tag>
              ))
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="em-totals">
        <Col span={6}>
          <Card>
            <Statistic title={t('emergency.board.coverage')} value={b.totals.rate ?? 0} suffix="%" />
            <Progress percent={b.totals.rate ?? 0} showInfo={false} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('emergency.board.covered')}
              value={b.totals.covered}
              suffix={`/ ${b.totals.households}`}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('emergency.board.notHomeHelp')}
              value={b.totals.notHome}
              suffix={`/ ${b.totals.needsHelp}`}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title={t('emergency.board.checkedIn')}
              value={b.totals.checkedIn}
              suffix={`/ ${b.totals.assignees}`}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('emergency.board.chart')} style={{ marginBottom: 16 }}>
        <EChart option={chart} empty={!b.campaigns.length} height={320} testId="em-coverage-chart" />
        {b.campaigns.map((c) => (
          <div key={c.id} style={{ marginTop: 8 }}>
            <Space>
              <b>{c.name}</b>
              <span>{c.area.map((a) => a.name).join('、')}</span>
              <Tag color="green">
                {t('emergency.board.coverage')} {c.rate ?? 0}%
              </Tag>
              {active && can('emergency.visit') && (
                <Button
                  size="small"
                  onClick={() => {
                    setCampaignId(c.id);
                    setModal('visit');
                  }}
                >
                  {t('emergency.visit.add')}
                </Button>
              )}
            </Space>
          </div>
        ))}
      </Card>
      <Card title={t('emergency.post.title')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={b.posts}
          data-testid="em-posts"
          columns={[
            { title: t('emergency.post.name'), dataIndex: 'name' },
            { title: t('emergency.post.kind'), render: (_, r) => t(`emergency.post.${r.kind}`) },
            { title: t('emergency.post.place'), render: (_, r) => r.place.name },
            { title: t('emergency.post.duty'), dataIndex: 'duty' },
            {
              title: t('emergency.post.roster'),
              render: (_, r) => r.roster.map((x) => `${x.name}${x.shift ? `（${x.shift}）` : ''}`).join('、'),
            },
          ]}
        />
      </Card>
      <Card title={t('emergency.task.title')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={b.tasks}
          data-testid="em-tasks"
          columns={[
            { title: t('emergency.task.name'), dataIndex: 'title' },
            { title: t('emergency.task.post'), render: (_, r) => r.post?.name ?? '—' },
            { title: t('emergency.task.due'), render: (_, r) => formatDateTime(r.dueAt) },
            {
              title: t('emergency.task.assignees'),
              render: (_, r) =>
                r.assignees.map((a) => (
                  <Tag key={a.accountId} color={a.checkedInAt ? 'green' : 'default'}>
                    {a.name} {a.checkedInAt ? `✓ ${formatDateTime(a.checkedInAt)}` : t('emergency.task.notYet')}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>

      <FormModal<{ note: string }>
        open={modal === 'off'}
        title={t('emergency.switchOff')}
        testId="em-off-form"
        submit={(v) => api.post(`/api/emergency/events/${e.id}/off`, v)}
        onDone={refresh}
        onCancel={() => setModal(null)}
      >
        <Alert type="info" title={t('emergency.offHelp')} style={{ marginBottom: 12 }} />
        <Form.Item name="note" label={t('emergency.event.endNote')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
      <FormModal<{ kind: string; name: string; duty?: string; place: Ref; roster?: string }>
        open={modal === 'post'}
        title={t('emergency.post.add')}
        initialValues={{ kind: 'dutyPost' }}
        fieldMap={{ territoryId: 'place' }}
        submit={(v) =>
          api.post(`/api/emergency/events/${e.id}/posts`, {
            kind: v.kind,
            name: v.name,
            duty: v.duty || null,
            territoryId: v.place?.id,
            roster: (v.roster ?? '')
              .split(/[,，、\s]+/)
              .filter(Boolean)
              .map((name) => ({ name })),
          })
        }
        onDone={refresh}
        onCancel={() => setModal(null)}
      >
        <Form.Item name="kind" label={t('emergency.post.kind')}>
          <Select options={POST_KINDS.map((k) => ({ value: k, label: t(`emergency.post.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('emergency.post.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="place" label={t('emergency.post.place')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="duty" label={t('emergency.post.duty')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="roster" label={t('emergency.post.roster')} extra={t('emergency.post.rosterHelp')}>
          <Input />
        </Form.Item>
      </FormModal>
      <FormModal<{ name: string; area: Ref }>
        open={modal === 'campaign'}
        title={t('emergency.campaign.add')}
        fieldMap={{ areaIds: 'area' }}
        submit={(v) =>
          api.post(`/api/emergency/events/${e.id}/campaigns`, { name: v.name, areaIds: v.area ? [v.area.id] : [] })
        }
        onDone={refresh}
        onCancel={() => setModal(null)}
      >
        <Form.Item name="name" label={t('emergency.campaign.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="area" label={t('emergency.event.area')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
      </FormModal>
      <FormModal<{ title: string; detail?: string; postId?: number }>
        open={modal === 'task'}
        title={t('emergency.task.add')}
        submit={(v) => api.post(`/api/emergency/events/${e.id}/tasks`, { ...v, detail: v.detail || null })}
        onDone={refresh}
        onCancel={() => setModal(null)}
      >
        <Form.Item name="title" label={t('emergency.task.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="postId" label={t('emergency.task.post')} rules={[{ required: true }]}>
          <Select options={b.posts.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="detail" label={t('emergency.task.detail')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
      <FormModal<{ household: Ref; result: string; help?: string; note?: string }>
        open={modal === 'visit'}
        title={t('emergency.visit.add')}
        initialValues={{ result: 'visited' }}
        fieldMap={{ householdId: 'household' }}
        submit={(v) =>
          api.post(`/api/emergency/campaigns/${campaignId}/visits`, {
            householdId: v.household?.id,
            result: v.result,
            help: v.help || null,
            note: v.note || null,
          })
        }
        onDone={refresh}
        onCancel={() => setModal(null)}
      >
        <Form.Item name="household" label={t('emergency.visit.household')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="result" label={t('emergency.visit.result')}>
          <Select options={VISIT_RESULTS.map((k) => ({ value: k, label: t(`emergency.visit.${k}`) }))} />
        </Form.Item>
        <Form.Item name="help" label={t('emergency.visit.help')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('emergency.visit.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </FormModal>
    </>
  );
}
