import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, PullToRefresh, Rate, Steps, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../../web/api/client';
import { Spinner } from '../../../../web/mobile/Spinner';
import type { Timeline, TimelineEntry } from '../challenges.types';

const DONE = new Set(['met', 'done', 'solved']);
const BAD = new Set(['notMet', 'failed', 'withdrawn']);

/** Where a step's record opens: a challenge on its own page (rate it there); a need's steps at its card. */
export const stepLink = (e: TimelineEntry, ref: TimelineEntry['steps'][number]['ref']) =>
  ref.type === 'challenge' ? `/m/co-building/challenges/${ref.id}` : `/m/co-building#${e.kind}-${e.id}`;

/**
 * 社区共建时间线 (issue 12 point 9, decision 041): the public needs and 揭榜挂帅 challenges of the resident's own
 * community, each step (need → match → project → outcome → rating; posted → taken → progress → outcome → rating)
 * with its date and a link to its record.
 */
export default function CoTimelinePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['m', 'co-timeline'],
    queryFn: ({ signal }) => api.get<Timeline>('/api/co-building/timeline', { pageSize: 50 }, signal),
  });
  return (
    <div data-testid="m-co-timeline">
      <div className="gzm-hero">
        <h1>{t('mCo.title')}</h1>
        <p>{q.data ? t('mCo.subtitle', { community: q.data.community.name }) : ' '}</p>
      </div>
      <PullToRefresh onRefresh={() => qc.invalidateQueries({ queryKey: ['m', 'co-timeline'] })}>
        {q.isLoading && <Spinner />}
        {q.data && q.data.items.length === 0 && <div className="gzm-center">{t('mCo.empty')}</div>}
        {q.data?.items.map((e) => (
          <div key={`${e.kind}-${e.id}`} id={`${e.kind}-${e.id}`}>
            <Card
              data-testid={`m-co-entry-${e.kind}-${e.id}`}
              style={{ margin: '8px 12px' }}
              title={
                <span style={{ fontSize: 17 }}>
                  <Tag color={e.kind === 'challenge' ? 'danger' : 'primary'} fill="outline" style={{ marginRight: 6 }}>
                    {t(`mCo.kind.${e.kind}`)}
                  </Tag>
                  {e.kind === 'challenge' ? (
                    <Link to={stepLink(e, { type: 'challenge', id: e.id })}>{e.title}</Link>
                  ) : (
                    e.title
                  )}
                </span>
              }
              extra={
                <Tag color={DONE.has(e.status) ? 'success' : BAD.has(e.status) ? 'default' : 'warning'}>
                  {t(`mCo.status.${e.status}`, { defaultValue: e.status })}
                </Tag>
              }
            >
              <Steps direction="vertical" current={e.steps.length - 1} style={{ '--title-font-size': '16px' }}>
                {e.steps.map((s, i) => (
                  <Steps.Step
                    key={i}
                    status="finish"
                    title={
                      <Link to={stepLink(e, s.ref)} data-testid={`m-co-step-${e.kind}-${e.id}-${s.step}`}>
                        {t(`mCo.step.${s.step}`)} · {s.on}
                      </Link>
                    }
                    description={
                      s.step === 'rating' ? (
                        <span>
                          <Rate readOnly allowHalf value={s.stars ?? 0} style={{ '--star-size': '14px' }} />{' '}
                          {t('mCo.ratingLine', { stars: s.stars, n: s.count })}
                        </span>
                      ) : (
                        s.text
                      )
                    }
                  />
                ))}
              </Steps>
            </Card>
          </div>
        ))}
      </PullToRefresh>
    </div>
  );
}
