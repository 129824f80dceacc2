import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page, TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { showFormError } from '../../../web/components/formErrors';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { UNIT_KINDS } from '../constants';
import { fromDay, toDay } from './shared';
import type { OwnersCommittee, ResidentsGroup, Unit, UnitKind } from './types';

const refresh = () => queryClient.invalidateQueries({ queryKey: ['organizations'] });

/** A form filled from `values` each time its modal opens (not on every render, which would undo typing). */
function useModalForm<V extends object>(
  open: boolean,
  values: Parameters<FormInstance<V>['setFieldsValue']>[0] | undefined,
) {
  const [form] = Form.useForm<V>();
  const latest = useRef(values);
  latest.current = values;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (latest.current) form.setFieldsValue(latest.current);
  }, [open, form]);
  return form;
}

const modalTexts = (t: (k: string) => string) => ({
  okText: t('organizations.common.save'),
  cancelText: t('organizations.common.cancel'),
  destroyOnHidden: true,
});

interface UnitValues {
  kind: UnitKind;
  name: string;
  territory?: TerritoryRef;
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  isNewOrganization?: boolean;
}

/** Adds or edits a unit in the area 驻区单位 (a property company included). */
export function UnitFormModal({ open, unit, onClose }: { open: boolean; unit?: Unit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const form = useModalForm<UnitValues>(
    open,
    unit
      ? {
          kind: unit.kind,
          name: unit.name,
          territory: unit.territory,
          creditCode: unit.creditCode ?? undefined,
          contactName: unit.contactName ?? undefined,
          address: unit.address ?? undefined,
          isNewOrganization: unit.isNewOrganization,
        }
      : { kind: 'privateFirm' },
  );
  const save = useMutation({
    mutationFn: (v: UnitValues) => {
      const body = {
        kind: v.kind,
        name: v.name,
        creditCode: v.creditCode || null,
        contactName: v.contactName || null,
        address: v.address || null,
        isNewOrganization: v.isNewOrganization ?? false,
        // A masked phone is what we were shown, not a new number: only send one the user typed.
        ...(v.contactPhone ? { contactPhone: v.contactPhone } : {}),
      };
      return unit
        ? api.patch<Unit>(`/api/organizations/units/${unit.id}`, body)
        : api.post<Unit>('/api/organizations/units', { ...body, territoryId: v.territory?.id });
    },
    onSuccess: async () => {
      message.success(t('organizations.common.saved'));
      await refresh();
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'territory' }),
  });
  return (
    <Modal
      open={open}
      title={unit ? t('organizations.units.edit') : t('organizations.units.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      {...modalTexts(t)}
    >
      <Form<UnitValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="unit-form">
        <Form.Item name="kind" label={t('organizations.field.kind')} rules={[{ required: true }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`organizations.unitKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('organizations.field.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="territory" label={t('organizations.field.place')} rules={[{ required: !unit }]}>
          <TerritoryTreeSelect disabled={!!unit} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('organizations.field.creditCode')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="contactName" label={t('organizations.field.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('organizations.field.contactPhone')}
          extra={unit?.contactPhone ?? undefined}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="address" label={t('organizations.field.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="isNewOrganization" valuePropName="checked">
          <Checkbox>{t('organizations.field.newOrganization')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OwnersValues {
  name: string;
  chairName?: string;
  chairPhone?: string;
  termStart?: Dayjs;
  termEnd?: Dayjs;
  membersCount?: number;
}

/** Records or edits the owners' committee 业委会 of a compound. */
export function OwnersFormModal({
  open,
  compound,
  committee,
  onClose,
}: {
  open: boolean;
  compound: TerritoryRef;
  committee?: OwnersCommittee | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const form = useModalForm<OwnersValues>(
    open,
    committee
      ? {
          name: committee.name,
          chairName: committee.chairName ?? undefined,
          termStart: toDay(committee.termStart),
          termEnd: toDay(committee.termEnd),
          membersCount: committee.membersCount,
        }
      : { name: `${compound.name}业主委员会`, membersCount: 5 },
  );
  const save = useMutation({
    mutationFn: (v: OwnersValues) => {
      const body = {
        name: v.name,
        chairName: v.chairName || null,
        termStart: fromDay(v.termStart),
        termEnd: fromDay(v.termEnd),
        membersCount: v.membersCount ?? 0,
        ...(v.chairPhone ? { chairPhone: v.chairPhone } : {}),
      };
      return committee
        ? api.patch(`/api/organizations/owners-committees/${committee.id}`, body)
        : api.post('/api/organizations/owners-committees', { ...body, compoundId: compound.id });
    },
    onSuccess: async () => {
      message.success(t('organizations.common.saved'));
      await refresh();
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open={open}
      title={t('organizations.compound.setOwners')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      {...modalTexts(t)}
    >
      <Form<OwnersValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="owners-form">
        <Form.Item name="name" label={t('organizations.field.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="chairName" label={t('organizations.field.chair')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="chairPhone"
          label={t('organizations.field.chairPhone')}
          extra={committee?.chairPhone ?? undefined}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="termStart" label={t('organizations.field.termStart')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="termEnd" label={t('organizations.field.termEnd')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="membersCount" label={t('organizations.field.membersCount')}>
          <InputNumber min={0} max={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Names the property company serving a compound (from the property companies of the subtree). */
export function PropertyFormModal({
  open,
  compound,
  onClose,
}: {
  open: boolean;
  compound: TerritoryRef;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const form = useModalForm<{ unitId: number }>(open, undefined);
  const companies = useQuery({
    queryKey: ['organizations', 'units', 'property'],
    queryFn: () => api.get<Page<Unit>>('/api/organizations/units', { kind: 'propertyCompany', pageSize: 200 }),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (v: { unitId: number }) => api.put(`/api/organizations/compounds/${compound.id}/property`, v),
    onSuccess: async () => {
      message.success(t('organizations.common.saved'));
      await refresh();
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open={open}
      title={t('organizations.compound.setProperty')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      {...modalTexts(t)}
    >
      <Form<{ unitId: number }> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="unitId" label={t('organizations.compound.pickProperty')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'title' }}
            loading={companies.isPending}
            options={(companies.data?.items ?? []).map((u) => ({
              value: u.id,
              title: u.name,
              label: `${u.name}${u.isRedProperty ? `（${t('organizations.units.redTag')}）` : ''}`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface GroupValues {
  name: string;
  territory?: TerritoryRef;
  leaderName?: string;
  leaderPhone?: string;
}

/** Adds or edits a residents' group 居民小组 of a community or compound. */
export function ResidentsGroupFormModal({
  open,
  group,
  place,
  onClose,
}: {
  open: boolean;
  group?: ResidentsGroup | null;
  place?: TerritoryRef;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const form = useModalForm<GroupValues>(
    open,
    group
      ? { name: group.name, territory: group.territory, leaderName: group.leaderName ?? undefined }
      : { territory: place },
  );
  const save = useMutation({
    mutationFn: (v: GroupValues) => {
      const body = {
        name: v.name,
        leaderName: v.leaderName || null,
        ...(v.leaderPhone ? { leaderPhone: v.leaderPhone } : {}),
      };
      return group
        ? api.patch(`/api/organizations/residents-groups/${group.id}`, body)
        : api.post('/api/organizations/residents-groups', { ...body, territoryId: v.territory?.id });
    },
    onSuccess: async () => {
      message.success(t('organizations.common.saved'));
      await refresh();
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'territory' }),
  });
  return (
    <Modal
      open={open}
      title={t('organizations.compound.addGroup')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      {...modalTexts(t)}
    >
      <Form<GroupValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('organizations.field.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="territory" label={t('organizations.field.place')} rules={[{ required: !group }]}>
          <TerritoryTreeSelect disabled={!!group} />
        </Form.Item>
        <Form.Item name="leaderName" label={t('organizations.field.leader')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="leaderPhone"
          label={t('organizations.field.leaderPhone')}
          extra={group?.leaderPhone ?? undefined}
        >
          <Input maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
