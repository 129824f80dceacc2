import { KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageTitle } from '../../../web/components/PageTitle';
import type { CreateClient, Node, Open311Client as ClientBody } from '../contract';

/** As JSON carries them: dates are strings. */
type Open311Client = Omit<ClientBody, 'createdAt' | 'revokedAt'> & { createdAt: string; revokedAt: string | null };
type CreatedClient = Open311Client & { key: string };

/**
 * Open311 clients 接口客户端 (issue 16 point 5): the security admin makes an API key scoped to a node, sees it once,
 * and revokes it. The list never shows a key, only its first characters.
 */
export default function ClientsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<CreatedClient | null>(null);
  const list = useQuery({
    queryKey: ['open311', 'clients'],
    queryFn: ({ signal }) => api.get<Open311Client[]>('/api/open311/clients', undefined, signal),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api.post<Open311Client>(`/api/open311/clients/${id}/revoke`),
    onSuccess: () => {
      message.success(t('open311.revoked'));
      void qc.invalidateQueries({ queryKey: ['open311'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <>
      <PageTitle
        title={t('open311.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="client-new">
            {t('open311.new')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('open311.intro')}</Typography.Paragraph>
      {list.isError && <Alert type="error" title={list.error.message} />}
      <Table<Open311Client>
        rowKey="id"
        data-testid="clients-table"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('open311.name'), dataIndex: 'name' },
          {
            title: t('open311.key'),
            key: 'key',
            render: (_, c) => <Typography.Text code>{c.keyPrefix}…</Typography.Text>,
          },
          { title: t('open311.node'), key: 'node', render: (_, c) => c.territory.name },
          { title: t('open311.perMinute'), dataIndex: 'perMinute', width: 110 },
          { title: t('open311.requests'), dataIndex: 'requests', width: 100 },
          {
            title: t('open311.createdAt'),
            key: 'createdAt',
            render: (_, c) => formatDateTime(c.createdAt),
          },
          {
            title: t('open311.status'),
            key: 'status',
            render: (_, c) =>
              c.revokedAt ? (
                <Tag>{t('open311.revokedAt', { at: formatDateTime(c.revokedAt) })}</Tag>
              ) : (
                <Tag color="green">{t('open311.active')}</Tag>
              ),
          },
          {
            title: '',
            key: 'revoke',
            width: 100,
            render: (_, c) =>
              !c.revokedAt && (
                <Popconfirm title={t('open311.revokeConfirm')} onConfirm={() => revoke.mutate(c.id)}>
                  <Button size="small" danger icon={<StopOutlined />} data-testid="client-revoke">
                    {t('open311.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <NewClientModal
          onClose={() => setCreating(false)}
          onMade={(c) => {
            setCreating(false);
            setMade(c);
            void qc.invalidateQueries({ queryKey: ['open311'] });
          }}
          showError={(form, e) => showFormError(form, e, message)}
        />
      )}
      <Modal
        open={made !== null}
        title={t('open311.madeTitle')}
        onCancel={() => setMade(null)}
        footer={<Button onClick={() => setMade(null)}>{t('open311.done')}</Button>}
      >
        <Alert type="warning" showIcon title={t('open311.showOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: made?.key ?? '' }} data-testid="client-key">
          <KeyOutlined /> <Typography.Text code>{made?.key}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t('open311.howTo', { url: `${window.location.origin}/open311/v2/services.json` })}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

type FormValues = { name: string; territoryId: number; perMinute: number };

function NewClientModal({
  onClose,
  onMade,
  showError,
}: {
  onClose: () => void;
  onMade: (c: CreatedClient) => void;
  showError: (form: ReturnType<typeof Form.useForm<FormValues>>[0], e: Error) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const nodes = useQuery({
    queryKey: ['open311', 'nodes'],
    queryFn: ({ signal }) => api.get<Node[]>('/api/open311/nodes', undefined, signal),
  });
  const create = useMutation({
    mutationFn: (v: FormValues) => api.post<CreatedClient>('/api/open311/clients', v satisfies CreateClient),
    onSuccess: onMade,
    onError: (e) => showError(form, e),
  });
  return (
    <Modal
      open
      title={t('open311.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ perMinute: 60 }}
        onFinish={(v) => create.mutate(v)}
        data-testid="client-form"
      >
        <Form.Item name="name" label={t('open311.name')} rules={[{ required: true, max: 60 }]}>
          <Input placeholder={t('open311.namePlaceholder')} data-testid="client-name" />
        </Form.Item>
        <Form.Item
          name="territoryId"
          label={t('open311.node')}
          rules={[{ required: true }]}
          extra={t('open311.nodeHelp')}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={nodes.isFetching}
            data-testid="client-node"
            options={(nodes.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
          />
        </Form.Item>
        <Form.Item name="perMinute" label={t('open311.perMinute')} rules={[{ required: true }]}>
          <InputNumber min={1} max={600} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
