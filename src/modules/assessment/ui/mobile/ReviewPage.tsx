import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Ellipsis, Empty, NavBar, Slider, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import type { Review } from '../types';

/** The quick choices (score out of 100); the slider sets any whole score. */
const GRADES = [
  ['excellent', 95],
  ['good', 85],
  ['fair', 70],
  ['poor', 50],
] as const;

/**
 * 述职评议 on the phone (decision 045): a resident or party member of the community reads the secretary's year-end
 * report and scores it 0–100 once, with an optional comment. The console's score is computed from these ratings.
 */
export default function ReviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['assessment', 'm', 'reviews'],
    queryFn: () => api.get<Review[]>('/api/assessment/annual-reviews'),
  });
  const [draft, setDraft] = useState<Record<number, { score?: number; comment: string }>>({});
  const [busy, setBusy] = useState<number | null>(null);
  // Reports handed in: those still open to rate first, then the ones rated or closed.
  const shown = (q.data ?? [])
    .filter((r) => r.report && (r.may.rate || r.myRating || !r.closed))
    .sort((a, b) => Number(b.may.rate) - Number(a.may.rate) || b.year - a.year);
  const rate = async (r: Review) => {
    const d = draft[r.id];
    if (d?.score === undefined) return;
    setBusy(r.id);
    try {
      await api.post(`/api/assessment/annual-reviews/${r.id}/ratings`, {
        score: d.score,
        ...(d.comment.trim() ? { comment: d.comment.trim() } : {}),
      });
      Toast.show({ icon: 'success', content: t('assessment.mobile.review.thanks') });
      await qc.invalidateQueries({ queryKey: ['assessment', 'm', 'reviews'] });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? (e.fields[0]?.message ?? e.message) : String(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div data-testid="m-reviews" style={{ paddingBottom: 16 }}>
      <NavBar onBack={() => void navigate('/m/rating')}>{t('assessment.mobile.review.title')}</NavBar>
      <div style={{ padding: '8px 12px 0', color: '#888', fontSize: 13 }}>{t('assessment.mobile.review.help')}</div>
      {q.data && shown.length === 0 && <Empty description={t('assessment.mobile.review.none')} />}
      {shown.map((r) => {
        const d = draft[r.id] ?? { comment: '' };
        const set = (patch: Partial<typeof d>) => setDraft((x) => ({ ...x, [r.id]: { ...d, ...patch } }));
        return (
          <Card
            key={r.id}
            title={`${r.org.name} · ${t('assessment.mobile.review.year', { year: r.year })}`}
            style={{ margin: '8px 12px' }}
            data-testid={`m-review-${r.id}`}
          >
            <div style={{ color: '#666', marginBottom: 6 }}>
              {t('assessment.cycle.secretary')}：{r.secretaryName}
            </div>
            <Ellipsis
              content={r.report ?? ''}
              rows={4}
              direction="end"
              expandText={t('assessment.mobile.review.more')}
              collapseText={t('assessment.mobile.review.less')}
              style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}
            />
            {r.myRating ? (
              <div style={{ marginTop: 10 }} data-testid={`m-review-mine-${r.id}`}>
                <Tag color="success">{t('assessment.mobile.review.rated')}</Tag>{' '}
                <span style={{ fontSize: 16 }}>
                  {t('assessment.mobile.review.myScore', { score: r.myRating.score })}
                </span>
                {r.myRating.comment && <div style={{ color: '#666', marginTop: 4 }}>{r.myRating.comment}</div>}
              </div>
            ) : r.may.rate ? (
              <div style={{ marginTop: 10 }}>
                <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                  {GRADES.map(([key, score]) => (
                    <Button
                      key={key}
                      size="large"
                      color={d.score === score ? 'primary' : 'default'}
                      onClick={() => set({ score })}
                      data-testid={`m-review-grade-${r.id}-${score}`}
                      style={{ flex: '1 0 40%' }}
                    >
                      {t(`assessment.mobile.review.grade.${key}`)} {score}
                    </Button>
                  ))}
                </div>
                <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 }}>
                  <Slider
                    min={0}
                    max={100}
                    step={1}
                    value={d.score ?? 0}
                    onChange={(v) => set({ score: Array.isArray(v) ? v[0] : v })}
                    style={{ flex: 1 }}
                  />
                  <b style={{ fontSize: 22, minWidth: 64, textAlign: 'right' }} data-testid={`m-review-score-${r.id}`}>
                    {d.score === undefined ? '—' : t('assessment.mobile.review.points', { score: d.score })}
                  </b>
                </div>
                <TextArea
                  placeholder={t('assessment.mobile.comment')}
                  value={d.comment}
                  onChange={(v) => set({ comment: v })}
                  rows={2}
                  maxLength={500}
                  data-testid={`m-review-comment-${r.id}`}
                />
                <Button
                  block
                  color="primary"
                  size="large"
                  loading={busy === r.id}
                  disabled={d.score === undefined}
                  onClick={() => void rate(r)}
                  data-testid={`m-review-submit-${r.id}`}
                  style={{ marginTop: 8 }}
                >
                  {t('assessment.mobile.review.submit')}
                </Button>
              </div>
            ) : (
              <div style={{ marginTop: 10, color: '#888' }}>
                {t(r.closed ? 'assessment.mobile.review.closed' : 'assessment.mobile.review.notYours')}
              </div>
            )}
          </Card>
        );
      })}
    </div>
  );
}
