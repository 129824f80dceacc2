import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Rate, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { useMe } from '../../../../web/app/auth';
import type { Rateable } from '../types';

/** 西宁评议 on the phone: rate each public service unit once per period, with a comment; see the unit's reply. */
export default function RatingPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const q = useQuery({
    queryKey: ['assessment', 'm', 'rateable'],
    queryFn: () => api.get<Rateable>('/api/assessment/rateable'),
  });
  const [chosen, setChosen] = useState<number | undefined>();
  const [draft, setDraft] = useState<Record<number, { stars: number; comment: string }>>({});
  const periodId = chosen ?? q.data?.periods[0]?.id;
  const rate = async (unitId: number) => {
    const d = draft[unitId];
    if (!d?.stars || periodId === undefined) return;
    try {
      await api.post('/api/assessment/ratings', {
        periodId,
        serviceUnitId: unitId,
        stars: d.stars,
        ...(d.comment.trim() ? { comment: d.comment.trim() } : {}),
      });
      Toast.show({ icon: 'success', content: t('assessment.mobile.thanks') });
      void qc.invalidateQueries({ queryKey: ['assessment', 'm'] });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    }
  };
  const links = (
    <div style={{ display: 'flex', gap: 16, fontSize: 13 }}>
      <Link to="/m/one-window" data-testid="m-one-window-link">
        {t('assessment.mobile.catalogue')} ›
      </Link>
      {me?.permissions.includes('assessment.reviewRate') && (
        <Link to="/m/annual-reviews" data-testid="m-reviews-link">
          {t('assessment.mobile.review.title')} ›
        </Link>
      )}
    </div>
  );
  if (q.data && q.data.periods.length === 0)
    return (
      <div data-testid="m-rating" style={{ padding: 12 }}>
        {links}
        <Empty description={t('assessment.mobile.noPeriod')} />
      </div>
    );
  return (
    <div data-testid="m-rating" style={{ paddingBottom: 16 }}>
      <div style={{ padding: '12px 12px 0' }}>
        <h3 style={{ margin: '0 0 8px' }}>{t('assessment.mobile.title')}</h3>
        {links}
        {q.data && q.data.periods.length > 1 && (
          <Selector
            options={q.data.periods.map((p) => ({ label: p.name, value: p.id }))}
            value={periodId === undefined ? [] : [periodId]}
            onChange={(v) => v[0] !== undefined && setChosen(v[0])}
          />
        )}
        <div style={{ color: '#888', fontSize: 13 }}>{q.data?.periods.find((p) => p.id === periodId)?.name}</div>
      </div>
      {q.data?.units.map((u) => {
        const mine = u.mine.find((m) => m.periodId === periodId);
        const d = draft[u.id] ?? { stars: 0, comment: '' };
        return (
          <Card key={u.id} title={u.name} style={{ margin: '8px 12px' }} data-testid={`m-unit-${u.id}`}>
            <Tag color="primary" fill="outline">
              {t(`assessment.unitKind.${u.kind}`)}
            </Tag>
            {mine?.stars ? (
              <div style={{ marginTop: 8 }} data-testid={`m-rated-${u.id}`}>
                <Rate readOnly value={mine.stars} />
                <div>{mine.comment}</div>
                {mine.reply && (
                  <div style={{ color: '#00b578', marginTop: 4 }}>
                    {t('assessment.reply')}：{mine.reply}
                  </div>
                )}
              </div>
            ) : (
              <div style={{ marginTop: 8 }}>
                <div data-testid={`m-stars-${u.id}`} style={{ fontSize: 28, letterSpacing: 6 }}>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <span
                      key={n}
                      role="button"
                      aria-label={`${n}`}
                      data-testid={`m-star-${u.id}-${n}`}
                      onClick={() => setDraft((x) => ({ ...x, [u.id]: { ...d, stars: n } }))}
                      style={{ color: n <= d.stars ? '#ffb400' : '#ddd', cursor: 'pointer' }}
                    >
                      ★
                    </span>
                  ))}
                </div>
                <TextArea
                  placeholder={t('assessment.mobile.comment')}
                  value={d.comment}
                  onChange={(v) => setDraft((x) => ({ ...x, [u.id]: { ...d, comment: v } }))}
                  rows={2}
                  maxLength={500}
                  data-testid={`m-comment-${u.id}`}
                />
                <Button
                  block
                  color="primary"
                  size="small"
                  disabled={!d.stars}
                  onClick={() => void rate(u.id)}
                  data-testid={`m-rate-${u.id}`}
                  style={{ marginTop: 8 }}
                >
                  {t('assessment.mobile.submit')}
                </Button>
              </div>
            )}
          </Card>
        );
      })}
    </div>
  );
}
