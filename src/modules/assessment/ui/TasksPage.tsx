import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { FormModal } from '../../../web/components/FormModal';
import { formatDateTime } from '../../../web/components/format';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { useCan } from '../../../web/app/auth';
import { AsTabs } from './shared';
import type { KeyTask, KeyTaskPage, Reminders, Responsibility, Review, ReviewRatings, Visit, VisitPage } from './types';
import { chinaToday } from '../../../web/components/format';

const STATUS_COLORS: Record<string, string> = {
  open: 'default',
  submitted: 'processing',
  accepted: 'green',
  returned: 'orange',
};

/**
 * Key tasks 重点任务 and responsibility lists 责任清单, the monthly reminder list 月度提醒清单, supervision and 观摩
 * visits 督导 with their findings, and the year-end 述职评议 (decision 032).
 */
export default function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'tasks';
  return (
    <div data-testid="as-tasks-page">
      <PageTitle title={t('assessment.tasksTitle')} help={t('assessment.tasksHelp')} />
      <AsTabs />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'tasks', label: t('assessment.cycle.tasks'), children: <KeyTasks /> },
          { key: 'reminders', label: t('assessment.cycle.reminders'), children: <ReminderList /> },
          { key: 'visits', label: t('assessment.cycle.visits'), children: <Visits /> },
          { key: 'reviews', label: t('assessment.cycle.reviews'), children: <Reviews /> },
        ]}
      />
    </div>
  );
}

function Ledger({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return (
    <a href={`/api/assessment/ledgers?kind=${kind}`} data-testid={`as-ledger-${kind}`}>
      {t('assessment.cycle.ledger')}
    </a>
  );
}

function useFail() {
  const { message } = App.useApp();
  return (e: unknown) => message.error(isApiError(e) ? e.message : String(e));
}

// Key tasks and responsibility lists ---------------------------------------------------------------------------------

function KeyTasks() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const fail = useFail();
  const [params] = useSearchParams();
  const [year, setYear] = useState(Number(params.get('year') ?? chinaToday().slice(0, 4)));
  const [place, setPlace] = useState<number | undefined>(Number(params.get('territoryId')) || undefined);
  const [creating, setCreating] = useState(false);
  const [act, setAct] = useState<{ task: KeyTask; kind: 'submit' | 'return' } | null>(null);
  const tasks = useQuery({
    queryKey: ['assessment', 'keyTasks', year, place],
    queryFn: () =>
      api.get<KeyTaskPage>('/api/assessment/key-tasks', {
        year,
        pageSize: 100,
        ...(place ? { territoryId: place } : {}),
      }),
  });
  const lists = useQuery({
    queryKey: ['assessment', 'responsibility', year],
    queryFn: () => api.get<Responsibility>('/api/assessment/responsibility-lists', { year }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  const accept = async (k: KeyTask) => {
    try {
      await api.post(`/api/assessment/key-tasks/${k.id}/check`, { accept: true });
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Row gutter={16}>
      <Col xs={24} xl={9}>
        <Card
          size="small"
          title={t('assessment.cycle.responsibility', { year })}
          extra={<InputNumber size="small" value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />}
          style={{ marginBottom: 16 }}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="as-completion-formula">
            {lists.data?.formula}
          </Typography.Paragraph>
          <Table
            rowKey={(r) => r.place.id}
            size="small"
            pagination={false}
            dataSource={lists.data?.items ?? []}
            data-testid="as-responsibility"
            onRow={(r) => ({ onClick: () => setPlace(r.place.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('assessment.cycle.place'), render: (_, r) => r.place.name },
              { title: t('assessment.cycle.total'), dataIndex: 'total' },
              { title: t('assessment.cycle.accepted'), dataIndex: 'accepted' },
              {
                title: t('assessment.cycle.overdue'),
                render: (_, r) => (r.overdue ? <Tag color="red">{r.overdue}</Tag> : 0),
              },
              { title: t('assessment.cycle.completion'), render: (_, r) => (r.completion ?? '—') + '%' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card
          size="small"
          title={t('assessment.cycle.tasks')}
          extra={
            <Space>
              {place && <Button onClick={() => setPlace(undefined)}>{t('assessment.cycle.allPlaces')}</Button>}
              <Ledger kind="keyTasks" />
              {can('assessment.manage') && (
                <Button type="primary" onClick={() => setCreating(true)} data-testid="as-task-new">
                  {t('assessment.cycle.newTask')}
                </Button>
              )}
            </Space>
          }
        >
          <Table
            rowKey="id"
            size="small"
            dataSource={tasks.data?.items ?? []}
            pagination={{ pageSize: 20 }}
            data-testid="as-tasks"
            expandable={{
              rowExpandable: (k) => !!k.evidence || !!k.checkNote,
              expandedRowRender: (k) => (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('assessment.field.evidence')}>{k.evidence ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('assessment.cycle.checkNote')}>{k.checkNote ?? '—'}</Descriptions.Item>
                </Descriptions>
              ),
            }}
            columns={[
              {
                title: t('assessment.cycle.kind'),
                render: (_, k) => <Tag>{t(`assessment.cycle.kind_${k.kind}`)}</Tag>,
              },
              { title: t('assessment.cycle.place'), render: (_, k) => k.place.name },
              { title: t('assessment.cycle.task'), dataIndex: 'title' },
              { title: t('assessment.cycle.owner'), dataIndex: 'ownerName' },
              {
                title: t('assessment.field.dueOn'),
                render: (_, k) => (
                  <span>
                    {k.dueOn} {k.overdue && <Tag color="red">{t('assessment.cycle.overdue')}</Tag>}
                  </span>
                ),
              },
              {
                title: t('assessment.field.status'),
                render: (_, k) => <Tag color={STATUS_COLORS[k.status]}>{t(`assessment.cycle.status_${k.status}`)}</Tag>,
              },
              {
                title: '',
                render: (_, k) => (
                  <Space size={4}>
                    {k.may.submit && (
                      <Button size="small" onClick={() => setAct({ task: k, kind: 'submit' })}>
                        {t('assessment.cycle.submit')}
                      </Button>
                    )}
                    {k.may.check && (
                      <>
                        <Button size="small" type="primary" onClick={() => void accept(k)}>
                          {t('assessment.cycle.accept')}
                        </Button>
                        <Button size="small" onClick={() => setAct({ task: k, kind: 'return' })}>
                          {t('assessment.cycle.return')}
                        </Button>
                      </>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <FormModal<{
        kind: string;
        place?: TerritoryRef;
        title: string;
        ownerName: string;
        dueOn: string;
      }>
        open={creating}
        title={t('assessment.cycle.newTask')}
        testId="as-task-form"
        initialValues={{ kind: 'key' }}
        fieldMap={{ territoryId: 'place' }}
        submit={(v) =>
          api.post('/api/assessment/key-tasks', {
            kind: v.kind,
            year,
            territoryId: v.place?.id,
            title: v.title,
            ownerName: v.ownerName,
            dueOn: v.dueOn,
          })
        }
        onDone={async () => {
          setCreating(false);
          await refresh();
        }}
        onCancel={() => setCreating(false)}
      >
        <Form.Item name="kind" label={t('assessment.cycle.kind')} rules={[{ required: true }]}>
          <Select
            options={['key', 'responsibility'].map((k) => ({ value: k, label: t(`assessment.cycle.kind_${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="place" label={t('assessment.cycle.place')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="title" label={t('assessment.cycle.task')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="ownerName" label={t('assessment.cycle.owner')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('assessment.field.dueOn')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
      </FormModal>
      <FormModal<{ text: string }>
        open={!!act}
        title={act ? `${t(`assessment.cycle.${act.kind}`)} · ${act.task.title}` : ''}
        testId="as-task-act"
        fieldMap={{ evidence: 'text', note: 'text' }}
        submit={(v) =>
          act!.kind === 'submit'
            ? api.post(`/api/assessment/key-tasks/${act!.task.id}/submit`, { evidence: v.text })
            : api.post(`/api/assessment/key-tasks/${act!.task.id}/check`, { accept: false, note: v.text })
        }
        onDone={async () => {
          setAct(null);
          await refresh();
        }}
        onCancel={() => setAct(null)}
      >
        <Form.Item
          name="text"
          label={act?.kind === 'submit' ? t('assessment.field.evidence') : t('assessment.cycle.checkNote')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Row>
  );
}

// The monthly reminder list --------------------------------------------------------------------------------------------

function ReminderList() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const fail = useFail();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [month, setMonth] = useState(params.get('month') ?? chinaToday().slice(0, 7));
  const list = useQuery({
    queryKey: ['assessment', 'reminders', month],
    queryFn: () => api.get<Reminders>('/api/assessment/reminders', { month }),
  });
  const push = async () => {
    try {
      const r = await api.post<{ pushed: number; skipped: number; recipients: number }>(
        '/api/assessment/reminders/push',
        { month },
      );
      message.success(t('assessment.cycle.pushed', r));
      await qc.invalidateQueries({ queryKey: ['assessment', 'reminders'] });
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Card
      size="small"
      title={t('assessment.cycle.reminders')}
      extra={
        <Space>
          <Input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          {can('assessment.manage') && (
            <Popconfirm title={t('assessment.cycle.pushConfirm')} onConfirm={() => void push()}>
              <Button type="primary" data-testid="as-push">
                {t('assessment.cycle.push')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {list.data?.rule}
      </Typography.Paragraph>
      <Table
        rowKey={(g) => g.place.id}
        size="small"
        pagination={false}
        dataSource={list.data?.items ?? []}
        data-testid="as-reminders"
        expandable={{
          expandedRowRender: (g) => (
            <Table
              rowKey={(i) => `${i.source}-${i.id}`}
              size="small"
              pagination={false}
              dataSource={g.items}
              columns={[
                { title: t('assessment.cycle.source'), render: (_, i) => t(`assessment.cycle.source_${i.source}`) },
                { title: t('assessment.cycle.task'), render: (_, i) => <a href={i.link}>{i.title}</a> },
                {
                  title: t('assessment.field.dueOn'),
                  render: (_, i) => (
                    <span>
                      {i.dueOn} {i.overdue && <Tag color="red">{t('assessment.cycle.overdue')}</Tag>}
                    </span>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('assessment.cycle.place'), render: (_, g) => g.place.name },
          { title: t('assessment.cycle.due'), dataIndex: 'due' },
          {
            title: t('assessment.cycle.overdue'),
            render: (_, g) => (g.overdue ? <Tag color="red">{g.overdue}</Tag> : 0),
          },
          {
            title: t('assessment.cycle.pushedAt'),
            render: (_, g) => (g.pushedAt ? new Date(g.pushedAt).toLocaleString() : '—'),
          },
        ]}
      />
    </Card>
  );
}

// Visits 督导 / 观摩 ---------------------------------------------------------------------------------------------------

function Visits() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState<{ id: number; title: string } | null>(null);
  const [scoring, setScoring] = useState<Visit | null>(null);
  const visits = useQuery({
    queryKey: ['assessment', 'visits'],
    queryFn: () => api.get<VisitPage>('/api/assessment/visits', { pageSize: 100 }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  return (
    <Card
      size="small"
      title={t('assessment.cycle.visits')}
      extra={
        <Space>
          <Ledger kind="visits" />
          <Ledger kind="rectification" />
          {can('assessment.manage') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="as-visit-new">
              {t('assessment.cycle.newVisit')}
            </Button>
          )}
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="small"
        dataSource={visits.data?.items ?? []}
        data-testid="as-visits"
        expandable={{
          rowExpandable: (v) => v.findings.length > 0,
          expandedRowRender: (v) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={v.findings}
              columns={[
                { title: t('assessment.cycle.finding'), dataIndex: 'title' },
                { title: t('assessment.field.dueOn'), dataIndex: 'dueOn' },
                {
                  title: t('assessment.field.status'),
                  render: (_, f) =>
                    f.doneAt ? (
                      <Tag color="green" title={f.evidence ?? ''}>
                        {t('assessment.cycle.done')}
                      </Tag>
                    ) : can('assessment.check') ? (
                      <Button size="small" onClick={() => setDone(f)}>
                        {t('assessment.cycle.markDone')}
                      </Button>
                    ) : (
                      <Tag>{t('assessment.cycle.open')}</Tag>
                    ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('assessment.cycle.visitedOn'), dataIndex: 'visitedOn' },
          {
            title: t('assessment.cycle.kind'),
            render: (_, v) => (
              <Space size={4}>
                <Tag>{t(`assessment.cycle.visit_${v.kind}`)}</Tag>
                {v.unannounced && <Tag color="purple">{t('assessment.cycle.unannounced')}</Tag>}
              </Space>
            ),
          },
          { title: t('assessment.cycle.place'), render: (_, v) => v.place.name },
          { title: t('assessment.cycle.inspectors'), dataIndex: 'inspectors' },
          { title: t('assessment.cycle.summary'), dataIndex: 'summary', ellipsis: true },
          {
            title: t('assessment.cycle.score'),
            render: (_, v) => (
              <Space size={4}>
                {v.score === null ? (
                  '—'
                ) : (
                  <Tooltip
                    title={
                      <>
                        <div>{v.scoreFormula}</div>
                        {v.scores.map((x, i) => (
                          <div key={i}>
                            {x.visitor}：{x.score}
                            {x.comment ? `（${x.comment}）` : ''}
                          </div>
                        ))}
                      </>
                    }
                  >
                    <span data-testid={`as-visit-score-${v.id}`}>
                      {v.score}（{t('assessment.cycle.visitors', { n: v.scores.length })}）
                    </span>
                  </Tooltip>
                )}
                {v.kind === 'observation' && v.myScore === null && can('assessment.manage') && (
                  <Button size="small" data-testid={`as-visit-rate-${v.id}`} onClick={() => setScoring(v)}>
                    {t('assessment.cycle.scoreVisit')}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('assessment.cycle.findingsOpen'),
            render: (_, v) => `${v.open} / ${v.findings.length}`,
          },
        ]}
      />
      <FormModal<{
        kind: 'supervision' | 'observation';
        place?: TerritoryRef;
        visitedOn: string;
        unannounced: boolean;
        inspectors: string;
        summary: string;
        score?: number;
        findings?: string;
        findingsDue?: string;
      }>
        open={creating}
        title={t('assessment.cycle.newVisit')}
        testId="as-visit-form"
        width={560}
        initialValues={{ kind: 'supervision', unannounced: true, visitedOn: chinaToday() }}
        fieldMap={{ territoryId: 'place' }}
        submit={(v) =>
          api.post('/api/assessment/visits', {
            kind: v.kind,
            territoryId: v.place?.id,
            visitedOn: v.visitedOn,
            unannounced: v.unannounced,
            inspectors: v.inspectors,
            summary: v.summary,
            ...(v.kind === 'observation' && v.score !== undefined && v.score !== null ? { score: v.score } : {}),
            findings: (v.findings ?? '')
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((title) => ({ title, dueOn: v.findingsDue })),
          })
        }
        onDone={async () => {
          setCreating(false);
          await refresh();
        }}
        onCancel={() => setCreating(false)}
      >
        {(form) => (
          <>
            <Form.Item name="kind" label={t('assessment.cycle.kind')} rules={[{ required: true }]}>
              <Select
                options={['supervision', 'observation'].map((k) => ({
                  value: k,
                  label: t(`assessment.cycle.visit_${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="place" label={t('assessment.cycle.place')} rules={[{ required: true }]}>
              <TerritoryTreeSelect />
            </Form.Item>
            <Form.Item name="visitedOn" label={t('assessment.cycle.visitedOn')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="unannounced" valuePropName="checked">
              <Checkbox>{t('assessment.cycle.unannouncedHelp')}</Checkbox>
            </Form.Item>
            <Form.Item name="inspectors" label={t('assessment.cycle.inspectors')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="summary" label={t('assessment.cycle.summary')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() =>
                form.getFieldValue('kind') === 'observation' ? (
                  <Form.Item name="score" label={t('assessment.cycle.score')}>
                    <InputNumber min={0} max={100} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
            <Form.Item name="findings" label={t('assessment.cycle.findingsOnePerLine')}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="findingsDue" label={t('assessment.field.dueOn')}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </FormModal>
      <FormModal<{ evidence: string }>
        open={!!done}
        title={done ? `${t('assessment.cycle.markDone')} · ${done.title}` : ''}
        submit={(v) => api.post(`/api/assessment/rectification-items/${done!.id}/done`, v)}
        onDone={async () => {
          setDone(null);
          await refresh();
        }}
        onCancel={() => setDone(null)}
      >
        <Form.Item name="evidence" label={t('assessment.field.evidence')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
      <FormModal<{ score: number; comment?: string }>
        open={!!scoring}
        title={scoring ? `${t('assessment.cycle.scoreVisit')} · ${scoring.place.name}` : ''}
        testId="as-visit-score-form"
        submit={(v) => api.post(`/api/assessment/visits/${scoring!.id}/scores`, v)}
        onDone={async () => {
          setScoring(null);
          await refresh();
        }}
        onCancel={() => setScoring(null)}
      >
        <Form.Item name="score" label={t('assessment.cycle.score')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="comment" label={t('assessment.field.comment')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

// The year-end 述职评议 ------------------------------------------------------------------------------------------------

function Reviews() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const fail = useFail();
  const [opening, setOpening] = useState(false);
  const [act, setAct] = useState<{ review: Review; kind: 'report' | 'rate' | 'problems' } | null>(null);
  const [drill, setDrill] = useState<{ review: Review; kind?: Review['groups'][number]['kind'] } | null>(null);
  const reviews = useQuery({
    queryKey: ['assessment', 'reviews'],
    queryFn: () => api.get<Review[]>('/api/assessment/annual-reviews'),
  });
  const orgs = useQuery({
    queryKey: ['assessment', 'orgOptions'],
    enabled: opening,
    queryFn: () =>
      api.get<{ items: { id: number; name: string }[] }>('/api/organizations/party-orgs', { pageSize: 100 }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  const close = async (r: Review) => {
    try {
      await api.post(`/api/assessment/annual-reviews/${r.id}/close`);
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Card
      size="small"
      title={t('assessment.cycle.reviews')}
      extra={
        <Space>
          <Ledger kind="reviews" />
          {can('assessment.manage') && (
            <Button type="primary" onClick={() => setOpening(true)} data-testid="as-review-new">
              {t('assessment.cycle.newReview')}
            </Button>
          )}
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="small"
        dataSource={reviews.data ?? []}
        data-testid="as-reviews"
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {r.formula}
              </Typography.Paragraph>
              <Descriptions size="small" column={3} bordered>
                {r.groups.map((g) => (
                  <Descriptions.Item key={g.kind} label={`${t(`assessment.cycle.rater_${g.kind}`)} (${g.weight})`}>
                    {g.n ? (
                      <Typography.Link
                        onClick={() => setDrill({ review: r, kind: g.kind })}
                        data-testid={`as-review-drill-${r.id}-${g.kind}`}
                      >
                        {t('assessment.cycle.groupMean', { n: g.n, mean: g.mean })}
                      </Typography.Link>
                    ) : (
                      '—'
                    )}
                  </Descriptions.Item>
                ))}
              </Descriptions>
              {r.report && (
                <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{r.report}</Typography.Paragraph>
              )}
              {r.problems.length > 0 && (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={r.problems}
                  columns={[
                    { title: t('assessment.cycle.problem'), dataIndex: 'title' },
                    { title: t('assessment.field.dueOn'), dataIndex: 'dueOn' },
                    {
                      title: t('assessment.field.status'),
                      render: (_, p) =>
                        p.doneAt ? (
                          <Tag color="green">{t('assessment.cycle.done')}</Tag>
                        ) : (
                          <Tag>{t('assessment.cycle.open')}</Tag>
                        ),
                    },
                  ]}
                />
              )}
            </div>
          ),
        }}
        columns={[
          { title: t('assessment.cycle.year'), dataIndex: 'year', width: 70 },
          { title: t('assessment.field.org'), render: (_, r) => r.org.name },
          { title: t('assessment.cycle.secretary'), dataIndex: 'secretaryName' },
          {
            title: t('assessment.cycle.reported'),
            render: (_, r) => (r.report ? <Tag color="green">✓</Tag> : <Tag>{t('assessment.cycle.notYet')}</Tag>),
          },
          {
            title: t('assessment.cycle.score'),
            render: (_, r) => (
              <span title={r.formula} data-testid={`as-review-score-${r.id}`}>
                {r.score === null ? (
                  '—'
                ) : (
                  <Typography.Link onClick={() => setDrill({ review: r })} data-testid={`as-review-drill-${r.id}`}>
                    {r.score}
                  </Typography.Link>
                )}{' '}
                {r.closed && <Tag>{t('assessment.cycle.closed')}</Tag>}
              </span>
            ),
          },
          {
            title: '',
            render: (_, r) => (
              <Space size={4} wrap>
                {r.may.report && (
                  <Button size="small" onClick={() => setAct({ review: r, kind: 'report' })}>
                    {t('assessment.cycle.report')}
                  </Button>
                )}
                {r.may.rate && (
                  <Button size="small" onClick={() => setAct({ review: r, kind: 'rate' })}>
                    {t('assessment.cycle.rate')}
                  </Button>
                )}
                {r.may.close && (
                  <Popconfirm title={t('assessment.cycle.closeConfirm')} onConfirm={() => void close(r)}>
                    <Button size="small">{t('assessment.cycle.close')}</Button>
                  </Popconfirm>
                )}
                {r.may.problems && (
                  <Button size="small" onClick={() => setAct({ review: r, kind: 'problems' })}>
                    {t('assessment.cycle.addProblem')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {drill && <ReviewRatingsModal review={drill.review} kind={drill.kind} onClose={() => setDrill(null)} />}
      <FormModal<{ partyOrgId: number; secretaryName: string; year: number; m: number; r: number; s: number }>
        open={opening}
        title={t('assessment.cycle.newReview')}
        initialValues={{ year: Number(chinaToday().slice(0, 4)), m: 40, r: 30, s: 30 }}
        fieldMap={{ memberWeight: 'm', residentWeight: 'r', superiorWeight: 's' }}
        submit={(v) =>
          api.post('/api/assessment/annual-reviews', {
            partyOrgId: v.partyOrgId,
            year: v.year,
            secretaryName: v.secretaryName,
            memberWeight: v.m,
            residentWeight: v.r,
            superiorWeight: v.s,
          })
        }
        onDone={async () => {
          setOpening(false);
          await refresh();
        }}
        onCancel={() => setOpening(false)}
      >
        <Form.Item name="partyOrgId" label={t('assessment.field.org')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="year" label={t('assessment.cycle.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="secretaryName" label={t('assessment.cycle.secretary')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Space>
          <Form.Item name="m" label={t('assessment.cycle.rater_member')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="r" label={t('assessment.cycle.rater_resident')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="s" label={t('assessment.cycle.rater_superior')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
      </FormModal>
      <FormModal<{ text?: string; score?: number; dueOn?: string }>
        open={!!act}
        title={
          act
            ? `${t(`assessment.cycle.${act.kind === 'problems' ? 'addProblem' : act.kind}`)} · ${act.review.org.name}`
            : ''
        }
        testId="as-review-act"
        fieldMap={{ report: 'text', comment: 'text', 'items.0.title': 'text', 'items.0.dueOn': 'dueOn' }}
        submit={(v) => {
          const r = act!.review;
          if (act!.kind === 'report')
            return api.post(`/api/assessment/annual-reviews/${r.id}/report`, { report: v.text });
          if (act!.kind === 'problems')
            return api.post(`/api/assessment/annual-reviews/${r.id}/problems`, {
              items: [{ title: v.text, dueOn: v.dueOn }],
            });
          const route = r.may.rateAs === 'superior' ? 'superior-rating' : 'ratings';
          return api.post(`/api/assessment/annual-reviews/${r.id}/${route}`, {
            score: v.score,
            ...(v.text ? { comment: v.text } : {}),
          });
        }}
        onDone={async () => {
          setAct(null);
          await refresh();
        }}
        onCancel={() => setAct(null)}
      >
        {act?.kind === 'rate' && (
          <Form.Item name="score" label={t('assessment.cycle.score')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        )}
        <Form.Item
          name="text"
          label={t(`assessment.cycle.text_${act?.kind ?? 'report'}`)}
          rules={[{ required: act?.kind !== 'rate' }]}
        >
          <Input.TextArea rows={act?.kind === 'report' ? 8 : 3} />
        </Form.Item>
        {act?.kind === 'problems' && (
          <Form.Item name="dueOn" label={t('assessment.field.dueOn')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        )}
      </FormModal>
    </Card>
  );
}

/** The ratings a review's score is computed from (drill-down): kind, score, comment, time; the raters are not shown. */
function ReviewRatingsModal({
  review,
  kind: initialKind,
  onClose,
}: {
  review: Review;
  kind?: Review['groups'][number]['kind'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState(initialKind);
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['assessment', 'reviewRatings', review.id, kind, page],
    queryFn: () =>
      api.get<ReviewRatings>(`/api/assessment/annual-reviews/${review.id}/ratings`, {
        page,
        pageSize: 20,
        ...(kind ? { kind } : {}),
      }),
  });
  return (
    <Modal
      open
      width={760}
      title={`${review.org.name} · ${review.year} · ${t('assessment.cycle.ratings')}`}
      onCancel={onClose}
      footer={null}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('assessment.cycle.ratingsScore', { score: q.data?.review.score ?? '—' })} {q.data?.review.formula}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('assessment.cycle.allRaters')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={(['member', 'resident', 'superior'] as const).map((k) => ({
            value: k,
            label: t(`assessment.cycle.rater_${k}`),
          }))}
          data-testid="as-review-ratings-kind"
        />
        {q.data?.groups.map((g) => (
          <Tag key={g.kind}>
            {t(`assessment.cycle.rater_${g.kind}`)} {g.weight}：
            {g.n ? t('assessment.cycle.groupMean', { n: g.n, mean: g.mean }) : '—'}
          </Tag>
        ))}
      </Space>
      <Table
        rowKey="id"
        size="small"
        data-testid="as-review-ratings"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('assessment.cycle.rater'), render: (_, x) => t(`assessment.cycle.rater_${x.kind}`), width: 110 },
          { title: t('assessment.cycle.score'), dataIndex: 'score', width: 80 },
          { title: t('assessment.field.comment'), render: (_, x) => x.comment ?? '—' },
          { title: t('assessment.cycle.ratedAt'), render: (_, x) => formatDateTime(x.createdAt), width: 170 },
        ]}
      />
    </Modal>
  );
}
