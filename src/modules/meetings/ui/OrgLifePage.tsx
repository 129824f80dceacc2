import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { formatDateTime } from '../../../web/components/format';
import { PageTitle } from '../../../web/components/PageTitle';
import type { OrgLifeFigures, OrgLifeSession } from './types';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** 三会一课: figures per branch (sessions held, attendance rate with formula, missed sessions) and the sessions. */
export default function OrgLifePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(Number(params.get('year')) || thisYear);
  const branchId = params.get('branchId') ? Number(params.get('branchId')) : undefined;
  // A drill-down link (the dashboard's org-life figures): the sessions of a subtree and period, by status.
  const drill = params.get('territoryId')
    ? {
        territoryId: params.get('territoryId')!,
        from: params.get('from') ?? undefined,
        to: params.get('to') ?? undefined,
        status: params.get('status') ?? undefined,
      }
    : undefined;
  const fig = useQuery({
    queryKey: ['meetings', 'org-life', 'figures', year],
    queryFn: () => api.get<OrgLifeFigures>('/api/org-life/figures', { year }),
  });
  const sessions = useQuery({
    queryKey: ['meetings', 'org-life', 'sessions', branchId, year, drill],
    queryFn: () =>
      api.get<Page<OrgLifeSession>>(
        '/api/org-life/sessions',
        drill
          ? { ...drill, pageSize: 100 }
          : {
              branchId,
              from: new Date(year, 0, 1).toISOString(),
              to: new Date(year + 1, 0, 1).toISOString(),
              pageSize: 100,
            },
      ),
    enabled: branchId !== undefined || drill !== undefined,
  });
  const f = fig.data;
  return (
    <div data-testid="org-life-page">
      <PageTitle
        title={t('meetings.orgLifeTitle')}
        help={t('meetings.orgLifeHelp')}
        extra={
          <Space>
            <Select
              value={year}
              style={{ width: 110 }}
              onChange={setYear}
              options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
            />
            <a href={`/api/meetings/export.xlsx?kind=sessions&year=${year}`}>
              <Button icon={<DownloadOutlined />}>{t('meetings.exportSessions')}</Button>
            </a>
          </Space>
        }
      />
      {f && (
        <>
          <Space size={48} style={{ marginBottom: 16 }} wrap>
            <Statistic title={t('meetings.fig.branches')} value={f.total.branches} />
            <Statistic title={t('meetings.fig.held')} value={f.total.held} />
            <Statistic title={t('meetings.fig.rate')} value={pct(f.total.attendanceRate)} />
            <Statistic
              title={t('meetings.fig.flagged')}
              value={f.total.flagged}
              styles={{ content: { color: f.total.flagged ? '#cf1322' : undefined } }}
            />
          </Space>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={f.formula.attendanceRate}
            description={f.formula.missing}
          />
          <Table
            size="small"
            rowKey={(r) => r.branch.id}
            dataSource={[...f.branches].sort((a, b) => b.missing.length - a.missing.length || b.held - a.held)}
            data-testid="org-life-branches"
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('meetings.fig.branch'), key: 'b', render: (_, r) => r.branch.name },
              { title: t('meetings.field.territory'), key: 'tn', render: (_, r) => r.territory.name },
              {
                title: t('meetings.fig.held'),
                key: 'held',
                align: 'right',
                render: (_, r) => (
                  <a
                    onClick={() => setParams({ branchId: String(r.branch.id), year: String(year) })}
                    data-testid={`drill-${r.branch.id}`}
                  >
                    {r.held}
                  </a>
                ),
              },
              {
                title: t('meetings.fig.presentExpected'),
                key: 'pe',
                align: 'right',
                render: (_, r) => `${r.present} / ${r.expected}`,
              },
              { title: t('meetings.fig.rate'), key: 'rate', align: 'right', render: (_, r) => pct(r.attendanceRate) },
              {
                title: t('meetings.fig.missing'),
                key: 'missing',
                render: (_, r) =>
                  r.held === 0 && !r.missing.length ? (
                    <Tag>{t('meetings.fig.noRecords')}</Tag>
                  ) : r.missing.length ? (
                    r.missing.map((x) => (
                      <Tag color="error" key={`${x.kind}${x.period}`}>
                        {x.period} {t(`meetings.orgLifeKind.${x.kind}`)}
                      </Tag>
                    ))
                  ) : (
                    <Tag color="success">{t('meetings.fig.none')}</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
      {(branchId !== undefined || drill !== undefined) && (
        <Card
          size="small"
          title={t('meetings.sessionsOfBranch')}
          style={{ marginTop: 16 }}
          data-testid="org-life-sessions"
        >
          <Table
            size="small"
            rowKey="id"
            dataSource={sessions.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('meetings.field.startsAt'), dataIndex: 'heldAt', render: (v: string) => formatDateTime(v) },
              {
                title: t('meetings.field.kind'),
                dataIndex: 'kind',
                render: (k: string) => t(`meetings.orgLifeKind.${k}`),
              },
              { title: t('meetings.field.title'), dataIndex: 'title' },
              { title: t('meetings.field.mode'), dataIndex: 'mode', render: (k: string) => t(`meetings.mode.${k}`) },
              {
                title: t('meetings.fig.presentExpected'),
                key: 'pe',
                align: 'right',
                render: (_, s) => `${s.present} / ${s.expected}（${t('meetings.leaveN', { n: s.leave })}）`,
              },
            ]}
          />
          <Typography.Text type="secondary">{t('meetings.drillHelp')}</Typography.Text>
        </Card>
      )}
    </div>
  );
}
