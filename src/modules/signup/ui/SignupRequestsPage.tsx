import { App, Button, Form, Input, Modal, Segmented, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { formatDateTime } from '../../../web/components/format';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

type SignupRequest = WireOf<typeof C.SignupRequest>;
type Status = SignupRequest['status'];
const COLOR: Record<Status, string> = { pending: 'gold', linked: 'green', confirmed: 'green', rejected: 'red' };
const KEY = ['signup', 'requests'] as const;

/** 注册审核: residents who signed up on the phone and were not found in the household register. */
export default function SignupRequestsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [status, setStatus] = useState<Status | 'all'>('pending');
  const [rejecting, setRejecting] = useState<SignupRequest | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const act = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      void message.success(done);
      await queryClient.invalidateQueries({ queryKey: KEY });
      return true;
    } catch (e) {
      void message.error(isApiError(e) ? e.message : String(e));
      return false;
    }
  };

  const columns: TableColumnsType<SignupRequest> = [
    { title: t('signup.col.name'), dataIndex: 'name', width: 120 },
    { title: t('signup.col.phone'), dataIndex: 'phone', width: 140 },
    { title: t('signup.col.household'), dataIndex: ['household', 'address'] },
    { title: t('signup.col.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('signup.col.status'),
      dataIndex: 'status',
      width: 200,
      render: (s: Status, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={COLOR[s]}>{t(`signup.status.${s}`)}</Tag>
          {r.reason && <span>{r.reason}</span>}
          {r.decidedBy && <span style={{ color: '#888' }}>{`${r.decidedBy} ${formatDateTime(r.decidedAt)}`}</span>}
        </Space>
      ),
    },
    {
      title: t('signup.col.actions'),
      width: 170,
      render: (_, r) =>
        r.status === 'pending' && can('signup.review') ? (
          <Space>
            <Button
              type="primary"
              size="small"
              data-testid={`signup-confirm-${r.id}`}
              onClick={() => void act(() => api.post(`/api/signup/requests/${r.id}/confirm`), t('signup.confirmed'))}
            >
              {t('signup.confirm')}
            </Button>
            <Button size="small" danger onClick={() => setRejecting(r)}>
              {t('signup.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <div data-testid="signup-requests-page">
      <PageTitle title={t('signup.title')} help={t('signup.help')} />
      <Segmented<Status | 'all'>
        style={{ marginBottom: 16 }}
        value={status}
        onChange={setStatus}
        options={(['pending', 'confirmed', 'rejected', 'linked', 'all'] as const).map((s) => ({
          value: s,
          label: t(`signup.status.${s}`),
        }))}
      />
      <PagedTable<SignupRequest>
        queryKey={KEY}
        path="/api/signup/requests"
        filters={{ status: status === 'all' ? undefined : status }}
        columns={columns}
        rowKey={(r) => r.id}
        testId="signup-requests"
      />
      <Modal
        open={!!rejecting}
        title={t('signup.rejectTitle', { name: rejecting?.name ?? '' })}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async (v) => {
            if (
              rejecting &&
              (await act(
                () => api.post(`/api/signup/requests/${rejecting.id}/reject`, { reason: v.reason }),
                t('signup.rejected'),
              ))
            )
              setRejecting(null);
          }}
        >
          <Form.Item name="reason" label={t('signup.reason')} rules={[{ required: true, max: 200 }]}>
            <Input.TextArea rows={3} placeholder={t('signup.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
