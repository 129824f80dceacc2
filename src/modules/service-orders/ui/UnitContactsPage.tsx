import { DisconnectOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { useDebounced } from '../../../web/components/useDebounced';
import { UnitSelect } from './MenuShared';
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

type Link = WireOf<typeof C.UnitContact>;
type Candidate = WireOf<typeof C.UnitContactCandidate>;
interface Values {
  accountId: number;
  unitId: number;
}
const KEY = ['orders', 'config', 'unit-contacts'] as const;

function AccountSelect({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useQuery({
    queryKey: [...KEY, 'candidates', q],
    queryFn: ({ signal }) =>
      api.get<Page<Candidate>>('/api/orders/unit-contacts/candidates', { q: q || undefined, pageSize: 50 }, signal),
  });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={list.isFetching}
      placeholder={t('orderConfig.unitContacts.pickAccount')}
      data-testid="contact-form-account"
      options={(list.data?.items ?? []).map((c) => ({
        value: c.id,
        label: (
          <span>
            {c.displayName} <Typography.Text type="secondary">{c.username}</Typography.Text>
            {c.units.map((u) => (
              <Tag key={u.id} style={{ marginInlineStart: 6 }}>
                {u.name}
              </Tag>
            ))}
          </span>
        ),
      }))}
    />
  );
}

/** 单位联络人: which unit each unit-contact account speaks for (it then accepts orders and claims wishes for that unit). */
export default function UnitContactsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<number | undefined>();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });
  const unlink = useMutation({
    mutationFn: (l: Link) => api.delete(`/api/orders/unit-contacts/${l.account.id}/${l.unit.id}`),
    onSuccess: async () => {
      message.success(t('orderConfig.unitContacts.unlinked'));
      await invalidate();
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <div data-testid="order-unit-contacts-page">
      <PageTitle
        title={t('orderConfig.unitContacts.title')}
        help={t('orderConfig.unitContacts.help')}
        extra={
          <Space>
            <div style={{ width: 240 }}>
              <UnitSelect
                value={unitId}
                onChange={setUnitId}
                allowClear
                placeholder={t('orderConfig.unitContacts.allUnits')}
                testId="contacts-unit"
              />
            </div>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="contact-add">
              {t('orderConfig.unitContacts.add')}
            </Button>
          </Space>
        }
      />
      <Card size="small">
        <PagedTable<Link>
          queryKey={KEY}
          path="/api/orders/unit-contacts"
          filters={{ unitId }}
          rowKey={(l) => `${l.account.id}-${l.unit.id}`}
          testId="contacts-table"
          emptyText={t('orderConfig.unitContacts.empty')}
          columns={[
            { title: t('orderConfig.unitContacts.unit'), key: 'unit', render: (_, l) => l.unit.name },
            { title: t('orderConfig.unitContacts.account'), key: 'account', render: (_, l) => l.account.displayName },
            { title: t('orderConfig.unitContacts.username'), key: 'username', render: (_, l) => l.account.username },
            {
              title: t('orderConfig.actions'),
              key: 'actions',
              width: 120,
              render: (_, l) => (
                <Popconfirm
                  title={t('orderConfig.unitContacts.confirmUnlink', {
                    name: l.account.displayName,
                    unit: l.unit.name,
                  })}
                  onConfirm={() => unlink.mutate(l)}
                >
                  <Button type="link" size="small" danger icon={<DisconnectOutlined />}>
                    {t('orderConfig.unitContacts.unlink')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <FormModal<Values>
        open={open}
        title={t('orderConfig.unitContacts.add')}
        initialValues={unitId ? { unitId } : {}}
        submit={(v) => api.post('/api/orders/unit-contacts', v)}
        onDone={async () => {
          await invalidate();
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
        testId="contact-form"
      >
        <Form.Item name="accountId" label={t('orderConfig.unitContacts.account')} rules={[{ required: true }]}>
          <AccountSelect />
        </Form.Item>
        <Form.Item name="unitId" label={t('orderConfig.unitContacts.unit')} rules={[{ required: true }]}>
          <UnitSelect testId="contact-form-unit" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
