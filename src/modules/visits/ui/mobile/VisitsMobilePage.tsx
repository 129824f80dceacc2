import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Form,
  List,
  Popup,
  ProgressBar,
  SearchBar,
  Selector,
  Switch,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../web/api/client';
import type { Page } from '../../../../web/api/types';
import { useMe } from '../../../../web/app/auth';
import { errorText } from '../../../../web/components/formErrors';
import { Spinner } from '../../../../web/mobile/Spinner';
import { useLiaisons, useMyWorker } from '../shared';
import { ORDER_CATEGORIES, type Coverage, type RecordVisitBody, type Visit } from '../types';

interface Values {
  household?: number;
  visitedOn: Date;
  note?: string;
  finding?: string;
  followUp?: boolean;
  toOrder?: boolean;
  category?: string[];
}

/** One of the worker's liaison households, picked from a searchable list in a bottom sheet. */
function HouseholdPick({
  options,
  value,
  onChange,
}: {
  options: { householdId: number; label: string }[];
  value?: number;
  onChange?: (v: number) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const picked = options.find((o) => o.householdId === value);
  return (
    <>
      <div onClick={() => setOpen(true)} data-testid="m-visit-household" style={{ minHeight: 24 }}>
        {picked ? picked.label : <span style={{ color: '#999' }}>{t('visits.pickPlace')}</span>}
      </div>
      <Popup visible={open} onMaskClick={() => setOpen(false)} bodyStyle={{ height: '70vh', overflowY: 'auto' }}>
        <div style={{ padding: 8 }}>
          <SearchBar value={q} onChange={setQ} placeholder={t('visits.pickPlace')} />
        </div>
        <List>
          {options
            .filter((o) => !q || o.label.includes(q))
            .map((o) => (
              <List.Item
                key={o.householdId}
                onClick={() => {
                  onChange?.(o.householdId);
                  setOpen(false);
                }}
                data-testid={`m-visit-household-${o.householdId}`}
              >
                {o.label}
              </List.Item>
            ))}
        </List>
      </Popup>
    </>
  );
}

/** 入户走访 (a grid worker's phone): this month's coverage, record a visit (a finding → an order), recent visits. */
export default function VisitsMobilePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const mine = useMyWorker(me?.id);
  const worker = mine.worker;
  const liaisons = useLiaisons(worker?.id);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [toOrder, setToOrder] = useState(false);
  const coverage = useQuery({
    queryKey: ['visits', 'coverage', 'm', worker?.gridId],
    queryFn: () => api.get<Coverage>('/api/visits/coverage', { gridId: worker!.gridId }),
    enabled: !!worker,
  });
  const row = coverage.data?.items.find((r) => r.worker.id === worker?.id);
  const recent = useQuery({
    queryKey: ['visits', 'm', 'recent', worker?.id],
    queryFn: () => api.get<Page<Visit>>('/api/visits', { workerId: worker!.id, pageSize: 10 }),
    enabled: !!worker,
  });

  const submit = async (v: Values) => {
    const finding = v.finding?.trim() || null;
    if (toOrder && !finding) {
      Toast.show({ content: t('visits.findingRequired') });
      return;
    }
    const body: RecordVisitBody = {
      territoryId: v.household!,
      visitedOn: dayjs(v.visitedOn).format('YYYY-MM-DD'),
      note: v.note?.trim() || null,
      finding,
      followUp: !!v.followUp,
      order: toOrder ? { category: v.category?.[0] ?? 'other' } : null,
    };
    setBusy(true);
    try {
      const saved = await api.post<Visit>('/api/visits', body);
      Toast.show({
        icon: 'success',
        content: saved.order ? t('visits.mobile.savedOrder', { id: saved.order.id }) : t('visits.mobile.saved'),
      });
      form.resetFields();
      setToOrder(false);
      await qc.invalidateQueries({ queryKey: ['visits'] });
    } catch (e) {
      Toast.show({ content: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  if (mine.isLoading) return <Spinner />;
  return (
    <div style={{ padding: 12 }} data-testid="m-visits">
      <h3 style={{ margin: '4px 0 12px' }}>{t('visits.mobile.title')}</h3>
      {!worker && <Card>{t('visits.mobile.notWorker')}</Card>}
      {worker && (
        <>
          <Card title={t('visits.mobile.coverage')} style={{ marginBottom: 12 }} data-testid="m-visits-coverage">
            {row ? (
              <>
                <div style={{ fontSize: 28, fontWeight: 600, color: '#c41d1d' }}>
                  {row.rate === null ? '—' : `${Math.round(row.rate * 1000) / 10}%`}
                </div>
                <ProgressBar
                  percent={row.rate === null ? 0 : row.rate * 100}
                  style={{ '--fill-color': '#c41d1d', margin: '8px 0' }}
                />
                <div style={{ color: '#666' }}>
                  {t('visits.mobile.visitedOf', { visited: row.visited, assigned: row.assigned })}
                </div>
              </>
            ) : (
              <Spinner />
            )}
          </Card>
          <Card title={t('visits.mobile.record')} style={{ marginBottom: 12 }}>
            <Form
              form={form}
              layout="vertical"
              onFinish={(v) => void submit(v)}
              initialValues={{ visitedOn: new Date(), category: ['environment'] }}
              footer={
                <Button block type="submit" color="primary" loading={busy} data-testid="m-visit-submit">
                  {t('visits.mobile.save')}
                </Button>
              }
            >
              <Form.Item
                name="household"
                label={t('visits.field.placeLiaison')}
                rules={[{ required: true, message: t('visits.placeRequired') }]}
              >
                <HouseholdPick options={liaisons.data?.items ?? []} />
              </Form.Item>
              <Form.Item
                name="visitedOn"
                label={t('visits.field.visitedOn')}
                trigger="onConfirm"
                onClick={(_, ref) => (ref as { current?: { open: () => void } }).current?.open()}
              >
                <DatePicker max={new Date()}>{(d) => (d ? dayjs(d).format('YYYY-MM-DD') : '')}</DatePicker>
              </Form.Item>
              <Form.Item name="note" label={t('visits.field.note')}>
                <TextArea rows={2} maxLength={2000} data-testid="m-visit-note" />
              </Form.Item>
              <Form.Item name="finding" label={t('visits.field.finding')}>
                <TextArea rows={2} maxLength={2000} data-testid="m-visit-finding" />
              </Form.Item>
              <Form.Item name="followUp" label={t('visits.field.followUp')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item label={t('visits.field.toOrder')} description={t('visits.toOrderHelp')}>
                <Switch checked={toOrder} onChange={setToOrder} data-testid="m-visit-to-order" />
              </Form.Item>
              {toOrder && (
                <Form.Item name="category" label={t('visits.field.category')}>
                  <Selector
                    columns={3}
                    options={ORDER_CATEGORIES.map((c) => ({
                      value: c,
                      label: t(`orders.category.${c}`, { defaultValue: c }),
                    }))}
                  />
                </Form.Item>
              )}
            </Form>
          </Card>
          <List header={t('visits.mobile.recent')} data-testid="m-visits-recent">
            {recent.data?.items.length === 0 && <List.Item>{t('visits.mobile.none')}</List.Item>}
            {recent.data?.items.map((v) => (
              <List.Item
                key={v.id}
                description={v.finding ?? v.note ?? undefined}
                extra={v.order ? <Tag color="primary">#{v.order.id}</Tag> : undefined}
              >
                {v.visitedOn} · {v.placeName}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </div>
  );
}
