import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { AsTabs, GradeTag } from './shared';
import type { AssessmentDetail, RoundScore } from './types';

type Round = 'self' | 'peer' | 'superior' | 'recheck';
const PATH: Record<Round, string> = {
  self: 'self-check',
  peer: 'peer-review',
  superior: 'superior-review',
  recheck: 'recheck',
};

/** One assessment: the items with the scores of each round, the review form of the viewer's round, rectification. */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['assessment', 'one', id],
    queryFn: () => api.get<AssessmentDetail>(`/api/assessment/assessments/${id}`),
  });
  const [draft, setDraft] = useState<Record<number, { score?: number; evidence?: string }>>({});
  const [rect, setRect] = useState<{ title: string; dueOn: Dayjs | null }>({ title: '', dueOn: null });
  const [evidence, setEvidence] = useState<Record<number, string>>({});
  if (!q.data) return <PageSpin />;
  const a = q.data;
  const allDone = a.rectification.length > 0 && a.rectification.every((r) => r.done);
  const round: Round | null = a.may.self
    ? 'self'
    : a.may.peer
      ? 'peer'
      : a.may.superior
        ? 'superior'
        : a.weak && allDone && can('assessment.manage')
          ? 'recheck'
          : null;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['assessment'] });
  const fail = (e: unknown) =>
    void message.error(isApiError(e) ? [e.message, ...(e.fields ?? []).map((f) => f.message)].join('：') : String(e));
  const submit = async () => {
    if (!round) return;
    try {
      await api.post(`/api/assessment/assessments/${id}/${PATH[round]}`, {
        scores: a.items.map((i) => ({
          itemId: i.id,
          score: draft[i.id]?.score ?? 0,
          ...(draft[i.id]?.evidence ? { evidence: draft[i.id]!.evidence } : {}),
        })),
      });
      setDraft({});
      void message.success(t('assessment.saved'));
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  const show = (s: RoundScore | null) => (s ? s.score : '—');
  return (
    <div data-testid="as-assessment-page">
      <PageTitle title={`${a.org.name} · ${a.checklist.title}`} />
      <AsTabs />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('assessment.field.stage')}>
            <Tag data-testid="as-stage">{t(`assessment.stage.${a.stage}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.peer')}>{a.peer.name}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.score')}>
            <span data-testid="as-score">{a.score ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.grade')}>
            <Space size={4} data-testid="as-grade">
              <GradeTag grade={a.grade} />
              {a.weak && <Tag color="volcano">{t('assessment.weak')}</Tag>}
              {a.weakClearedAt && <Tag color="cyan">{t('assessment.cleared', { score: a.recheckScore })}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.ruleLabel')} span={2}>
            {a.rule}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.formulaLabel')} span={3}>
            {a.formula}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={a.items}
        data-testid="as-items"
        columns={[
          { title: t('assessment.field.item'), dataIndex: 'title' },
          { title: t('assessment.field.weight'), dataIndex: 'weight', width: 70 },
          { title: t('assessment.field.max'), dataIndex: 'maxScore', width: 70 },
          {
            title: t('assessment.round.self'),
            render: (_, i) => (
              <span>
                {show(i.self)}
                {i.self?.evidence && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {i.self.evidence}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('assessment.round.peer'), render: (_, i) => show(i.peer) },
          { title: t('assessment.round.superior'), render: (_, i) => show(i.superior) },
          ...(a.recheckScore !== null || round === 'recheck'
            ? [
                {
                  title: t('assessment.round.recheck'),
                  render: (_: unknown, i: AssessmentDetail['items'][number]) => show(i.recheck),
                },
              ]
            : []),
          ...(round
            ? [
                {
                  title: t(`assessment.yourRound.${round}`),
                  render: (_: unknown, i: AssessmentDetail['items'][number]) => (
                    <Space direction="vertical" size={4}>
                      <InputNumber
                        min={0}
                        max={i.maxScore}
                        value={draft[i.id]?.score}
                        onChange={(v) => setDraft((d) => ({ ...d, [i.id]: { ...d[i.id], score: v ?? undefined } }))}
                        data-testid={`as-score-${i.id}`}
                      />
                      {round === 'self' && (
                        <Input
                          placeholder={t(i.evidenceRequired ? 'assessment.evidenceNeeded' : 'assessment.evidence')}
                          value={draft[i.id]?.evidence}
                          onChange={(e) =>
                            setDraft((d) => ({ ...d, [i.id]: { ...d[i.id], evidence: e.target.value } }))
                          }
                          data-testid={`as-evidence-${i.id}`}
                        />
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {round && (
        <Button type="primary" style={{ marginTop: 12 }} onClick={() => void submit()} data-testid="as-submit">
          {t(`assessment.submit.${round}`)}
        </Button>
      )}
      {(a.weak || a.rectification.length > 0) && (
        <Card title={t('assessment.rectificationTitle')} size="small" style={{ marginTop: 16 }} data-testid="as-rect">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.rectification}
            columns={[
              { title: t('assessment.field.item'), dataIndex: 'title' },
              { title: t('assessment.field.dueOn'), dataIndex: 'dueOn' },
              {
                title: t('assessment.field.done'),
                render: (_, r) =>
                  r.done ? (
                    <Tag color="success">{r.evidence}</Tag>
                  ) : can('assessment.check') ? (
                    <Space>
                      <Input
                        size="small"
                        placeholder={t('assessment.evidence')}
                        value={evidence[r.id]}
                        onChange={(e) => setEvidence((x) => ({ ...x, [r.id]: e.target.value }))}
                      />
                      <Button
                        size="small"
                        disabled={!evidence[r.id]}
                        onClick={() =>
                          void api
                            .post(`/api/assessment/rectification-items/${r.id}/done`, { evidence: evidence[r.id] })
                            .then(refresh, fail)
                        }
                      >
                        {t('assessment.markDone')}
                      </Button>
                    </Space>
                  ) : (
                    <Tag>{t('assessment.open')}</Tag>
                  ),
              },
            ]}
          />
          {a.weak && can('assessment.manage') && (
            <Space style={{ marginTop: 8 }}>
              <Input
                placeholder={t('assessment.field.item')}
                value={rect.title}
                onChange={(e) => setRect((r) => ({ ...r, title: e.target.value }))}
              />
              <DatePicker value={rect.dueOn} onChange={(d) => setRect((r) => ({ ...r, dueOn: d }))} />
              <Button
                disabled={!rect.title || !rect.dueOn}
                onClick={() =>
                  void api
                    .post(`/api/assessment/assessments/${id}/rectification`, {
                      items: [{ title: rect.title, dueOn: rect.dueOn!.format('YYYY-MM-DD') }],
                    })
                    .then(() => {
                      setRect({ title: '', dueOn: null });
                      refresh();
                    }, fail)
                }
              >
                {t('assessment.addRectification')}
              </Button>
            </Space>
          )}
        </Card>
      )}
    </div>
  );
}
