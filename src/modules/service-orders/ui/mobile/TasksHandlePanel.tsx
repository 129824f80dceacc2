import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dialog, Selector, Space, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../../web/api/client';
import { useMe } from '../../../../web/app/auth';
import type { OrderDetail } from '../../../../web/mobile/types';

type Move = 'claim' | 'accept' | 'start' | 'resolve' | 'return' | 'escalate';
const MOBILE_MOVES: readonly string[] = ['claim', 'accept', 'start', 'resolve', 'return', 'escalate'];

/** The moves the server says the caller may make now (the transition table and who handles it), in page order. */
function movesOf(o: OrderDetail): Move[] {
  return (o.moves ?? []).filter((m): m is Move => MOBILE_MOVES.includes(m));
}

/** On the order page, for the handler: claim / accept / start / resolve with a note / return with a reason. */
export function TasksHandlePanel({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Move | null>(null);
  if (!me || order.reporter?.id === me.id) return null;
  const moves = movesOf(order);
  const handOver = order.moves?.includes('handOver') ?? false;
  if (!moves.length && !handOver) return null;
  const needsNote = moves.includes('resolve') || moves.includes('return') || moves.includes('escalate');

  const run = async (m: Move) => {
    const text = note.trim();
    if (m === 'resolve' && !text) return Toast.show({ content: t('mobile.tasks.noteRequired') });
    if (m === 'escalate' && !text) return Toast.show({ content: t('mobile.tasks.escalateReasonRequired') });
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
          : m === 'return' || m === 'escalate'
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
      {handOver && <HandOverSection order={order} />}
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
            color={m === 'return' || m === 'escalate' ? 'default' : 'primary'}
            fill={m === 'return' || m === 'escalate' ? 'outline' : 'solid'}
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

interface Candidates {
  members: { id: number; name: string }[];
  staff: { id: number; name: string }[];
}

/** 单位下单: the unit's contact picks one of the unit's party members or staff; that person then 接单. */
function HandOverSection({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [who, setWho] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = useQuery({
    queryKey: ['m', 'orders', 'hand-over', order.id],
    queryFn: ({ signal }) => api.get<Candidates>(`/api/orders/${order.id}/hand-over-candidates`, undefined, signal),
  });
  const options = [
    ...(people.data?.members ?? []).map((m) => ({
      value: `m:${m.id}`,
      label: m.name,
      description: t('mobile.tasks.handOverMember'),
    })),
    ...(people.data?.staff ?? []).map((s) => ({
      value: `a:${s.id}`,
      label: s.name,
      description: t('mobile.tasks.handOverStaff'),
    })),
  ];
  const submit = async () => {
    if (!who) return Toast.show({ content: t('mobile.tasks.handOverPick') });
    const [kind, id] = who.split(':');
    setBusy(true);
    try {
      await api.post(`/api/orders/${order.id}/hand-over`, { [kind === 'm' ? 'memberId' : 'accountId']: Number(id) });
      await qc.invalidateQueries({ queryKey: ['m', 'orders'] });
      Toast.show({ icon: 'success', content: t('mobile.tasks.done') });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginBottom: 16 }} data-testid="m-hand-over">
      <div className="gzm-muted" style={{ marginBottom: 6 }}>
        {t('mobile.tasks.handOverHelp')}
      </div>
      {people.isSuccess && !options.length ? (
        <div className="gzm-muted">{t('mobile.tasks.handOverNone')}</div>
      ) : (
        <Selector
          columns={2}
          options={options}
          value={who ? [who] : []}
          onChange={(v) => setWho(v[0] ?? null)}
          data-testid="m-hand-over-who"
        />
      )}
      <Button
        block
        size="large"
        color="primary"
        style={{ marginTop: 8 }}
        loading={busy}
        onClick={() => void submit()}
        data-testid="m-handle-handOver"
      >
        {t('mobile.tasks.handOver')}
      </Button>
    </div>
  );
}
