import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, NavBar, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { Spinner } from '../../../../web/mobile/Spinner';
import type { ChallengeDetail } from '../challenges.types';

/** A public 揭榜挂帅 challenge of the resident's community: its steps and outcome; rate it 1–5 once it is closed. */
export default function CoChallengePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['m', 'co-challenge', id],
    queryFn: ({ signal }) => api.get<ChallengeDetail>(`/api/co-building/challenges/${id}`, undefined, signal),
    retry: false,
  });
  const rate = async () => {
    setBusy(true);
    try {
      await api.post(`/api/co-building/challenges/${id}/ratings`, { stars, comment: comment.trim() || null });
      Toast.show({ icon: 'success', content: t('mCo.rated') });
      await qc.invalidateQueries({ queryKey: ['m'] });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const c = q.data;
  const closed = c?.status === 'solved' || c?.status === 'failed';
  return (
    <div data-testid="m-co-challenge">
      <NavBar onBack={() => void navigate('/m/co-building')}>{t('mCo.challenge')}</NavBar>
      {q.isLoading && <Spinner />}
      {q.isError && <div className="gzm-center">{t('mCo.notFound')}</div>}
      {c && (
        <>
          <Card title={<span style={{ fontSize: 18 }}>{c.title}</span>} style={{ margin: 12 }}>
            <p>{c.description}</p>
            <p>{t('mCo.reward', { reward: c.reward })}</p>
          </Card>
          <List style={{ '--font-size': '16px' }}>
            <List.Item extra={c.postedOn}>{t('mCo.step.posted')}</List.Item>
            {c.takenOn && (
              <List.Item extra={c.takenOn} description={c.takers.join('、')}>
                {t('mCo.step.taken')}
              </List.Item>
            )}
            {c.reports.map((r) => (
              <List.Item key={r.id} extra={r.reportedOn} description={r.text}>
                {t('mCo.step.progress')}
              </List.Item>
            ))}
            {c.closedOn && (
              <List.Item extra={c.closedOn} description={<span data-testid="m-co-outcome">{c.outcome}</span>}>
                {t('mCo.step.outcome')} · {t(`mCo.status.${c.status}`)}
              </List.Item>
            )}
            {c.ratingCount > 0 && (
              <List.Item extra={t('mCo.ratingLine', { stars: c.ratingAverage, n: c.ratingCount })}>
                {t('mCo.step.rating')}
              </List.Item>
            )}
          </List>
          <Card style={{ margin: 12 }} data-testid="m-co-rate">
            {!closed && <p>{t('mCo.rateLater')}</p>}
            {closed && c.ratedByMe && <p data-testid="m-co-rated">{t('mCo.ratedAlready')}</p>}
            {closed && !c.ratedByMe && (
              <>
                <p style={{ fontSize: 17 }}>{t('mCo.rateAsk')}</p>
                <div style={{ display: 'flex', gap: 4 }} data-testid="m-co-stars">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <button
                      key={n}
                      type="button"
                      aria-label={t('mCo.starN', { n })}
                      onClick={() => setStars(n)}
                      data-testid={`m-co-star-${n}`}
                      style={{
                        fontSize: 34,
                        border: 0,
                        background: 'none',
                        padding: 2,
                        color: n <= stars ? '#ffb400' : '#ccc',
                      }}
                    >
                      ★
                    </button>
                  ))}
                </div>
                <TextArea
                  placeholder={t('mCo.commentPlaceholder')}
                  value={comment}
                  onChange={setComment}
                  maxLength={500}
                  rows={2}
                  style={{ marginTop: 8 }}
                />
                <Button
                  block
                  color="primary"
                  size="large"
                  disabled={stars === 0}
                  loading={busy}
                  onClick={() => void rate()}
                  style={{ marginTop: 12 }}
                  data-testid="m-co-rate-submit"
                >
                  {t('mCo.rateSubmit')}
                </Button>
              </>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
