import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SendOutlined,
  StarOutlined,
  TeamOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type UploadFile,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { OrderAttachments, ResolvePhotosField, uploadPicked } from './OrderAttachments';
import { OrderDuplicates } from './OrderDuplicates';
import {
  DispatchFields,
  handlerText,
  KindTag,
  OverdueTag,
  RelTime,
  StatusTag,
  toDispatchBody,
  useCategoryLabel,
  type TargetValues,
} from './shared';
import {
  RATINGS,
  type DispatchBody,
  type OrderAction,
  type OrderDetail,
  type OrderEvent,
  type Rating,
  type Suggestion,
} from './types';

const BLUE = '#1677ff';
const GREEN = '#52c41a';
const EVENT_COLORS: Record<string, string> = {
  create: BLUE,
  dispatch: BLUE,
  open: '#13c2c2',
  claim: GREEN,
  accept: GREEN,
  start: GREEN,
  resolve: GREEN,
  rate: '#faad14',
  reopen: '#cf1322',
  return: '#fa8c16',
  close: '#8c8c8c',
  remind: '#fa8c16',
  escalate: '#cf1322',
};

/** Moves that take a note in a dialog (required for resolve and return). */
type NoteMove = 'resolve' | 'return' | 'close' | 'rate';

/** 工单详情: what was asked, where, by whom, who handles it and by when; the timeline; the moves the viewer may make. */
export default function OrderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const orderKey = ['orders', 'one', id] as const;
  const query = useQuery({
    queryKey: orderKey,
    queryFn: ({ signal }) => api.get<OrderDetail>(`/api/orders/${id}`, undefined, signal),
    retry: false,
  });
  const [drawer, setDrawer] = useState(false);
  const [noteMove, setNoteMove] = useState<NoteMove | null>(null);

  if (query.isPending) return <PageSpin />;
  if (query.isError) {
    const missing = isApiError(query.error) && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('orders.notFound') : query.error.message}
        extra={
          <Link to="/orders">
            <Button>{t('orders.back')}</Button>
          </Link>
        }
      />
    );
  }
  const order = query.data;
  const changed = (next: OrderDetail) => {
    queryClient.setQueryData(orderKey, next);
    void queryClient.invalidateQueries({ queryKey: ['orders'] });
  };

  return (
    <div data-testid="order-page">
      <PageTitle
        title={`#${order.id} ${order.title}`}
        help={
          <Link to="/orders">
            <ArrowLeftOutlined /> {t('orders.back')}
          </Link>
        }
        extra={<Actions order={order} onChanged={changed} onDispatch={() => setDrawer(true)} onNote={setNoteMove} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          {order.kind === 'mediation' && (
            <Alert
              style={{ marginBottom: 16 }}
              type="info"
              showIcon
              title={t('orders.mediationCase')}
              action={
                <Link to={`/mediation/cases/${order.id}`} data-testid="order-mediation-link">
                  {t('orders.openMediationCase')}
                </Link>
              }
            />
          )}
          <OrderFacts order={order} />
          <OrderAttachments order={order} onChanged={() => void query.refetch()} />
          <OrderDuplicates order={order} onChanged={changed} />
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('orders.timeline')} size="small" data-testid="order-timeline">
            <OrderTimeline events={order.timeline} />
          </Card>
        </Col>
      </Row>
      <DispatchDrawer
        order={order}
        open={drawer}
        onClose={() => setDrawer(false)}
        onDone={(o) => {
          setDrawer(false);
          changed(o);
        }}
      />
      <NoteModal
        order={order}
        move={noteMove}
        onClose={() => setNoteMove(null)}
        onDone={(o) => {
          setNoteMove(null);
          changed(o);
        }}
      />
    </div>
  );
}

function OrderFacts({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const category = useCategoryLabel();
  const finished = ['resolved', 'rated', 'closed', 'merged'].includes(order.status);
  const before = ['submitted', 'dispatched', 'open'].includes(order.status);
  const item = (key: string, label: string, children: ReactNode, span = 1) => ({ key, label, children, span });
  return (
    <Card size="small" data-testid="order-facts">
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusTag status={order.status} />
        <KindTag kind={order.kind} />
        <Tag>{category(order.category)}</Tag>
        {order.overdue && <OverdueTag />}
        {order.escalatedTo && (
          <Tag color="purple" data-testid="order-escalated">
            {t('orders.escalatedTo', { place: order.escalatedTo.name })}
          </Tag>
        )}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        items={[
          item(
            'description',
            t('orders.field.description'),
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {order.description || '—'}
            </Typography.Paragraph>,
            2,
          ),
          item('community', t('orders.field.community'), order.community.name),
          item('place', t('orders.field.place'), order.territory.name),
          item(
            'address',
            t('orders.field.address'),
            order.location
              ? `${order.location.address ?? ''} (${order.location.lng.toFixed(5)}, ${order.location.lat.toFixed(5)})`.trim()
              : '—',
            2,
          ),
          item('reporter', t('orders.field.reporter'), order.reporter?.name ?? t('orders.noReporter')),
          item(
            'handler',
            t('orders.field.handler'),
            <span data-testid="order-handler">{handlerText(order.handler, t)}</span>,
          ),
          item('createdAt', t('orders.field.createdAt'), formatDateTime(order.createdAt)),
          item('acceptedAt', t('orders.field.acceptedAt'), formatDateTime(order.acceptedAt)),
          item(
            'respondBy',
            t('orders.field.respondBy'),
            <Space size={6}>
              {formatDateTime(order.respondBy)}
              {before && <RelTime value={order.respondBy} danger={order.overdue} />}
            </Space>,
          ),
          item(
            'resolveBy',
            t('orders.field.resolveBy'),
            <Space size={6}>
              {formatDateTime(order.resolveBy)}
              {!finished && <RelTime value={order.resolveBy} danger={order.overdue} />}
            </Space>,
          ),
          item('resolvedAt', t('orders.field.resolvedAt'), formatDateTime(order.resolvedAt)),
          item(
            'escalation',
            t('orders.field.escalation'),
            order.escalationLevel
              ? `${t(`orders.level.${order.escalationLevel}`)}${order.escalatedTo ? ` · ${order.escalatedTo.name}` : ''}`
              : '—',
          ),
          item(
            'counts',
            t('orders.field.counts'),
            t('orders.countsValue', { reopen: order.reopenCount, returned: order.returnCount }),
          ),
          item(
            'rating',
            t('orders.field.rating'),
            order.rating ? (
              <Space size={6} data-testid="order-rating">
                <Tag
                  color={order.rating === 'unsatisfied' ? 'error' : order.rating === 'satisfied' ? 'success' : 'gold'}
                >
                  {t(`orders.rating.${order.rating}`)}
                </Tag>
                {order.ratingComment}
              </Space>
            ) : (
              '—'
            ),
          ),
        ]}
      />
    </Card>
  );
}

function OrderTimeline({ events }: { events: OrderEvent[] }) {
  const { t } = useTranslation();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      items={[...events].reverse().map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.action] ?? '#8c8c8c',
        content: (
          <div data-testid={`event-${e.action}`}>
            <Space size={6} wrap>
              <Typography.Text strong>{t(`orders.event.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              {e.toStatus && e.fromStatus !== e.toStatus && <StatusTag status={e.toStatus} />}
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)} · {e.actor?.name ?? t('orders.system')}
              </Typography.Text>
            </div>
            {e.note && (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}

const MOVE_ICONS: Record<OrderAction, ReactNode> = {
  dispatch: <SendOutlined />,
  open: <UnlockOutlined />,
  claim: <TeamOutlined />,
  accept: <CheckOutlined />,
  start: <PlayCircleOutlined />,
  resolve: <CheckCircleOutlined />,
  return: <RollbackOutlined />,
  rate: <StarOutlined />,
  close: <CloseCircleOutlined />,
};

/** The buttons of the moves the server says the viewer may make now (legal for the status and permitted). */
function Actions({
  order,
  onChanged,
  onDispatch,
  onNote,
}: {
  order: OrderDetail;
  onChanged: (o: OrderDetail) => void;
  onDispatch: () => void;
  onNote: (m: NoteMove) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const direct = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post<OrderDetail>(`/api/orders/${order.id}/${path}`, body),
    onSuccess: (o, v) => {
      message.success(t('orders.done', { action: t(`orders.action.${v.path === 'dispatch' ? 'open' : v.path}`) }));
      onChanged(o);
    },
    onError: (e) => message.error(e.message),
  });
  const moves = order.moves ?? [];
  if (!moves.length) return null;
  const button = (
    m: OrderAction,
    props: { type?: 'primary' | 'default'; danger?: boolean; onClick?: () => void } = {},
  ) => (
    <Button
      key={m}
      icon={MOVE_ICONS[m]}
      data-testid={`order-action-${m}`}
      loading={direct.isPending && direct.variables?.path === m}
      {...props}
    >
      {t(`orders.action.${m}`)}
    </Button>
  );
  return (
    <Space wrap data-testid="order-actions">
      {moves.map((m) => {
        switch (m) {
          case 'dispatch':
            return button(m, { type: 'primary', onClick: onDispatch });
          case 'open':
            return (
              <Popconfirm
                key={m}
                title={t('orders.confirmOpen')}
                onConfirm={() => direct.mutate({ path: 'dispatch', body: { target: 'open' } })}
              >
                {button(m)}
              </Popconfirm>
            );
          case 'claim':
            return button(m, { type: 'primary', onClick: () => direct.mutate({ path: 'claim', body: {} }) });
          case 'accept':
            return button(m, { type: 'primary', onClick: () => direct.mutate({ path: 'accept', body: {} }) });
          case 'start':
            return button(m, { onClick: () => direct.mutate({ path: 'start', body: {} }) });
          case 'resolve':
            return button(m, { type: 'primary', onClick: () => onNote('resolve') });
          case 'return':
            return button(m, { danger: true, onClick: () => onNote('return') });
          case 'rate':
            return button(m, { type: 'primary', onClick: () => onNote('rate') });
          case 'close':
            return button(m, { onClick: () => onNote('close') });
          default:
            return null;
        }
      })}
    </Space>
  );
}

interface NoteValues {
  note?: string;
  rating?: Rating;
  /** Resolve: photos of the work, uploaded (stage 'resolve') before the order is resolved. */
  photos?: UploadFile[];
}

/** 办结 (note required), 回退 (reason required), 关闭 (optional note), 评价 (rating and comment). */
function NoteModal({
  order,
  move,
  onClose,
  onDone,
}: {
  order: OrderDetail;
  move: NoteMove | null;
  onClose: () => void;
  onDone: (o: OrderDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoteValues>();
  const run = useMutation({
    mutationFn: async (v: NoteValues) => {
      if (move === 'resolve') await uploadPicked(order.id, v.photos, 'resolve');
      const note = v.note?.trim() ?? '';
      const body =
        move === 'return'
          ? { reason: note }
          : move === 'resolve'
            ? { note }
            : move === 'rate'
              ? { rating: v.rating, comment: note || null }
              : { note: note || null };
      return api.post<OrderDetail>(`/api/orders/${order.id}/${move}`, body);
    },
    onSuccess: (o) => {
      message.success(t('orders.done', { action: t(`orders.action.${move}`) }));
      onDone(o);
    },
    onError: (e) => showFormError(form, e, message, { reason: 'note', comment: 'note' }),
  });
  const required = move === 'resolve' || move === 'return';
  return (
    <Modal
      open={move !== null}
      title={move ? t(`orders.noteTitle.${move}`) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={move ? t(`orders.action.${move}`) : ''}
      okButtonProps={{ loading: run.isPending, danger: move === 'return', id: 'order-note-submit' }}
      destroyOnHidden
    >
      <Form<NoteValues>
        form={form}
        layout="vertical"
        onFinish={(v) => run.mutate(v)}
        preserve={false}
        data-testid="order-note-form"
      >
        {move === 'rate' && (
          <Form.Item
            name="rating"
            label={t('orders.field.rating')}
            rules={[{ required: true, message: t('orders.dispatch.required') }]}
          >
            <Radio.Group
              optionType="button"
              options={RATINGS.map((r) => ({ value: r, label: t(`orders.rating.${r}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={move ? t(`orders.noteLabel.${move}`) : ''}
          rules={required ? [{ required: true, whitespace: true, message: t('orders.noteRequired') }] : []}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="order-note" />
        </Form.Item>
        {move === 'resolve' && <ResolvePhotosField />}
      </Form>
    </Modal>
  );
}

/** 派单: the ranked suggestions (one click sends it), or the dispatcher's own choice with time limits and a note. */
function DispatchDrawer({
  order,
  open,
  onClose,
  onDone,
}: {
  order: OrderDetail;
  open: boolean;
  onClose: () => void;
  onDone: (o: OrderDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetValues>();
  const suggestions = useQuery({
    queryKey: ['orders', 'suggestions', order.id],
    queryFn: ({ signal }) => api.get<{ items: Suggestion[] }>(`/api/orders/${order.id}/suggestions`, undefined, signal),
    enabled: open,
  });
  const dispatch = useMutation({
    mutationFn: (body: DispatchBody) => api.post<OrderDetail>(`/api/orders/${order.id}/dispatch`, body),
    onSuccess: (o) => {
      message.success(t('orders.dispatched', { handler: handlerText(o.handler, t) }));
      form.resetFields();
      onDone(o);
    },
    onError: (e) => showFormError(form, e, message),
  });
  const use = (s: Suggestion) => {
    const note = (form.getFieldValue('note') as string | undefined)?.trim() || null;
    dispatch.mutate({ ...s.target, note, respondHours: s.respondHours, resolveHours: s.resolveHours });
  };
  const hours = (s: Suggestion) =>
    s.respondHours || s.resolveHours
      ? t('orders.suggest.limits', { respond: s.respondHours ?? '—', resolve: s.resolveHours ?? '—' })
      : t('orders.suggest.keepLimits');
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('orders.dispatch.title', { title: order.title })}
      size={640}
      destroyOnHidden
    >
      <div data-testid="dispatch-drawer">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('orders.suggest.title')}
        </Typography.Title>
        {suggestions.isError && <Alert type="error" title={suggestions.error.message} />}
        <Table<Suggestion>
          size="small"
          data-testid="dispatch-suggestions"
          loading={suggestions.isFetching}
          rowKey={(s) => JSON.stringify(s.target)}
          pagination={false}
          scroll={{ y: 330 }}
          dataSource={suggestions.data?.items ?? []}
          locale={{ emptyText: t('orders.suggest.none') }}
          columns={[
            {
              title: t('orders.suggest.source'),
              key: 'source',
              width: 90,
              render: (_, s) => (
                <Tag color={s.source === 'rule' ? 'red' : s.source === 'gridWorker' ? 'green' : 'blue'}>
                  {t(`orders.suggest.from.${s.source}`)}
                </Tag>
              ),
            },
            {
              title: t('orders.suggest.label'),
              key: 'label',
              render: (_, s) => (
                <Space orientation="vertical" size={0}>
                  <span>{s.label}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`orders.handlerKind.${s.target.target === 'open' ? 'person' : s.target.target}`)} · {hours(s)}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('orders.suggest.score'), dataIndex: 'score', width: 60 },
            {
              title: '',
              key: 'use',
              width: 90,
              render: (_, s) => (
                <Button
                  size="small"
                  type="primary"
                  ghost
                  onClick={() => use(s)}
                  loading={dispatch.isPending}
                  data-testid="suggestion-use"
                >
                  {t('orders.suggest.use')}
                </Button>
              ),
            },
          ]}
        />
        <Divider titlePlacement="start">{t('orders.dispatch.override')}</Divider>
        <Form<TargetValues>
          form={form}
          layout="vertical"
          onFinish={(v) => dispatch.mutate(toDispatchBody(v))}
          data-testid="dispatch-form"
        >
          <DispatchFields communityId={order.community.id} allowOpen={order.kind === 'microWish'} />
          <Button
            type="primary"
            htmlType="submit"
            icon={<SendOutlined />}
            loading={dispatch.isPending}
            data-testid="dispatch-submit"
          >
            {t('orders.action.dispatch')}
          </Button>
        </Form>
      </div>
    </Drawer>
  );
}
