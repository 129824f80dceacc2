import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Territory, TerritoryLevel } from '../../../web/api/types';
import { HiddenSubmit } from '../../../web/components/HiddenSubmit';
import { LevelTag } from '../../../web/components/LevelTag';
import { showFormError } from '../../../web/components/formErrors';
import { CHILD_LEVELS } from './levels';

interface CreateValues {
  level: TerritoryLevel;
  name: string;
  divisionCode?: string;
}

/** 新增下级区域: level limited to the valid child levels of the parent. */
export function CreateTerritoryModal({
  parent,
  onClose,
  onCreated,
}: {
  parent: Territory | undefined;
  onClose: () => void;
  onCreated: (created: Territory) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const levels = parent ? CHILD_LEVELS[parent.level] : [];
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      api.post<Territory>('/api/territories', {
        parentId: parent?.id,
        level: v.level,
        name: v.name.trim(),
        ...(v.divisionCode?.trim() ? { divisionCode: v.divisionCode.trim() } : {}),
      }),
    onSuccess: (created) => {
      message.success(t('territory.createdOk', { name: created.name }));
      onCreated(created);
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open={!!parent}
      title={t('territory.createChild')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {parent && (
        <Form<CreateValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ level: levels[0] }}
          onFinish={(v) => create.mutate(v)}
          data-testid="territory-create-form"
        >
          <Form.Item label={t('territory.parent')}>
            <LevelTag level={parent.level} />
            <Typography.Text strong>{parent.name}</Typography.Text>
          </Form.Item>
          <Form.Item name="level" label={t('territory.levelLabel')} rules={[{ required: true }]}>
            <Select
              data-testid="territory-level"
              options={levels.map((l) => ({ value: l, label: t(`territory.level.${l}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('territory.name')}
            rules={[{ required: true, whitespace: true }, { max: 100 }]}
          >
            <Input data-testid="territory-name" autoComplete="off" />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('territory.divisionCode')} extra={t('territory.divisionCodeHint')}>
            <Input data-testid="territory-code" autoComplete="off" inputMode="numeric" maxLength={20} />
          </Form.Item>
          <HiddenSubmit />
        </Form>
      )}
    </Modal>
  );
}

interface EditValues {
  name: string;
  divisionCode?: string;
  sortOrder?: number | null;
}

/** 编辑区域: name, division code and order among siblings; only changed fields are sent. */
export function EditTerritoryModal({
  node,
  onClose,
  onSaved,
}: {
  node: Territory | undefined;
  onClose: () => void;
  onSaved: (saved: Territory) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const save = useMutation({
    mutationFn: (v: EditValues) => {
      if (!node) throw new Error('no node');
      const body: { name?: string; divisionCode?: string | null; sortOrder?: number } = {};
      if (v.name.trim() !== node.name) body.name = v.name.trim();
      const code = v.divisionCode?.trim() ? v.divisionCode.trim() : null;
      if (code !== (node.divisionCode ?? null)) body.divisionCode = code;
      if (typeof v.sortOrder === 'number' && v.sortOrder !== node.sortOrder) body.sortOrder = v.sortOrder;
      if (Object.keys(body).length === 0) return Promise.resolve(node);
      return api.patch<Territory>(`/api/territories/${node.id}`, body);
    },
    onSuccess: (saved) => {
      message.success(t('common.saved'));
      onSaved(saved);
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open={!!node}
      title={t('territory.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {node && (
        <Form<EditValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ name: node.name, divisionCode: node.divisionCode ?? '', sortOrder: node.sortOrder }}
          onFinish={(v) => save.mutate(v)}
          data-testid="territory-edit-form"
        >
          <Form.Item label={t('territory.levelLabel')}>
            <LevelTag level={node.level} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('territory.name')}
            rules={[{ required: true, whitespace: true }, { max: 100 }]}
          >
            <Input autoComplete="off" data-testid="territory-edit-name" />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('territory.divisionCode')} extra={t('territory.divisionCodeHint')}>
            <Input autoComplete="off" inputMode="numeric" maxLength={20} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('territory.sortOrder')} extra={t('territory.sortOrderHint')}>
            <InputNumber precision={0} min={0} style={{ width: 160 }} />
          </Form.Item>
          <HiddenSubmit />
        </Form>
      )}
    </Modal>
  );
}
