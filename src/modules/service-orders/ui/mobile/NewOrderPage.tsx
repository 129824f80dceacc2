import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Form,
  ImageUploader,
  Input,
  List,
  NavBar,
  Selector,
  TextArea,
  Toast,
  type ImageUploadItem,
} from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../../web/api/client';
import type { Page } from '../../../../web/api/types';
import { useCan, useMe } from '../../../../web/app/auth';
import { Spinner } from '../../../../web/mobile/Spinner';
import type { WireOf } from '../../../../web/api/wire';
import type * as G from '../../../grids/contract';
import type { GridMapData } from '../../../grids/ui';
import { PHOTO_ACCEPT, uploadAttachments } from '../attachments';
import { MAX_PHOTOS } from '../MobileOrderPhotos';
import {
  DISPUTE_CATEGORIES,
  ORDER_KINDS,
  PROBLEM_CATEGORIES,
  type CreatedOrder,
  type MenuItem,
  type MyRecord,
  type OrderKind,
} from '../../../../web/mobile/types';
import { errorText } from '../../../../web/components/formErrors';

type Located = WireOf<typeof G.LocateResult>;
type Home = GridMapData['home'];

/** The grids module's map (ECharts), loaded only when the resident picks a place on it. */
const GridMapView = lazy(() => import('../../../grids/ui').then((m) => ({ default: m.GridMapView })));

interface Values {
  category?: string[];
  title: string;
  description?: string;
  place?: Place[];
  address?: string;
  otherParty?: string;
}

/** Order from the community's menu, report a problem, or post a micro-wish. */
type Place = 'home' | 'map' | 'address';

export default function NewOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { kind: raw } = useParams();
  const { data: me } = useMe();
  const can = useCan();
  const [menuItem, setMenuItem] = useState<MenuItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [place, setPlace] = useState<Place>('home');
  const [point, setPoint] = useState<[number, number] | null>(null);
  // Photos are kept in the page until the order exists, then uploaded with stage 'report'.
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const kind = ORDER_KINDS.find((k) => k === raw);
  const record = useQuery({
    queryKey: ['m', 'people', 'me'],
    queryFn: () => api.get<MyRecord>('/api/people/me'),
    enabled: can('resident.self'),
  });
  const menu = useQuery({
    queryKey: ['m', 'menu'],
    queryFn: () => api.get<Page<MenuItem>>('/api/orders/menu', { pageSize: 100 }),
    enabled: kind === 'menuService',
  });
  const map = useQuery({
    queryKey: ['m', 'map'],
    queryFn: () => api.get<GridMapData>('/api/signup/me/map'),
    enabled: place === 'map',
  });
  // The picked point answered with its place's name (grids' locate): 小区 · 网格 · 社区, or "outside".
  const located = useQuery({
    queryKey: ['m', 'locate', point?.[0], point?.[1]],
    queryFn: () => api.post<Located>('/api/grids/locate', { lng: point![0], lat: point![1] }),
    enabled: !!point && place === 'map',
    retry: false,
  });
  if (!kind) return <Navigate to="/m" replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      if (place === 'map' && !point) {
        Toast.show({ content: t('mobile.order.pickOnMap') });
        return;
      }
      if (place === 'map' && located.data && !located.data.grid) {
        Toast.show({ content: t('mobile.order.pointOutside') });
        return;
      }
      // An address without a point travels in the text; a point on the map is the order's location (routed to its grid).
      const where = place === 'address' && v.address ? `${t('mobile.order.address')}：${v.address}` : null;
      const description = [where, v.description?.trim()].filter(Boolean).join('\n') || null;
      const location =
        place === 'map' && point ? { lng: point[0], lat: point[1], address: v.address?.trim() || null } : undefined;
      const body =
        kind === 'menuService' && menuItem
          ? { kind, category: menuItem.category, title: menuItem.name, menuItemId: menuItem.id, description }
          : {
              kind,
              category: v.category?.[0] ?? 'other',
              title: v.title,
              description,
              ...(location ? { location } : {}),
            };
      if (kind === 'mediation') {
        // A mediation request: the resident is the applicant, the other party is named (the mediation module's route).
        const asked = await api.post<{ order: { id: number } }>('/api/mediation/cases', {
          title: v.title,
          description,
          category: v.category?.[0] ?? 'neighbourhood',
          parties: v.otherParty?.trim() ? [{ name: v.otherParty.trim(), role: 'respondent' }] : [],
        });
        await qc.invalidateQueries({ queryKey: ['m', 'orders'] });
        Toast.show({
          icon: 'success',
          content: t('mobile.order.mediationSubmitted', { id: asked.order.id }),
          duration: 3000,
        });
        void navigate(`/m/orders/${asked.order.id}`, { replace: true });
        return;
      }
      const order = await api.post<CreatedOrder>('/api/orders', body);
      const files = photos.map((p) => p.extra as File);
      if (files.length) {
        try {
          await uploadAttachments(order.id, files, 'report');
        } catch (e) {
          Toast.show({
            content: t('mobile.order.photosFailed', {
              message: errorText(e),
            }),
          });
        }
      }
      await qc.invalidateQueries({ queryKey: ['m', 'orders'] });
      // Someone already reported this nearby: say so (the community may merge the two; both reporters follow it).
      const nearby = order.possibleDuplicates?.length ?? 0;
      Toast.show({
        icon: 'success',
        content: nearby ? (
          <div data-testid="m-duplicate-notice">
            <div>{t('mobile.order.submitted', { id: order.id })}</div>
            <div style={{ marginTop: 6 }}>{t('mobile.order.duplicateNotice', { count: nearby })}</div>
          </div>
        ) : (
          t('mobile.order.submitted', { id: order.id })
        ),
        duration: nearby ? 5000 : 2000,
      });
      void navigate(`/m/orders/${order.id}`, { replace: true });
    } catch (e) {
      Toast.show({ content: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const title = t(`mobile.order.kinds.${kind satisfies OrderKind}`);
  if (kind === 'menuService' && !menuItem) {
    return (
      <div>
        <NavBar onBack={() => navigate('/m')}>{title}</NavBar>
        {menu.isLoading && <Spinner />}
        {menu.data && menu.data.items.length === 0 && <div className="gzm-center">{t('mobile.order.menuEmpty')}</div>}
        {menu.data && menu.data.items.length > 0 && (
          <List header={t('mobile.order.menuTitle')} data-testid="m-menu">
            {menu.data.items
              .filter((m) => m.active)
              .map((m) => (
                <List.Item
                  key={m.id}
                  description={
                    m.description ?? t(`mobile.order.categories.${m.category}`, { defaultValue: m.category })
                  }
                  onClick={() => setMenuItem(m)}
                  arrowIcon
                >
                  {m.name}
                </List.Item>
              ))}
          </List>
        )}
      </div>
    );
  }

  const home = record.data?.household.address ?? me?.territory.name ?? '';
  return (
    <div>
      <NavBar onBack={() => (menuItem ? setMenuItem(null) : navigate('/m'))}>{menuItem?.name ?? title}</NavBar>
      <Form
        layout="vertical"
        onFinish={submit}
        initialValues={{
          category: [kind === 'microWish' ? 'elderly' : kind === 'mediation' ? 'neighbourhood' : 'environment'],
          place: ['home'],
          title: menuItem?.name ?? '',
        }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="m-order-submit">
            {t('mobile.order.submit')}
          </Button>
        }
      >
        {!menuItem && (
          <Form.Item name="category" label={t('mobile.order.category')} rules={[{ required: true }]}>
            <Selector
              columns={3}
              options={(kind === 'mediation' ? DISPUTE_CATEGORIES : PROBLEM_CATEGORIES).map((c) => ({
                value: c,
                label: t(`mobile.order.categories.${c}`),
              }))}
            />
          </Form.Item>
        )}
        {!menuItem && (
          <Form.Item name="title" label={t('mobile.order.title')} rules={[{ required: true, max: 100 }]}>
            <Input
              placeholder={
                kind === 'microWish'
                  ? t('mobile.order.wishTitlePlaceholder')
                  : kind === 'mediation'
                    ? t('mobile.order.mediationTitlePlaceholder')
                    : t('mobile.order.titlePlaceholder')
              }
              clearable
              data-testid="m-order-title"
            />
          </Form.Item>
        )}
        {kind === 'mediation' && (
          <Form.Item name="otherParty" label={t('mobile.order.otherParty')} rules={[{ required: true, max: 60 }]}>
            <Input placeholder={t('mobile.order.otherPartyPlaceholder')} clearable data-testid="m-order-other-party" />
          </Form.Item>
        )}
        {kind === 'problem' && (
          <Form.Item name="place" label={t('mobile.order.place')}>
            <Selector
              columns={1}
              onChange={(v) => setPlace(v[0] ?? 'home')}
              options={[
                { value: 'home', label: t('mobile.order.placeHome', { address: home }) },
                { value: 'map', label: t('mobile.order.placeMap') },
                { value: 'address', label: t('mobile.order.placeAddress') },
              ]}
            />
          </Form.Item>
        )}
        {kind === 'problem' && place === 'map' && (
          <Form.Item
            label={t('mobile.order.pickOnMap')}
            description={<PointAnswer point={point} located={located} home={map.data?.home ?? null} />}
          >
            {map.data ? (
              <Suspense fallback={<Spinner />}>
                <GridMapView
                  data={map.data}
                  drawing={point ? [point] : []}
                  onMapClick={(p) => setPoint([p[0], p[1]])}
                  focus={map.data.home?.bbox ?? null}
                  selectedId={map.data.home?.gridId ?? null}
                  height={320}
                  testId="m-map"
                />
              </Suspense>
            ) : (
              <Spinner />
            )}
          </Form.Item>
        )}
        {kind === 'problem' && place !== 'home' && (
          <Form.Item
            name="address"
            label={t('mobile.order.address')}
            rules={[{ required: place === 'address', max: 100 }]}
          >
            <Input placeholder={t('mobile.order.addressPlaceholder')} clearable />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('mobile.order.description')} rules={[{ max: 1000 }]}>
          <TextArea
            rows={4}
            showCount
            maxLength={1000}
            placeholder={t('mobile.order.descriptionPlaceholder')}
            data-testid="m-order-description"
          />
        </Form.Item>
        {kind !== 'menuService' && kind !== 'mediation' && (
          <Form.Item label={t('mobile.order.photos')} description={t('mobile.order.photosHint')}>
            <ImageUploader
              value={photos}
              onChange={setPhotos}
              upload={async (file) => ({ url: URL.createObjectURL(file), extra: file })}
              accept={PHOTO_ACCEPT}
              multiple
              maxCount={MAX_PHOTOS}
              data-testid="m-order-photos-input"
            />
          </Form.Item>
        )}
      </Form>
    </div>
  );
}

/**
 * Where the tapped point is, by name (issue 10 item 16): the compound 小区 (or the community's own streets), the
 * grid and the community; outside the resident's community it says so. Never bare coordinates.
 */
function PointAnswer({
  point,
  located,
  home,
}: {
  point: [number, number] | null;
  located: { data?: Located; isPending: boolean; isError: boolean };
  home: Home;
}) {
  const { t } = useTranslation();
  if (!point)
    return (
      <span data-testid="m-map-answer">
        {home ? t('mobile.order.mapHome', { compound: home.compoundName }) : t('mobile.order.pickOnMap')}
      </span>
    );
  if (located.isPending) return <span data-testid="m-map-answer">{t('mobile.order.locating')}</span>;
  const where = located.data;
  if (located.isError || !where) return <span data-testid="m-map-answer">{t('mobile.order.locateFailed')}</span>;
  if (!where.grid)
    return (
      <span data-testid="m-map-answer" style={{ color: 'var(--adm-color-danger)' }}>
        {t('mobile.order.pointOutside')}
      </span>
    );
  const compound = where.compound
    ? where.compound.id === home?.compoundId
      ? t('mobile.order.myCompound', { name: where.compound.name })
      : where.compound.name
    : t('mobile.order.noCompound');
  return (
    <span data-testid="m-map-answer" style={{ color: 'var(--adm-color-text)' }}>
      {t('mobile.order.pointAt', { compound, grid: where.grid.name, community: where.community?.name ?? '' })}
    </span>
  );
}
