import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { STATUS_COLORS, type ActionItem } from './types';

const ORDER_CATEGORIES = ['environment', 'repair', 'safety', 'parking', 'greening', 'property', 'elderly', 'other'];

export function ActionStatusTag({ item }: { item: Pick<ActionItem, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[item.status]} style={{ marginInlineEnd: 0 }}>
        {t(`meetings.actionStatus.${item.status}`)}
      </Tag>
      {item.overdue && <Tag color="error">{t('meetings.overdue')}</Tag>}
    </Space>
  );
}

/** Moves an action item: start, done (with evidence), cancel; or creates its service order. */
function ItemActions({ item }: { item: ActionItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [doing, setDoing] = useState<'done' | 'order' | null>(null);
  const [form] = Form.useForm<{ evidence?: string; category?: string; description?: string }>();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['meetings'] });
  const patch = useMutation({
    mutationFn: (body: object) => api.patch<ActionItem>(`/api/meetings/action-items/${item.id}`, body),
    onSuccess: () => {
      refresh();
      setDoing(null);
    },
    onError: (e) => showFormError(form, e, message),
  });
  const order = useMutation({
    mutationFn: (v: { category?: string; description?: string }) =>
      api.post<ActionItem>(`/api/meetings/action-items/${item.id}/order`, {
        category: v.category ?? 'other',
        description: v.description || null,
      }),
    onSuccess: () => {
      refresh();
      setDoing(null);
    },
    onError: (e) => showFormError(form, e, message),
  });
  if (item.status === 'done' || item.status === 'cancelled') return null;
  return (
    <Space size={4} wrap>
      {item.status === 'open' && (
        <Button
          size="small"
          onClick={() => patch.mutate({ status: 'inProgress' })}
          data-testid={`act-start-${item.id}`}
        >
          {t('meetings.act.start')}
        </Button>
      )}
      <Button size="small" type="primary" onClick={() => setDoing('done')} data-testid={`act-done-${item.id}`}>
        {t('meetings.act.done')}
      </Button>
      {!item.order && (
        <Button size="small" onClick={() => setDoing('order')} data-testid={`act-order-${item.id}`}>
          {t('meetings.act.order')}
        </Button>
      )}
      <Button size="small" danger type="text" onClick={() => patch.mutate({ status: 'cancelled' })}>
        {t('meetings.act.cancel')}
      </Button>
      {doing && (
        <Modal
          open
          title={doing === 'done' ? t('meetings.act.done') : t('meetings.act.order')}
          onCancel={() => setDoing(null)}
          onOk={() => form.submit()}
          confirmLoading={patch.isPending || order.isPending}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            initialValues={{ category: 'other' }}
            onFinish={(v) =>
              doing === 'done' ? patch.mutate({ status: 'done', evidence: v.evidence }) : order.mutate(v)
            }
          >
            {doing === 'done' ? (
              <Form.Item name="evidence" label={t('meetings.field.evidence')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} data-testid="act-evidence" />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="category" label={t('meetings.field.category')}>
                  <Select options={ORDER_CATEGORIES.map((c) => ({ value: c, label: t(`meetings.category.${c}`) }))} />
                </Form.Item>
                <Form.Item name="description" label={t('meetings.field.description')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </>
            )}
          </Form>
        </Modal>
      )}
    </Space>
  );
}

/** Action items with owner, deadline, status (overdue), evidence and the linked order's live status. */
export function ActionItemsTable({ items, showMeeting }: { items: ActionItem[]; showMeeting?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const columns: TableColumnsType<ActionItem> = [
    { title: t('meetings.field.actionTitle'), dataIndex: 'title' },
    ...(showMeeting
      ? [
          {
            title: t('meetings.field.meeting'),
            key: 'meeting',
            render: (_: unknown, x: ActionItem) => <Link to={`/meetings/${x.meetingId}`}>{x.meetingTitle}</Link>,
          },
        ]
      : []),
    { title: t('meetings.field.owner'), key: 'owner', width: 200, render: (_, x) => x.owner.name },
    { title: t('meetings.field.dueAt'), dataIndex: 'dueAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('meetings.field.status'), key: 'status', width: 150, render: (_, x) => <ActionStatusTag item={x} /> },
    { title: t('meetings.field.evidence'), dataIndex: 'evidence', render: (v: string | null) => v ?? '—' },
    {
      title: t('meetings.field.order'),
      key: 'order',
      width: 150,
      render: (_, x) =>
        x.order ? (
          <Link to={`/orders/${x.order.id}`} data-testid={`act-order-link-${x.id}`}>
            #{x.order.id} {t(`orders.status.${x.order.status}`, { defaultValue: x.order.status })}
          </Link>
        ) : (
          '—'
        ),
    },
    ...(can('meeting.manage')
      ? [
          {
            title: t('meetings.field.actions'),
            key: 'a',
            width: 260,
            render: (_: unknown, x: ActionItem) => <ItemActions item={x} />,
          },
        ]
      : []),
  ];
  return (
    <Table<ActionItem>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={items}
      pagination={false}
      data-testid="action-items"
      scroll={{ x: 900 }}
      locale={{ emptyText: t('meetings.noActionItems') }}
    />
  );
}
