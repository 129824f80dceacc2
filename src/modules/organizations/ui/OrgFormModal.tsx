import { useMutation, useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page, TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { showFormError } from '../../../web/components/formErrors';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { PARTY_ORG_KINDS } from '../constants';
import { fromDay, OrgKindTag, toDay } from './shared';
import type { PartyOrg, PartyOrgKind, Unit } from './types';

interface Values {
  kind: PartyOrgKind;
  name: string;
  territory?: TerritoryRef;
  parentId?: number | null;
  unitId?: number | null;
  secretaryName?: string;
  foundedOn?: Dayjs | null;
}

interface Props {
  open: boolean;
  /** Edit this organisation; create a new one when absent. */
  org?: PartyOrg | null;
  /** Prefilled values for a new organisation (e.g. a branch for a compound). */
  initial?: { kind?: PartyOrgKind; territory?: TerritoryRef; parentId?: number | null; name?: string };
  onClose: () => void;
  onSaved?: (org: PartyOrg) => void;
}

/** Adds or edits a party organisation; the server applies the structure rules and its messages land on the fields. */
export function OrgFormModal({ open, org, initial, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = !!org;

  const orgs = useQuery({
    queryKey: ['organizations', 'tree', 'all'],
    queryFn: () => api.get<{ items: PartyOrg[] }>('/api/organizations/party-orgs/tree'),
    enabled: open,
  });
  const units = useQuery({
    queryKey: ['organizations', 'units', 'options'],
    queryFn: () => api.get<Page<Unit>>('/api/organizations/units', { pageSize: 200 }),
    enabled: open,
    retry: false,
  });

  const latest = useRef({ org, initial });
  latest.current = { org, initial };
  useEffect(() => {
    if (!open) return;
    const { org, initial } = latest.current;
    form.resetFields();
    if (org) {
      form.setFieldsValue({
        kind: org.kind,
        name: org.name,
        territory: org.territory,
        parentId: org.parentId,
        unitId: org.unit?.id ?? null,
        secretaryName: org.secretaryName ?? undefined,
        foundedOn: toDay(org.foundedOn),
      });
    } else {
      form.setFieldsValue({
        kind: initial?.kind ?? 'branch',
        territory: initial?.territory,
        parentId: initial?.parentId ?? null,
        name: initial?.name,
      });
    }
  }, [open, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        kind: v.kind,
        name: v.name,
        parentId: v.parentId ?? null,
        unitId: v.unitId ?? null,
        secretaryName: v.secretaryName || null,
        foundedOn: fromDay(v.foundedOn),
      };
      return org
        ? api.patch<PartyOrg>(`/api/organizations/party-orgs/${org.id}`, common)
        : api.post<PartyOrg>('/api/organizations/party-orgs', { ...common, territoryId: v.territory?.id });
    },
    onSuccess: async (saved) => {
      message.success(t('organizations.common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'territory' }),
  });

  return (
    <Modal
      open={open}
      title={editing ? t('organizations.common.edit') : t('organizations.orgs.addRoot')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('organizations.common.save')}
      cancelText={t('organizations.common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('organizations.orgs.rules')}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="org-form">
        <Form.Item name="kind" label={t('organizations.field.kind')} rules={[{ required: true }]}>
          <Select
            options={PARTY_ORG_KINDS.map((k) => ({ value: k, label: <OrgKindTag kind={k} /> }))}
            data-testid="org-form-kind"
          />
        </Form.Item>
        <Form.Item name="name" label={t('organizations.field.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="org-form-name" />
        </Form.Item>
        <Form.Item name="territory" label={t('organizations.field.place')} rules={[{ required: !editing }]}>
          <TerritoryTreeSelect disabled={editing} testId="org-form-territory" />
        </Form.Item>
        <Form.Item name="parentId" label={t('organizations.field.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'title' }}
            loading={orgs.isPending}
            options={(orgs.data?.items ?? [])
              .filter((o) => o.id !== org?.id && o.kind !== 'group')
              .map((o) => ({
                value: o.id,
                title: o.name,
                label: (
                  <span>
                    <OrgKindTag kind={o.kind} />
                    {o.name}
                  </span>
                ),
              }))}
            data-testid="org-form-parent"
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('organizations.field.unit')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="secretaryName" label={t('organizations.field.secretary')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('organizations.field.foundedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
