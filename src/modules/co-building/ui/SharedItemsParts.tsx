import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { showFormError } from '../../../web/components/formErrors';

/** The console's view of the 便民共享服务柜 API (shared-items.contract.ts), as the browser receives it. */
export const ITEM_STATUSES = ['available', 'lent', 'lost', 'damaged', 'retired'] as const;
export const ITEM_CONDITIONS = ['good', 'fair', 'damaged'] as const;
export const ITEM_CATEGORIES = ['health', 'mobility', 'tools', 'household', 'office', 'other'] as const;
export const LOAN_STATES = ['out', 'returnRequested', 'overdue', 'returned', 'lost'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export type ItemCondition = (typeof ITEM_CONDITIONS)[number];
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

interface Ref {
  id: number;
  name: string;
}
export interface SharedLoan {
  id: number;
  item: Ref;
  channel: 'mobile' | 'counter';
  status: 'out' | 'returnRequested' | 'returned' | 'lost';
  lentAt: string;
  dueOn: string;
  overdue: boolean;
  conditionOut: ItemCondition;
  conditionIn: ItemCondition | null;
  returnRequestedAt: string | null;
  returnedAt: string | null;
  note: string | null;
  borrower: { accountId: number | null; name: string; phone: string | null };
  place: Ref;
}
export interface SharedItem {
  id: number;
  community: Ref;
  place: Ref;
  name: string;
  category: ItemCategory;
  condition: ItemCondition;
  location: string;
  photoUrl: string | null;
  description: string | null;
  status: ItemStatus;
  maxDays: number;
  loan: { id: number; borrowerName: string; dueOn: string; overdue: boolean } | null;
  loanCount: number;
  createdAt: string;
}
export interface ItemEvent {
  id: number;
  kind: string;
  loanId: number | null;
  condition: ItemCondition | null;
  note: string | null;
  actorName: string;
  at: string;
}
export interface SharedItemDetail extends SharedItem {
  loans: SharedLoan[];
  events: ItemEvent[];
}

export const STATUS_COLORS: Record<ItemStatus, string> = {
  available: 'green',
  lent: 'blue',
  lost: 'default',
  damaged: 'orange',
  retired: 'default',
};
export const LOAN_COLORS: Record<SharedLoan['status'], string> = {
  out: 'blue',
  returnRequested: 'gold',
  returned: 'green',
  lost: 'default',
};

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="shared-item-status">
      {t(`coShared.status.${status}`)}
    </Tag>
  );
}

/** A loan's state; an open loan past its due day shows 已逾期 too. */
export function LoanStatusTag({ loan }: { loan: Pick<SharedLoan, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={LOAN_COLORS[loan.status]}>{t(`coShared.loanStatus.${loan.status}`)}</Tag>
      {loan.overdue && <Tag color="red">{t('coShared.overdue')}</Tag>}
    </>
  );
}

/** 确认归还: staff take a lent item back and say in what condition (damaged → the item is marked 损坏). */
export function ReceiveModal({ loan, onClose }: { loan: Pick<SharedLoan, 'id' | 'item'>; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ condition: ItemCondition; note?: string }>();
  const receive = useMutation({
    mutationFn: (v: { condition: ItemCondition; note?: string }) =>
      api.post<SharedItemDetail>(`/api/co-building/shared-loans/${loan.id}/return`, {
        condition: v.condition,
        note: v.note?.trim() || undefined,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coShared'] });
      message.success(t('coShared.received'));
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open
      title={t('coShared.receiveTitle', { name: loan.item.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('coShared.receive')}
      okButtonProps={{ 'data-testid': 'shared-receive-ok' }}
      confirmLoading={receive.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="shared-receive-form"
        initialValues={{ condition: 'good' }}
        onFinish={(v) => receive.mutate(v)}
      >
        <Form.Item name="condition" label={t('coShared.field.conditionIn')} rules={[{ required: true }]}>
          <Radio.Group>
            {ITEM_CONDITIONS.map((c) => (
              <Radio key={c} value={c} data-testid={`shared-receive-${c}`}>
                {t(`coShared.condition.${c}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('coShared.field.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} data-testid="shared-receive-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
