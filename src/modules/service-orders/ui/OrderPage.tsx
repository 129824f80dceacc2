import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  FallOutlined,
  PhoneOutlined,
  StopOutlined,
  RiseOutlined,
  SwapOutlined,
  UserSwitchOutlined,
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
  Select,
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
import { OrderPlaceMap } from './OrderPlaceMap';
import { WalkInPhone } from './WalkInPhone';
import { LearnedSuggestion } from './LearnedSuggestion';
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
  type HandOverCandidates,
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
  handOver: GREEN,
  reassign: BLUE,
  handDown: '#722ed1',
};

/** Moves that take a note in a dialog (required for resolve and return). */
type NoteMove = 'resolve' | 'return' | 'close' | 'rate' | 'escalate' | 'handDown' | 'cancel' | 'followUp';

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
  const [handOver, setHandOver] = useState(false);
  const [reassign, setReassign] = useState(false);

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
        extra={
          <Actions
            order={order}
            onChanged={changed}
            onDispatch={() => setDrawer(true)}
            onNote={setNoteMove}
            onHandOver={() => setHandOver(true)}
            onReassign={() => setReassign(true)}
          />
        }
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
          <OrderPlaceMap order={order} />
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
      <HandOverModal
        order={order}
        open={handOver}
        onClose={() => setHandOver(false)}
        onDone={(o) => {
          setHandOver(false);
          changed(o);
        }}
      />
      <ReassignDrawer
        order={order}
        open={reassign}
        onClose={() => setReassign(false)}
        onDone={(o) => {
          setReassign(false);
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
        <KindTag kind={order.kind} origin={order.origin} />
        <Tag>{category(order.category)}</Tag>
        {order.overdue && <OverdueTag />}
        {order.cancelKind && (
          <Tag data-testid="order-cancelled">
            {t(`orders.cancel.${order.cancelKind}`)}：{order.cancelReason}
          </Tag>
        )}
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
          item(
            'reporter',
            t('orders.field.reporter'),
            order.reporter ? (
              order.reporter.name
            ) : order.reporterName ? (
              <Space size={6} wrap data-testid="order-walk-in-reporter">
                <span>{order.reporterName}</span>
                {order.reporterPhone && <WalkInPhone orderId={order.id} masked={order.reporterPhone} />}
                <Tag color="gold">{t('orders.walkIn.tag')}</Tag>
              </Space>
            ) : (
              t('orders.noReporter')
            ),
          ),
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
                {order.ratingChannel && order.ratingChannel !== 'app' && (
                  <Tag data-testid="order-rating-channel">{t(`orders.ratingChannel.${order.ratingChannel}`)}</Tag>
                )}
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

/** A timeline row's words: an escalation by decision reads 上报上级, the scheduler's 超期上报. */
function eventKey(e: OrderEvent): string {
  const byDecision = (e.data as { byDecision?: boolean } | null)?.byDecision === true;
  return e.action === 'escalate' && byDecision ? 'escalateByDecision' : e.action;
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
              <Typography.Text strong>{t(`orders.event.${eventKey(e)}`, { defaultValue: e.action })}</Typography.Text>
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
  handOver: <UserSwitchOutlined />,
  reassign: <SwapOutlined />,
  escalate: <RiseOutlined />,
  handDown: <FallOutlined />,
  cancel: <StopOutlined />,
  followUp: <PhoneOutlined />,
};

/** The buttons of the moves the server says the viewer may make now (legal for the status and permitted). */
function Actions({
  order,
  onChanged,
  onDispatch,
  onNote,
  onHandOver,
  onReassign,
}: {
  order: OrderDetail;
  onChanged: (o: OrderDetail) => void;
  onDispatch: () => void;
  onNote: (m: NoteMove) => void;
  onHandOver: () => void;
  onReassign: () => void;
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
          case 'handOver':
            return button(m, { type: 'primary', onClick: onHandOver });
          case 'reassign':
            return button(m, { onClick: onReassign });
          case 'escalate':
            return button(m, { onClick: () => onNote('escalate') });
          case 'handDown':
            return button(m, { onClick: () => onNote('handDown') });
          case 'cancel':
            return button(m, { danger: true, onClick: () => onNote('cancel') });
          case 'followUp':
            return button(m, { type: 'primary', onClick: () => onNote('followUp') });
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
  /** 作废 or 无效 (cancel). */
  kind?: 'void' | 'invalid';
  /** How the follow-up 回访 rating was taken. */
  channel?: 'phone' | 'visit';
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
        move === 'cancel'
          ? { kind: v.kind, reason: note }
          : move === 'followUp'
            ? { rating: v.rating, channel: v.channel, note }
            : move === 'return' || move === 'escalate' || move === 'handDown'
              ? { reason: note }
              : move === 'resolve'
                ? { note }
                : move === 'rate'
                  ? { rating: v.rating, comment: note || null }
                  : { note: note || null };
      const path = move === 'handDown' ? 'hand-down' : move === 'followUp' ? 'follow-up' : move;
      return api.post<OrderDetail>(`/api/orders/${order.id}/${path}`, body);
    },
    onSuccess: (o) => {
      message.success(t('orders.done', { action: t(`orders.action.${move}`) }));
      onDone(o);
    },
    onError: (e) => showFormError(form, e, message, { reason: 'note', comment: 'note' }),
  });
  const required = ['resolve', 'return', 'escalate', 'handDown', 'cancel', 'followUp'].includes(move ?? '');
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
        {move === 'cancel' && (
          <Form.Item
            name="kind"
            label={t('orders.cancel.kind')}
            initialValue="void"
            rules={[{ required: true, message: t('orders.dispatch.required') }]}
          >
            <Radio.Group
              optionType="button"
              data-testid="order-cancel-kind"
              options={(['void', 'invalid'] as const).map((k) => ({ value: k, label: t(`orders.cancel.${k}`) }))}
            />
          </Form.Item>
        )}
        {move === 'followUp' && (
          <Form.Item
            name="channel"
            label={t('orders.followUp.channel')}
            initialValue="phone"
            rules={[{ required: true, message: t('orders.dispatch.required') }]}
          >
            <Radio.Group
              optionType="button"
              data-testid="order-follow-up-channel"
              options={(['phone', 'visit'] as const).map((k) => ({ value: k, label: t(`orders.followUp.${k}`) }))}
            />
          </Form.Item>
        )}
        {(move === 'rate' || move === 'followUp') && (
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
  // The order already carries its rule's time limits (from when it was placed): a suggestion does not change them.
  const use = (s: Suggestion) => {
    const note = (form.getFieldValue('note') as string | undefined)?.trim() || null;
    dispatch.mutate({ ...s.target, note });
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
        <LearnedSuggestion orderId={order.id} category={order.category} />
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
                <Tag
                  color={
                    s.source === 'rule'
                      ? 'red'
                      : s.source === 'gridWorker'
                        ? 'green'
                        : s.source === 'member'
                          ? 'volcano'
                          : 'blue'
                  }
                >
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
                  {s.detail && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.detail}
                    </Typography.Text>
                  )}
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

/** 单位下单: the unit's contact names one of the unit's in-service party members or staff as the handler. */
function HandOverModal({
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
  const [form] = Form.useForm<{ who?: string; note?: string }>();
  const people = useQuery({
    queryKey: ['orders', 'hand-over', order.id],
    queryFn: ({ signal }) =>
      api.get<HandOverCandidates>(`/api/orders/${order.id}/hand-over-candidates`, undefined, signal),
    enabled: open,
  });
  const run = useMutation({
    mutationFn: (v: { who?: string; note?: string }) => {
      const [kind, id] = (v.who ?? '').split(':');
      const body = { [kind === 'm' ? 'memberId' : 'accountId']: Number(id), note: v.note?.trim() || null };
      return api.post<OrderDetail>(`/api/orders/${order.id}/hand-over`, body);
    },
    onSuccess: (o) => {
      message.success(t('orders.done', { action: t('orders.action.handOver') }));
      onDone(o);
    },
    onError: (e) => showFormError(form, e, message, { memberId: 'who', accountId: 'who' }),
  });
  const options = [
    ...(people.data?.members.length
      ? [
          {
            label: t('orders.handOver.member'),
            options: people.data.members.map((m) => ({ value: `m:${m.id}`, label: m.name })),
          },
        ]
      : []),
    ...(people.data?.staff.length
      ? [
          {
            label: t('orders.handOver.staff'),
            options: people.data.staff.map((s) => ({ value: `a:${s.id}`, label: s.name })),
          },
        ]
      : []),
  ];
  return (
    <Modal
      open={open}
      title={t('orders.handOver.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orders.handOver.submit')}
      okButtonProps={{ loading: run.isPending, id: 'hand-over-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('orders.handOver.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} preserve={false} data-testid="hand-over-form">
        <Form.Item
          name="who"
          label={t('orders.handOver.pick')}
          rules={[{ required: true, message: t('orders.handOver.pick') }]}
        >
          <Select
            options={options}
            loading={people.isFetching}
            notFoundContent={t('orders.handOver.none')}
            placeholder={t('orders.handOver.pick')}
            data-testid="hand-over-who"
          />
        </Form.Item>
        <Form.Item name="note" label={t('orders.field.note')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="hand-over-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 改派: another handler for a dispatched order not yet accepted, with a reason (no 回退 on anyone's record). */
function ReassignDrawer({
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
  const [form] = Form.useForm<TargetValues & { reason?: string }>();
  const run = useMutation({
    mutationFn: (v: TargetValues & { reason?: string }) => {
      const { note: _n, respondHours: _r, resolveHours: _s, deadlineReason: _d, ...target } = toDispatchBody(v);
      return api.post<OrderDetail>(`/api/orders/${order.id}/reassign`, { ...target, reason: v.reason?.trim() ?? '' });
    },
    onSuccess: (o) => {
      message.success(t('orders.dispatched', { handler: handlerText(o.handler, t) }));
      onDone(o);
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('orders.reassign.title', { title: order.title })}
      size={560}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('orders.reassign.help')}</Typography.Paragraph>
      <Form<TargetValues & { reason?: string }>
        form={form}
        layout="vertical"
        onFinish={(v) => run.mutate(v)}
        data-testid="reassign-form"
      >
        <DispatchFields communityId={order.community.id} noLimits />
        <Form.Item
          name="reason"
          label={t('orders.reassign.reason')}
          rules={[{ required: true, whitespace: true, message: t('orders.noteRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid="reassign-reason" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SwapOutlined />}
          loading={run.isPending}
          data-testid="reassign-submit"
        >
          {t('orders.reassign.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
