import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Popconfirm, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';

/**
 * A walk-in reporter's phone on the order page (decision 053): masked, with 查看 for the staff who may reveal
 * residents' numbers; the full number comes from the audited reveal and is shown in place, for the follow-up call.
 */
export function WalkInPhone({ orderId, masked }: { orderId: number; masked: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api.post<{ id: number; phone: string | null }>(`/api/orders/${orderId}/reveal-phone`),
    onSuccess: (v) => setFull(v.phone),
    onError: (e) => message.error(e.message),
  });
  if (full)
    return (
      <Tooltip title={t('orders.walkIn.revealAudited')}>
        <Typography.Text copyable data-testid="order-walk-in-phone-full">
          {full}
        </Typography.Text>
      </Tooltip>
    );
  return (
    <span>
      <span data-testid="order-walk-in-phone">{masked}</span>
      {can('resident.reveal') && (
        <Popconfirm
          title={t('orders.walkIn.revealConfirm')}
          description={t('orders.walkIn.revealConfirmHelp')}
          okText={t('orders.walkIn.reveal')}
          onConfirm={() => reveal.mutate()}
        >
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            data-testid="order-walk-in-reveal"
          >
            {t('orders.walkIn.reveal')}
          </Button>
        </Popconfirm>
      )}
    </span>
  );
}
