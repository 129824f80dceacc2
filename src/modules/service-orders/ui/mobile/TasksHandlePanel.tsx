import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dialog, Space, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../../web/api/client';
import { useMe } from '../../../../web/app/auth';
import type { OrderDetail } from '../../../../web/mobile/types';

type Move = 'claim' | 'accept' | 'start' | 'resolve' | 'return';

/** The moves a handler may try from each state (the server checks the transition table and who handles it). */
function movesOf(o: OrderDetail, canHandle: boolean, canClaim: boolean): Move[] {
  switch (o.status) {
    case 'open':
      return canClaim ? ['claim'] : [];
    case 'dispatched':
      return canHandle ? ['accept', 'return'] : [];
    case 'accepted':
      return canHandle ? ['start', 'resolve', 'return'] : [];
    case 'inProgress':
      return canHandle ? ['resolve', 'return'] : [];
    default:
      return [];
  }
}

/** On the order page, for the handler: claim / accept / start / resolve with a note / return with a reason. */
export function TasksHandlePanel({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Move | null>(null);
  if (!me || order.reporter?.id === me.id) return null;
  const moves = movesOf(order, me.permissions.includes('order.handle'), me.permissions.includes('order.claim'));
  if (!moves.length) return null;
  const needsNote = moves.includes('resolve') || moves.includes('return');

  const run = async (m: Move) => {
    const text = note.trim();
    if (m === 'resolve' && !text) return Toast.show({ content: t('mobile.tasks.noteRequired') });
    if (m === 'return') {
      if (!text) return Toast.show({ content: t('mobile.tasks.reasonRequired') });
      const ok = await Dialog.confirm({
        content: t('mobile.tasks.confirmReturn'),
        confirmText: t('mobile.tasks.return'),
        cancelText: t('mobile.tasks.cancel'),
      });
      if (!ok) return;
    }
    const body =
      m === 'claim'
        ? {}
        : m === 'resolve'
          ? { note: text }
          : m === 'return'
            ? { reason: text }
            : { note: text || null };
    setBusy(m);
    try {
      await api.post(`/api/orders/${order.id}/${m}`, body);
      setNote('');
      await qc.invalidateQueries({ queryKey: ['m', 'orders'] });
      Toast.show({ icon: 'success', content: m === 'claim' ? t('mobile.tasks.claimed') : t('mobile.tasks.done') });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      className="gzm-section"
      title={<span style={{ fontSize: 18 }}>{t('mobile.tasks.handleTitle')}</span>}
      data-testid="m-handle"
    >
      {needsNote && (
        <div style={{ marginBottom: 12 }}>
          <div className="gzm-muted" style={{ marginBottom: 6 }}>
            {t('mobile.tasks.note')}
          </div>
          <TextArea
            value={note}
            onChange={setNote}
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t('mobile.tasks.notePlaceholder')}
            data-testid="m-handle-note"
            style={{ '--font-size': '18px' }}
          />
        </div>
      )}
      <Space direction="vertical" block>
        {moves.map((m) => (
          <Button
            key={m}
            block
            size="large"
            color={m === 'return' ? 'default' : 'primary'}
            fill={m === 'return' ? 'outline' : 'solid'}
            loading={busy === m}
            disabled={busy !== null && busy !== m}
            onClick={() => void run(m)}
            data-testid={`m-handle-${m}`}
          >
            {t(`mobile.tasks.${m}`)}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
