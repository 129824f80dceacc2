import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, InputNumber, Radio, Select, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { formatDateTime } from '../../../web/components/format';
import { FINISHED, shownKind, type OrderOrigin } from '../constants';
import type { DispatchBody, Handler, Order, OrderKind, OrderStatus } from './types';

dayjs.extend(relativeTime);

const STATUS_COLORS: Record<string, string> = {
  submitted: 'orange',
  dispatched: 'processing',
  open: 'cyan',
  accepted: 'blue',
  inProgress: 'geekblue',
  resolved: 'green',
  rated: 'success',
  closed: 'default',
  merged: 'default',
};
const KIND_COLORS: Record<string, string> = {
  menuService: 'blue',
  problem: 'volcano',
  microWish: 'magenta',
  mediation: 'purple',
  oneWindow: 'geekblue',
};

export function StatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={`order-status-${status}`}>
      {t(`orders.status.${status}`)}
    </Tag>
  );
}

/** The order's kind as it shows: 一窗受理 for an order started from the one-window catalogue (decision 045). */
export function KindTag({ kind, origin = 'report' }: { kind: OrderKind; origin?: OrderOrigin }) {
  const { t } = useTranslation();
  const shown = shownKind({ kind, origin });
  return (
    <Tag color={KIND_COLORS[shown] ?? 'default'} variant="filled" data-testid={`order-kind-${shown}`}>
      {t(`orders.kind.${shown}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="error" icon={<WarningOutlined />} data-testid="order-overdue">
      {t('orders.overdue')}
    </Tag>
  );
}

/** A category code in the reader's language (unknown codes as they are). */
export function useCategoryLabel(): (c: string) => string {
  const { t } = useTranslation();
  return (c) => t(`orders.category.${c}`, { defaultValue: c });
}

/** A moment as relative time (「3 小时后」), with the exact time on hover. */
export function RelTime({ value, danger }: { value: string | null; danger?: boolean }) {
  if (!value) return <span>—</span>;
  return (
    <Tooltip title={formatDateTime(value)}>
      <span style={danger ? { color: '#cf1322' } : undefined}>{dayjs(value).fromNow()}</span>
    </Tooltip>
  );
}

/** The deadline that applies now: respond before acceptance, resolve after; nothing once finished. */
export function DeadlineCell({ order }: { order: Order }) {
  const { t } = useTranslation();
  if ((FINISHED as readonly string[]).includes(order.status)) return <span>—</span>;
  const before = ['submitted', 'dispatched', 'open'].includes(order.status);
  const at = before ? order.respondBy : order.resolveBy;
  return (
    <Space size={4}>
      <ClockCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
      <span style={{ color: 'rgba(0,0,0,0.55)' }}>
        {t(before ? 'orders.field.respondBy' : 'orders.field.resolveBy')}
      </span>
      <RelTime value={at} danger={order.overdue} />
    </Space>
  );
}

/** Who handles it: the unit (with its contact), the department, the party member, the person. */
export function handlerText(h: Handler | null, t: (k: string, o?: Record<string, string>) => string): string {
  if (!h) return '—';
  const who = h.unit?.name ?? h.member?.name ?? h.department ?? h.account?.name ?? '—';
  const extra = h.account && (h.unit || h.department) ? ` · ${h.account.name}` : '';
  return t('orders.handlerFormat', { kind: t(`orders.handlerKind.${h.kind}`), who: `${who}${extra}` });
}

interface Option {
  value: number;
  label: string;
}

/** A searchable select over a paged list route (units, party members, grid workers). */
function RemoteSelect({
  path,
  query,
  toOption,
  value,
  onChange,
  testId,
  placeholder,
}: {
  path: string;
  query: Record<string, string | number | undefined>;
  toOption: (row: never) => Option | null;
  value?: number;
  onChange?: (v: number | undefined) => void;
  testId: string;
  placeholder: string;
}) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['orders', 'pick', path, query, q],
    queryFn: ({ signal }) => api.get<Page<never>>(path, { ...query, q: q || undefined, pageSize: 50 }, signal),
    retry: false,
  });
  const options = (list.data?.items ?? []).map(toOption).filter((o): o is Option => o !== null);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      loading={list.isFetching}
      options={options}
      placeholder={placeholder}
      notFoundContent={list.isError ? list.error.message : undefined}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}

export interface TargetValues {
  target: 'unit' | 'member' | 'person' | 'department' | 'open';
  unitId?: number;
  memberId?: number;
  accountId?: number;
  department?: string;
  respondHours?: number | null;
  resolveHours?: number | null;
  deadlineReason?: string;
  note?: string;
}

/** Form values → the dispatch body of the API. */
export function toDispatchBody(v: TargetValues): DispatchBody {
  const common = {
    note: v.note?.trim() || null,
    respondHours: v.respondHours ?? null,
    resolveHours: v.resolveHours ?? null,
    deadlineReason: v.deadlineReason?.trim() || null,
  };
  switch (v.target) {
    case 'open':
      return { target: 'open', ...common };
    case 'unit':
      return { target: 'unit', unitId: v.unitId!, ...common };
    case 'member':
      return { target: 'member', memberId: v.memberId!, ...common };
    case 'department':
      return { target: 'department', department: v.department ?? '', ...common };
    default:
      return { target: 'person', accountId: v.accountId!, ...common };
  }
}

/**
 * The fields of a dispatch (override): whom to send it to — a unit, a party member, a person (grid worker with an
 * account) or a department — with optional new time limits and a note. `allowOpen` adds 开放认领 (micro-wishes).
 */
export function DispatchFields({
  communityId,
  allowOpen,
  noLimits,
}: {
  communityId?: number;
  allowOpen?: boolean;
  /** 改派: the handler only (the time limits stay the order's). */
  noLimits?: boolean;
}) {
  const { t } = useTranslation();
  const target = Form.useWatch<TargetValues['target'] | undefined>('target');
  const respondHours = Form.useWatch<number | null | undefined>('respondHours');
  const resolveHours = Form.useWatch<number | null | undefined>('resolveHours');
  const limitsChanged = !noLimits && (respondHours != null || resolveHours != null);
  const required = [{ required: true, message: t('orders.dispatch.required') }];
  return (
    <>
      <Form.Item name="target" label={t('orders.dispatch.target')} rules={required} initialValue="unit">
        <Radio.Group
          data-testid="dispatch-target"
          optionType="button"
          options={[
            { value: 'unit', label: t('orders.handlerKind.unit') },
            { value: 'member', label: t('orders.handlerKind.member') },
            { value: 'person', label: t('orders.handlerKind.person') },
            { value: 'department', label: t('orders.handlerKind.department') },
            ...(allowOpen ? [{ value: 'open', label: t('orders.action.open') }] : []),
          ]}
        />
      </Form.Item>
      {target === 'unit' && (
        <Form.Item name="unitId" label={t('orders.handlerKind.unit')} rules={required}>
          <RemoteSelect
            path="/api/organizations/units"
            query={{}}
            toOption={(u: { id: number; name: string }) => ({ value: u.id, label: u.name })}
            testId="dispatch-unit"
            placeholder={t('orders.dispatch.searchUnit')}
          />
        </Form.Item>
      )}
      {target === 'member' && (
        <Form.Item name="memberId" label={t('orders.handlerKind.member')} rules={required}>
          <RemoteSelect
            path="/api/party-members"
            query={{ communityId, includeRegistered: 'true' }}
            toOption={(m: { id: number; name: string; homeBranch: { name: string } }) => ({
              value: m.id,
              label: `${m.name}（${m.homeBranch.name}）`,
            })}
            testId="dispatch-member"
            placeholder={t('orders.dispatch.searchMember')}
          />
        </Form.Item>
      )}
      {target === 'person' && (
        <Form.Item
          name="accountId"
          label={t('orders.handlerKind.person')}
          rules={required}
          extra={t('orders.dispatch.personHelp')}
        >
          <RemoteSelect
            path="/api/grids/workers"
            query={{ communityId }}
            toOption={(w: { name: string; gridName: string; accountId: number | null }) =>
              w.accountId === null ? null : { value: w.accountId, label: `${w.name}（${w.gridName}）` }
            }
            testId="dispatch-person"
            placeholder={t('orders.dispatch.searchPerson')}
          />
        </Form.Item>
      )}
      {target === 'department' && (
        <Form.Item name="department" label={t('orders.handlerKind.department')} rules={required}>
          <Input
            maxLength={60}
            placeholder={t('orders.dispatch.departmentPlaceholder')}
            data-testid="dispatch-department"
          />
        </Form.Item>
      )}
      {!noLimits && (
        <Space size={16} wrap>
          <Form.Item
            name="respondHours"
            label={t('orders.dispatch.respondHours')}
            extra={t('orders.dispatch.deadlineHelp')}
          >
            <InputNumber
              min={1}
              max={2160}
              precision={0}
              suffix={t('orders.hours')}
              style={{ width: 140 }}
              data-testid="dispatch-respond-hours"
            />
          </Form.Item>
          <Form.Item name="resolveHours" label={t('orders.dispatch.resolveHours')}>
            <InputNumber
              min={1}
              max={2160}
              precision={0}
              suffix={t('orders.hours')}
              style={{ width: 140 }}
              data-testid="dispatch-resolve-hours"
            />
          </Form.Item>
        </Space>
      )}
      {limitsChanged && (
        <Form.Item
          name="deadlineReason"
          label={t('orders.dispatch.deadlineReason')}
          rules={[{ required: true, whitespace: true, message: t('orders.noteRequired') }]}
        >
          <Input maxLength={2000} data-testid="dispatch-deadline-reason" />
        </Form.Item>
      )}
      {!noLimits && (
        <Form.Item name="note" label={t('orders.field.note')}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder={t('orders.dispatch.notePlaceholder')}
            data-testid="dispatch-note"
          />
        </Form.Item>
      )}
    </>
  );
}
