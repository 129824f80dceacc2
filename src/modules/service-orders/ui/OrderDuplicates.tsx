import { MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime, formatNumber } from '../../../web/components/format';
import { FINISHED } from '../constants';
import { RelTime, StatusTag } from './shared';
import type { DuplicateCandidate, OrderDetail } from './types';

/**
 * 疑似重复诉求 (issue 5 item 4): on a problem report, the open reports of the same category nearby in the time
 * window, and the dispatcher's merge in either direction; on a merged order, where it went; on a target, the
 * reporters of the duplicates merged into it and their ratings.
 */
export function OrderDuplicates({ order, onChanged }: { order: OrderDetail; onChanged: (o: OrderDetail) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const dispatcher = can('order.dispatch');
  // A one-window order 一窗受理 is an application, not a report: no duplicates (decision 045).
  const open =
    order.kind === 'problem' && order.origin !== 'oneWindow' && !(FINISHED as readonly string[]).includes(order.status);
  const candidates = useQuery({
    queryKey: ['orders', 'duplicates', order.id],
    queryFn: ({ signal }) =>
      api.get<{ items: DuplicateCandidate[]; meters: number; hours: number }>(
        `/api/orders/${order.id}/duplicates`,
        undefined,
        signal,
      ),
    enabled: dispatcher && open,
  });
  const merge = useMutation({
    mutationFn: ({ from, into }: { from: number; into: number }) =>
      api.post<OrderDetail>(`/api/orders/${from}/merge`, { intoId: into }),
    onSuccess: (target, v) => {
      message.success(t('orderDuplicates.merged', { from: v.from, into: v.into }));
      if (v.into === order.id) onChanged(target);
      else void navigate(`/orders/${v.into}`);
    },
    onError: (e) => message.error(e.message),
  });

  const co = order.coReporters ?? [];
  const mergedInto = order.status === 'merged' && order.mergedIntoId ? order.mergedIntoId : null;
  if (!mergedInto && !co.length && !(dispatcher && open)) return null;

  return (
    <Card size="small" title={t('orderDuplicates.title')} style={{ marginTop: 16 }} data-testid="order-duplicates">
      {mergedInto && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="order-merged-into"
          title={
            <span>
              {t('orderDuplicates.mergedInto')} <Link to={`/orders/${mergedInto}`}>#{mergedInto}</Link>
            </span>
          }
        />
      )}
      {dispatcher && open && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {candidates.data
              ? t('orderDuplicates.help', {
                  meters: formatNumber(candidates.data.meters),
                  hours: candidates.data.hours,
                })
              : t('orderDuplicates.helpShort')}
          </Typography.Paragraph>
          {candidates.isError && <Alert type="error" title={candidates.error.message} />}
          <Table<DuplicateCandidate>
            size="small"
            rowKey="id"
            pagination={false}
            loading={candidates.isFetching}
            dataSource={candidates.data?.items ?? []}
            locale={{ emptyText: t('orderDuplicates.none') }}
            data-testid="duplicate-candidates"
            columns={[
              {
                title: t('orderDuplicates.order'),
                key: 'title',
                render: (_, c) => (
                  <Space size={6} wrap>
                    <Link to={`/orders/${c.id}`}>
                      #{c.id} {c.title}
                    </Link>
                    <StatusTag status={c.status} />
                  </Space>
                ),
              },
              {
                title: t('orderDuplicates.distance'),
                key: 'distance',
                width: 110,
                render: (_, c) =>
                  c.distanceMeters === null ? (
                    <Tag>{t('orderDuplicates.samePlace')}</Tag>
                  ) : (
                    t('orderDuplicates.meters', { n: formatNumber(c.distanceMeters) })
                  ),
              },
              {
                title: t('orderDuplicates.reported'),
                key: 'age',
                width: 120,
                render: (_, c) => <RelTime value={c.createdAt} />,
              },
              {
                title: t('orderDuplicates.merge'),
                key: 'merge',
                width: 210,
                render: (_, c) => (
                  <Space size={4} wrap>
                    <Popconfirm
                      title={t('orderDuplicates.confirmInto', { from: order.id, into: c.id })}
                      onConfirm={() => merge.mutate({ from: order.id, into: c.id })}
                    >
                      <Button
                        size="small"
                        type="primary"
                        ghost
                        icon={<MergeCellsOutlined />}
                        loading={merge.isPending}
                        data-testid="duplicate-merge-into"
                      >
                        {t('orderDuplicates.mergeInto')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('orderDuplicates.confirmInto', { from: c.id, into: order.id })}
                      onConfirm={() => merge.mutate({ from: c.id, into: order.id })}
                    >
                      <Button size="small" loading={merge.isPending} data-testid="duplicate-merge-here">
                        {t('orderDuplicates.mergeHere')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
      {co.length > 0 && (
        <div style={{ marginTop: dispatcher && open ? 12 : 0 }} data-testid="order-co-reporters">
          <Typography.Text strong>{t('orderDuplicates.coReporters', { n: co.length })}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {co.map((c) => (
              <li key={c.account.id}>
                <Space size={6} wrap>
                  <span>{c.account.name}</span>
                  {c.sourceOrderId && <Link to={`/orders/${c.sourceOrderId}`}>#{c.sourceOrderId}</Link>}
                  {c.rating ? (
                    <Tag color={c.rating === 'unsatisfied' ? 'error' : c.rating === 'satisfied' ? 'success' : 'gold'}>
                      {t(`orders.rating.${c.rating}`)}
                    </Tag>
                  ) : (
                    <Typography.Text type="secondary">{t('orderDuplicates.notRated')}</Typography.Text>
                  )}
                  {c.ratingComment && <Typography.Text type="secondary">{c.ratingComment}</Typography.Text>}
                  {c.ratedAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(c.ratedAt)}
                    </Typography.Text>
                  )}
                </Space>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
