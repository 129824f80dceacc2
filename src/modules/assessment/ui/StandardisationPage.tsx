import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { PageTitle } from '../../../web/components/PageTitle';
import { AsTabs, GradeTag } from './shared';
import type { AssessmentPage, AssessmentRow } from './types';

const KEYS = ['territoryId', 'grade', 'weak', 'stage', 'asPeer', 'checklistId'] as const;

/** 规范化建设: organisations assessed, their stage, score and grade with the rule beside it; weak ones flagged. */
export default function StandardisationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: Record<string, string> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const page = Number(params.get('page') ?? 1);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  const q = useQuery({
    queryKey: ['assessment', 'list', filters, page],
    queryFn: () => api.get<AssessmentPage>('/api/assessment/assessments', { ...filters, page, pageSize: 20 }),
  });
  const area = filters.territoryId ? { territoryId: filters.territoryId } : {};
  const dist = useQueries({
    queries: (['advanced', 'pass', 'lagging', 'weak'] as const).map((g) => ({
      queryKey: ['assessment', 'dist', g, filters.territoryId],
      queryFn: () =>
        api.get<AssessmentPage>('/api/assessment/assessments', {
          ...area,
          ...(g === 'weak' ? { weak: 'true' } : { grade: g }),
          pageSize: 1,
        }),
    })),
  });
  const rule = q.data?.items[0]?.rule;
  return (
    <div data-testid="as-standardisation-page">
      <PageTitle title={t('assessment.standardisationTitle')} help={t('assessment.standardisationHelp')} />
      <AsTabs />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="as-grade-distribution">
        {(['advanced', 'pass', 'lagging', 'weak'] as const).map((g, i) => (
          <Col key={g} xs={12} md={6}>
            <Card
              size="small"
              hoverable
              onClick={() => (g === 'weak' ? set('weak', 'true') : set('grade', g))}
              data-testid={`as-dist-${g}`}
            >
              <Statistic
                title={t(g === 'weak' ? 'assessment.weak' : `assessment.grade.${g}`)}
                value={dist[i]?.data?.total ?? '…'}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('assessment.field.stage')}
          value={filters.stage}
          onChange={(v) => set('stage', v)}
          options={['selfCheck', 'peerReview', 'superiorReview', 'graded'].map((s) => ({
            value: s,
            label: t(`assessment.stage.${s}`),
          }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('assessment.field.grade')}
          value={filters.grade}
          onChange={(v) => set('grade', v)}
          options={['advanced', 'pass', 'lagging'].map((s) => ({ value: s, label: t(`assessment.grade.${s}`) }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('assessment.field.weak')}
          value={filters.weak}
          onChange={(v) => set('weak', v)}
          options={[
            { value: 'true', label: t('assessment.weak') },
            { value: 'false', label: t('assessment.notWeak') },
          ]}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('assessment.field.asPeer')}
          value={filters.asPeer}
          onChange={(v) => set('asPeer', v)}
          options={[{ value: 'true', label: t('assessment.asPeer') }]}
          data-testid="as-filter-peer"
        />
      </Space>
      {rule && (
        <Typography.Paragraph type="secondary" data-testid="as-rule">
          {t('assessment.ruleLabel')}：{rule}
        </Typography.Paragraph>
      )}
      <Table<AssessmentRow>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="as-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next);
          },
        }}
        columns={[
          {
            title: t('assessment.field.org'),
            render: (_, r) => (
              <Link to={`/assessment/assessments/${r.id}`} data-testid={`as-open-${r.id}`}>
                {r.org.name}
              </Link>
            ),
          },
          { title: t('assessment.field.checklist'), render: (_, r) => r.checklist.title },
          { title: t('assessment.field.peer'), render: (_, r) => r.peer.name },
          { title: t('assessment.field.stage'), render: (_, r) => <Tag>{t(`assessment.stage.${r.stage}`)}</Tag> },
          { title: t('assessment.field.score'), render: (_, r) => r.score ?? '—' },
          {
            title: t('assessment.field.grade'),
            render: (_, r) => (
              <Space size={4}>
                <GradeTag grade={r.grade} />
                {r.weak && <Tag color="volcano">{t('assessment.weak')}</Tag>}
                {r.weakClearedAt && <Tag color="cyan">{t('assessment.cleared', { score: r.recheckScore })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
