import { ArrowLeftOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import type { WireOf } from '../../../web/api/wire';
import { queryClient } from '../../../web/app/queryClient';
import { errorText, showFormError } from '../../../web/components/formErrors';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import type * as G from '../../grids/contract';
import type { GridMapData } from '../../grids/ui';
import { PHOTO_ACCEPT, uploadAttachments } from './attachments';
import { useCategoryLabel } from './shared';
import { ORDER_CATEGORIES, type OrderDetail } from './types';

/** The grids module's map (ECharts), loaded only when the place is picked on it. */
const GridMapView = lazy(() => import('../../grids/ui').then((m) => ({ default: m.GridMapView })));

type Located = WireOf<typeof G.LocateResult>;
type PlaceMode = 'map' | 'list';
type Point = [number, number];
/** Photos offered at once, as on the resident pages (the server takes up to 9 per request). */
const MAX_PHOTOS = 6;
/** The kinds a walk-in brings to the counter (a menu service is ordered from the menu, a dispute on 矛盾调解). */
const WALK_IN_KINDS = ['problem', 'microWish'] as const;

interface Values {
  walkInName: string;
  walkInPhone: string;
  kind: (typeof WALK_IN_KINDS)[number];
  category: string | undefined;
  title: string;
  placeMode: PlaceMode;
  point: Point | null;
  address: string;
  territory: TerritoryRef | undefined;
  description: string;
}

/** The API's field names → the form's (showFormError puts each message under its item). */
const FIELD_MAP: Record<string, string> = {
  'walkIn.name': 'walkInName',
  'walkIn.phone': 'walkInPhone',
  walkIn: 'walkInName',
  location: 'point',
  territoryId: 'territory',
};

/**
 * 代群众登记 (issue 10 items 6 and 8): a community worker registers, at the counter, a matter for a walk-in resident
 * who has no account — name and phone (for the follow-up 回访), category, the place picked on the grid map or from
 * the compound/building/household list, description and photos. A point outside the worker's community is sent
 * again only after the worker confirms it in a dialog that shows the API's own message.
 */
export default function WalkInPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const category = useCategoryLabel();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const kind = Form.useWatch('kind', form) ?? 'problem';
  const mode: PlaceMode = (Form.useWatch('placeMode', form) ?? 'map') === 'map' && kind === 'problem' ? 'map' : 'list';

  const save = useMutation({
    mutationFn: async ({ v, confirmOutside }: { v: Values; confirmOutside: boolean }) => {
      const place =
        mode === 'map' && v.point
          ? { location: { lng: v.point[0], lat: v.point[1], address: v.address.trim() || null } }
          : { territoryId: v.territory?.id ?? null };
      const order = await api.post<OrderDetail>('/api/orders', {
        kind: v.kind,
        category: v.category,
        title: v.title,
        description: v.description.trim() || null,
        walkIn: { name: v.walkInName, phone: v.walkInPhone.trim() || null },
        ...place,
        ...(confirmOutside ? { confirmOutside: true } : {}),
      });
      // Photos go once the order exists (the attachments route), as the reporter's 'report' stage.
      const files: File[] = photos.flatMap((p) => (p.originFileObj ? [p.originFileObj] : []));
      let photosError: string | null = null;
      if (files.length) {
        try {
          await uploadAttachments(order.id, files, 'report');
        } catch (e) {
          photosError = errorText(e);
        }
      }
      return { order, photosError };
    },
    onSuccess: ({ order, photosError }) => {
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      message.success(t('orders.walkIn.done', { id: order.id, place: order.territory.name }));
      if (photosError) message.warning(t('orders.walkIn.photosFailed', { message: photosError }));
      void navigate(`/orders/${order.id}`);
    },
  });
  const submit = async (v: Values, confirmOutside: boolean): Promise<void> => {
    try {
      await save.mutateAsync({ v, confirmOutside });
    } catch (e) {
      // The point lies outside the community: the API asks the worker to confirm it (never for a far point).
      const ask = !confirmOutside && isApiError(e) ? e.fields.find((f) => f.field === 'confirmOutside') : undefined;
      if (!ask) {
        showFormError(form, e, message, FIELD_MAP);
        return;
      }
      modal.confirm({
        title: t('orders.walkIn.outsideTitle'),
        content: <div data-testid="walk-in-outside-message">{ask.message}</div>,
        okText: t('orders.walkIn.outsideOk'),
        cancelText: t('orders.walkIn.outsideCancel'),
        okButtonProps: { id: 'walk-in-outside-confirm' },
        onOk: () => submit(v, true),
      });
    }
  };

  const initialValues: Values = {
    walkInName: '',
    walkInPhone: '',
    kind: 'problem',
    category: undefined,
    title: '',
    placeMode: 'map',
    point: null,
    address: '',
    territory: undefined,
    description: '',
  };

  return (
    <div data-testid="walk-in-page">
      <PageTitle
        title={t('orders.walkIn.title')}
        help={t('orders.walkIn.help')}
        extra={
          <Link to="/orders">
            <Button icon={<ArrowLeftOutlined />}>{t('orders.walkIn.back')}</Button>
          </Link>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void submit(v, false)}
        data-testid="walk-in-form"
      >
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <Card title={t('orders.walkIn.who')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item
                    name="walkInName"
                    label={t('orders.walkIn.name')}
                    rules={[{ required: true, whitespace: true, message: t('orders.walkIn.nameRequired') }]}
                  >
                    <Input maxLength={40} data-testid="walk-in-name" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="walkInPhone" label={t('orders.walkIn.phone')} extra={t('orders.walkIn.phoneHelp')}>
                    <Input maxLength={20} inputMode="tel" data-testid="walk-in-phone" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={t('orders.walkIn.what')} size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="kind" label={t('orders.field.kind')}>
                <Radio.Group
                  optionType="button"
                  data-testid="walk-in-kind"
                  options={WALK_IN_KINDS.map((k) => ({ value: k, label: t(`orders.kind.${k}`) }))}
                />
              </Form.Item>
              <Form.Item
                name="category"
                label={t('orders.field.category')}
                rules={[{ required: true, message: t('orders.walkIn.categoryRequired') }]}
              >
                <Select
                  data-testid="walk-in-category"
                  placeholder={t('orders.walkIn.categoryPick')}
                  options={ORDER_CATEGORIES.map((c) => ({ value: c, label: category(c) }))}
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('orders.walkIn.subject')}
                rules={[{ required: true, whitespace: true, message: t('orders.walkIn.subjectRequired') }]}
              >
                <Input
                  maxLength={100}
                  placeholder={t('orders.walkIn.subjectPlaceholder')}
                  data-testid="walk-in-title"
                />
              </Form.Item>
              <Form.Item name="description" label={t('orders.field.description')}>
                <Input.TextArea rows={4} maxLength={2000} showCount data-testid="walk-in-description" />
              </Form.Item>
              <Form.Item label={t('orders.walkIn.photos')} extra={t('orders.walkIn.photosHelp')}>
                <Upload
                  listType="picture-card"
                  accept={PHOTO_ACCEPT}
                  multiple
                  maxCount={MAX_PHOTOS}
                  fileList={photos}
                  beforeUpload={() => false}
                  onChange={({ fileList }) => setPhotos(fileList)}
                  data-testid="walk-in-photos"
                >
                  {photos.length < MAX_PHOTOS && (
                    <div>
                      <PlusOutlined />
                      <div style={{ marginTop: 6 }}>{t('orders.walkIn.addPhoto')}</div>
                    </div>
                  )}
                </Upload>
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card title={t('orders.walkIn.where')} size="small" style={{ marginBottom: 16 }}>
              {kind === 'problem' && (
                <Form.Item name="placeMode">
                  <Radio.Group
                    data-testid="walk-in-place-mode"
                    options={[
                      { value: 'map', label: t('orders.walkIn.placeMap') },
                      { value: 'list', label: t('orders.walkIn.placeList') },
                    ]}
                  />
                </Form.Item>
              )}
              {mode === 'map' ? (
                <>
                  <Form.Item
                    name="point"
                    rules={[{ required: true, message: t('orders.walkIn.pointRequired') }]}
                    style={{ marginBottom: 12 }}
                  >
                    <MapPicker />
                  </Form.Item>
                  <Form.Item name="address" label={t('orders.walkIn.address')}>
                    <Input
                      maxLength={200}
                      placeholder={t('orders.walkIn.addressPlaceholder')}
                      data-testid="walk-in-address"
                    />
                  </Form.Item>
                </>
              ) : (
                <Form.Item
                  name="territory"
                  label={t('orders.walkIn.placeList')}
                  extra={t('orders.walkIn.placeListHelp')}
                  rules={[{ required: true, message: t('orders.walkIn.territoryRequired') }]}
                >
                  <TerritoryTreeSelect testId="walk-in-territory" placeholder={t('orders.walkIn.territoryPick')} />
                </Form.Item>
              )}
            </Card>
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="walk-in-submit">
                {t('orders.walkIn.submit')}
              </Button>
              <Button onClick={() => form.resetFields()}>{t('common.reset')}</Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </div>
  );
}

/**
 * A point picked on the grid map of the worker's scope, answered with the place's name (grid and community, from
 * the grids module's locate) — never bare coordinates alone.
 */
function MapPicker({ value, onChange }: { value?: Point | null; onChange?: (p: Point | null) => void }) {
  const { t } = useTranslation();
  const map = useQuery({
    queryKey: ['grids', 'map', 'walk-in'],
    queryFn: () => api.get<GridMapData>('/api/grids/map'),
    staleTime: 5 * 60_000,
  });
  const located = useQuery({
    queryKey: ['grids', 'locate', value?.[0], value?.[1]],
    queryFn: () => api.post<Located>('/api/grids/locate', { lng: value![0], lat: value![1] }),
    enabled: !!value,
    retry: false,
  });
  const where = located.data;
  return (
    <div>
      {map.isError && <Alert type="error" showIcon title={map.error.message} style={{ marginBottom: 8 }} />}
      <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, overflow: 'hidden' }}>
        {map.data ? (
          <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
            <GridMapView
              data={map.data}
              drawing={value ? [value] : []}
              onMapClick={(p) => onChange?.([p[0], p[1]])}
              height={420}
              testId="walk-in-map"
            />
          </Suspense>
        ) : (
          <Spin style={{ display: 'block', padding: 48 }} />
        )}
      </div>
      <div style={{ marginTop: 8 }} data-testid="walk-in-point">
        {!value ? (
          <Typography.Text type="secondary">{t('orders.walkIn.pickOnMap')}</Typography.Text>
        ) : (
          <Space size={6} wrap>
            <EnvironmentOutlined style={{ color: '#c41d1d' }} />
            {located.isPending ? (
              <Spin size="small" />
            ) : where?.grid ? (
              <span>
                {t('orders.walkIn.inGrid', {
                  grid: where.grid.name,
                  community: where.community?.name ?? '',
                  compound: where.compound?.name ?? t('orders.walkIn.noCompound'),
                })}
              </span>
            ) : (
              <Typography.Text type="warning">{t('orders.walkIn.inNoGrid')}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ({value[0].toFixed(5)}, {value[1].toFixed(5)})
            </Typography.Text>
          </Space>
        )}
      </div>
    </div>
  );
}
