import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, NavBar, Selector, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { useCan, useMe } from '../../../../web/app/auth';
import { formatDateTime } from '../../../../web/components/format';
import { Spinner } from '../../../../web/mobile/Spinner';
import { RATINGS, shownKind, type OrderDetail, type Rating } from '../../../../web/mobile/types';
import { STATUS_COLOR } from './status';
import { TasksHandlePanel } from './TasksHandlePanel';
import { MobileOrderPhotos } from '../MobileOrderPhotos';

/** One order: what was asked, who handles it, its timeline; the reporter rates it once resolved. */
/** The timeline's words are the console's (one set: orders.event); an escalation by decision reads 上报上级. */
function eventWord(e: { action: string; data?: unknown }): string {
  const byDecision = (e.data as { byDecision?: boolean } | null)?.byDecision === true;
  return e.action === 'escalate' && byDecision ? 'escalateByDecision' : e.action;
}

export default function OrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  // Back to the list the order was opened from (the tasks page passes it), else home.
  const from: unknown = useLocation().state;
  const backTo =
    typeof from === 'object' && from !== null && 'from' in from && typeof from.from === 'string' ? from.from : '/m';
  const { data: me } = useMe();
  const can = useCan();
  const [busy, setBusy] = useState(false);
  const order = useQuery({ queryKey: ['m', 'orders', id], queryFn: () => api.get<OrderDetail>(`/api/orders/${id}`) });
  if (order.isLoading) return <Spinner />;
  if (!order.data) return <div className="gzm-center">{t('mobile.loadFailed')}</div>;
  const o = order.data;
  const handler =
    o.handler && (o.handler.unit?.name ?? o.handler.member?.name ?? o.handler.account?.name ?? o.handler.department);
  // The reporter rates a resolved order; a co-reporter (their duplicate was merged into it) once, when the server offers it.
  const mayRate =
    (o.status === 'resolved' && o.reporter?.id === me?.id && can('order.rate')) || !!o.moves?.includes('rate');
  const myCo = o.reporter?.id === me?.id ? undefined : o.coReporters?.find((c) => c.account.id === me?.id);
  const myRating = myCo
    ? { rating: myCo.rating, comment: myCo.ratingComment }
    : { rating: o.rating, comment: o.ratingComment };

  const rate = async (v: { rating?: Rating[]; comment?: string }) => {
    setBusy(true);
    try {
      await api.post(`/api/orders/${o.id}/rate`, {
        rating: v.rating?.[0] ?? 'satisfied',
        comment: v.comment?.trim() || null,
      });
      await qc.invalidateQueries({ queryKey: ['m', 'orders'] });
      Toast.show({ icon: 'success', content: t('mobile.order.rated') });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="m-order">
      <NavBar onBack={() => navigate(backTo)}>{t('mobile.order.detail')}</NavBar>
      <Card
        className="gzm-section"
        title={<span style={{ fontSize: 19 }}>{o.title}</span>}
        extra={
          <Tag color={STATUS_COLOR[o.status]} data-testid="m-order-status">
            {t(`orders.status.${o.status}`)}
          </Tag>
        }
      >
        <div className="gzm-muted">
          {t(`mobile.order.kinds.${shownKind(o)}`)} ·{' '}
          {t(`mobile.order.categories.${o.category}`, { defaultValue: o.category })} · {o.community.name}
        </div>
        {o.description && <p style={{ whiteSpace: 'pre-wrap', margin: '10px 0 0' }}>{o.description}</p>}
        <div className="gzm-muted" style={{ marginTop: 10 }}>
          {t('mobile.order.createdAt')}：{formatDateTime(o.createdAt)}
        </div>
        {o.location && (
          <div className="gzm-muted" data-testid="m-order-location">
            {t('mobile.order.place')}：
            {/* The place by name (the compound it was filed at, or the community), never bare coordinates. */}
            {o.location.address ??
              (o.territory.id === o.community.id ? o.community.name : `${o.community.name} · ${o.territory.name}`)}
          </div>
        )}
        {handler && (
          <div className="gzm-muted">
            {t('mobile.order.handler')}：{handler}
          </div>
        )}
        {myRating.rating && (
          <div style={{ marginTop: 10 }}>
            {t('mobile.order.myRating')}：
            <Tag color={myRating.rating === 'unsatisfied' ? 'danger' : 'success'}>
              {t(`mobile.order.ratings.${myRating.rating}`)}
            </Tag>{' '}
            {myRating.comment}
          </div>
        )}
        {o.status === 'merged' && o.mergedIntoId && (
          <div style={{ marginTop: 10 }} data-testid="m-order-merged">
            {t('mobile.order.mergedInto')}
            <a onClick={() => navigate(`/m/orders/${o.mergedIntoId}`)}>#{o.mergedIntoId}</a>
          </div>
        )}
        {myCo && (
          <div className="gzm-muted" style={{ marginTop: 10 }} data-testid="m-order-co-reporter">
            {t('mobile.order.coReporter')}
          </div>
        )}
      </Card>

      <MobileOrderPhotos order={o} meId={me?.id} />

      <TasksHandlePanel order={o} />

      {mayRate && (
        <Card className="gzm-section" title={t('mobile.order.rateTitle')} data-testid="m-rate">
          <Form
            layout="vertical"
            onFinish={rate}
            initialValues={{ rating: ['satisfied'] }}
            footer={
              <Button block type="submit" color="primary" size="large" loading={busy} data-testid="m-rate-submit">
                {t('mobile.order.rateSubmit')}
              </Button>
            }
          >
            <Form.Item name="rating">
              <Selector
                columns={3}
                options={RATINGS.map((r) => ({ value: r, label: t(`mobile.order.ratings.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="comment" label={t('mobile.order.comment')}>
              <TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Form>
        </Card>
      )}

      <div className="gzm-section-title">{t('mobile.order.timeline')}</div>
      <div style={{ background: '#fff', margin: 12, borderRadius: 8, padding: '8px 0' }}>
        <Steps direction="vertical" current={o.timeline.length - 1} data-testid="m-timeline">
          {o.timeline.map((e) => (
            <Steps.Step
              key={e.id}
              status="finish"
              title={`${t(`orders.event.${eventWord(e)}`, { defaultValue: e.action })}${e.actor ? ` · ${e.actor.name}` : ''}`}
              description={
                <>
                  <div>{formatDateTime(e.at)}</div>
                  {e.note && <div style={{ color: '#333' }}>{e.note}</div>}
                </>
              }
            />
          ))}
        </Steps>
      </div>
    </div>
  );
}
