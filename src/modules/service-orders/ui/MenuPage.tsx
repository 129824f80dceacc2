import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDateTime } from '../../../web/components/format';
import {
  CommunitySelect,
  useCategoryLabel,
  useCategoryOptions,
  useCommunityNames,
  useDefaultCommunity,
} from './MenuShared';
import type { MenuItem } from './types';

interface Values {
  communityId?: number;
  name: string;
  category: string;
  description?: string;
  active: boolean;
}
const KEY = ['orders', 'config', 'menu'] as const;

function MenuItemModal({
  open,
  item,
  communityId,
  onClose,
}: {
  open: boolean;
  item: MenuItem | null;
  communityId: number | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const categories = useCategoryOptions();
  return (
    <FormModal<Values>
      open={open}
      title={item ? t('orderConfig.menu.editTitle') : t('orderConfig.menu.add')}
      initialValues={
        item
          ? {
              name: item.name,
              category: item.category,
              description: item.description ?? undefined,
              active: item.active,
            }
          : { communityId, active: true }
      }
      submit={(v) => {
        const body = {
          name: v.name,
          category: v.category,
          description: v.description?.trim() || null,
          active: v.active,
        };
        return item
          ? api.patch(`/api/orders/menu/${item.id}`, body)
          : api.post('/api/orders/menu', { ...body, communityId: v.communityId });
      }}
      onDone={async () => {
        await queryClient.invalidateQueries({ queryKey: KEY });
        onClose();
      }}
      onCancel={onClose}
      testId="menu-form"
    >
      {!item && (
        <Form.Item name="communityId" label={t('orderConfig.community')} rules={[{ required: true }]}>
          <CommunitySelect testId="menu-form-community" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('orderConfig.menu.name')} rules={[{ required: true, max: 60 }]}>
        <Input data-testid="menu-form-name" />
      </Form.Item>
      <Form.Item name="category" label={t('orderConfig.menu.category')} rules={[{ required: true }]}>
        <Select options={categories} data-testid="menu-form-category" />
      </Form.Item>
      <Form.Item name="description" label={t('orderConfig.menu.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="active" label={t('orderConfig.menu.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

/** 服务菜单: each community's menu of services that residents order from (菜单式服务). */
export default function MenuPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fallback = useDefaultCommunity();
  const [picked, setPicked] = useState<number | null | undefined>(undefined);
  const communityId = picked === undefined ? fallback : (picked ?? undefined);
  const [editing, setEditing] = useState<MenuItem | null | undefined>(undefined);
  const label = useCategoryLabel();
  const nameOf = useCommunityNames();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });
  const toggle = useMutation({
    mutationFn: (m: MenuItem) => api.patch(`/api/orders/menu/${m.id}`, { active: !m.active }),
    onSuccess: invalidate,
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/orders/menu/${id}`),
    onSuccess: async () => {
      message.success(t('orderConfig.deleted'));
      await invalidate();
    },
    onError: (e) => message.error(e.message),
  });

  return (
    <div data-testid="order-menu-page">
      <PageTitle
        title={t('orderConfig.menu.title')}
        help={t('orderConfig.menu.help')}
        extra={
          <Space>
            <CommunitySelect
              value={communityId}
              onChange={(v) => setPicked(v ?? null)}
              allowClear
              placeholder={t('orderConfig.allCommunities')}
              style={{ width: 220 }}
              testId="menu-community"
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="menu-add">
              {t('orderConfig.menu.add')}
            </Button>
          </Space>
        }
      />
      <Card size="small">
        <PagedTable<MenuItem>
          queryKey={KEY}
          path="/api/orders/menu"
          filters={{ communityId }}
          rowKey={(m) => m.id}
          testId="menu-table"
          emptyText={t('orderConfig.menu.empty')}
          columns={[
            ...(communityId
              ? []
              : [
                  {
                    title: t('orderConfig.community'),
                    key: 'community',
                    width: 160,
                    render: (_: unknown, m: MenuItem) => nameOf(m.communityId),
                  },
                ]),
            { title: t('orderConfig.menu.name'), dataIndex: 'name', key: 'name' },
            {
              title: t('orderConfig.menu.category'),
              key: 'category',
              width: 120,
              render: (_, m) => <Tag>{label(m.category)}</Tag>,
            },
            {
              title: t('orderConfig.menu.description'),
              dataIndex: 'description',
              key: 'description',
              ellipsis: true,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('orderConfig.menu.active'),
              key: 'active',
              width: 90,
              render: (_, m) => (
                <Switch
                  size="small"
                  checked={m.active}
                  loading={toggle.isPending && toggle.variables?.id === m.id}
                  onChange={() => toggle.mutate(m)}
                  aria-label={t('orderConfig.menu.active')}
                />
              ),
            },
            {
              title: t('orderConfig.updatedAt'),
              key: 'updatedAt',
              width: 170,
              render: (_, m) => formatDateTime(m.updatedAt),
            },
            {
              title: t('orderConfig.actions'),
              key: 'actions',
              width: 100,
              render: (_, m) => (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(m)}
                    aria-label={t('orderConfig.edit')}
                    data-testid={`menu-edit-${m.id}`}
                  />
                  <Popconfirm
                    title={t('orderConfig.confirmDelete', { name: m.name })}
                    onConfirm={() => remove.mutate(m.id)}
                  >
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('orderConfig.delete')}
                      data-testid={`menu-delete-${m.id}`}
                    />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <MenuItemModal
        open={editing !== undefined}
        item={editing ?? null}
        communityId={communityId}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}
