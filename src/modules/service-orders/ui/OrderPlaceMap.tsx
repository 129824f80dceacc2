import { EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Spin, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import type { WireOf } from '../../../web/api/wire';
import type * as G from '../../grids/contract';
import type { GridMapData } from '../../grids/ui';
import type { Order } from './types';

/** The grids module's map (ECharts), loaded only for an order placed by a point. */
const GridMapView = lazy(() => import('../../grids/ui').then((m) => ({ default: m.GridMapView })));

type GridDetail = WireOf<typeof G.GridDetail>;

/**
 * Where an order placed by a point is (issue 10 item 16): its community, grid and place by name, and the point on a
 * small map of the community's grids. The map and the grid's name need grid.read (staff); others see the names
 * the order itself carries.
 */
export function OrderPlaceMap({ order }: { order: Order }) {
  const { t } = useTranslation();
  const can = useCan();
  const mayMap = can('grid.read');
  const located = order.location !== null;
  const map = useQuery({
    queryKey: ['grids', 'map', order.community.id],
    queryFn: () => api.get<GridMapData>('/api/grids/map', { communityId: order.community.id }),
    enabled: located && mayMap,
    staleTime: 5 * 60_000,
  });
  const grid = useQuery({
    queryKey: ['grids', 'detail', order.gridId],
    queryFn: () => api.get<GridDetail>(`/api/grids/${order.gridId}`),
    enabled: located && mayMap && order.gridId !== null,
    retry: false,
  });
  const lng = order.location?.lng;
  const lat = order.location?.lat;
  const marks = useMemo(
    (): [number, number][] => (lng !== undefined && lat !== undefined ? [[lng, lat]] : []),
    [lng, lat],
  );
  if (!order.location) return null;

  const names = [
    order.community.name,
    order.gridId === null ? t('orders.placeMap.noGrid') : (grid.data?.name ?? null),
    order.territory.id !== order.community.id ? order.territory.name : null,
  ].filter((x): x is string => !!x);
  return (
    <Card size="small" title={t('orders.placeMap.title')} style={{ marginBottom: 16 }} data-testid="order-place-map">
      <div style={{ marginBottom: 8 }}>
        <EnvironmentOutlined style={{ color: '#c41d1d', marginInlineEnd: 6 }} />
        <span data-testid="order-place">{names.join(' · ')}</span>
        {order.location.address && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
            {order.location.address}
          </Typography.Text>
        )}
      </div>
      {mayMap &&
        (map.data ? (
          <Suspense fallback={<Spin style={{ display: 'block', padding: 32 }} />}>
            <GridMapView data={map.data} marks={marks} labels={false} height={260} testId="order-place-map-view" />
          </Suspense>
        ) : map.isError ? (
          <Typography.Text type="secondary">{map.error.message}</Typography.Text>
        ) : (
          <Spin style={{ display: 'block', padding: 32 }} />
        ))}
    </Card>
  );
}
