import { useMutation } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { showFormError } from '../../../web/components/formErrors';
import { RELATIONS, RESIDENT_TAGS, type Gender, type Relation, type Resident, type ResidentTag } from './types';

interface Values {
  name: string;
  gender?: Gender;
  birthDate?: Dayjs;
  household?: TerritoryRef;
  relation?: Relation;
  phone?: string;
  idNumber?: string;
  tags?: ResidentTag[];
  note?: string;
}

/** 新增 / 编辑居民. Phone and ID are never shown in full here: left empty on edit, they stay as they are. */
export function ResidentFormModal({
  open,
  resident,
  onClose,
  onSaved,
}: {
  open: boolean;
  resident: Resident | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (resident) {
      form.setFieldsValue({
        name: resident.name,
        gender: resident.gender ?? undefined,
        birthDate: resident.birthDate ? dayjs(resident.birthDate) : undefined,
        household: { id: resident.householdId, name: resident.address.split('/').at(-1) ?? '', level: 'household' },
        relation: resident.relation ?? undefined,
        tags: resident.tags,
        note: resident.note ?? undefined,
      });
    }
  }, [open, resident, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        gender: v.gender ?? null,
        birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
        householdId: v.household?.id,
        relation: v.relation ?? null,
        tags: v.tags ?? [],
        note: v.note?.trim() || null,
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : resident ? {} : { phone: null }),
        ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : resident ? {} : { idNumber: null }),
      };
      return resident
        ? api.patch<Resident>(`/api/people/residents/${resident.id}`, body)
        : api.post<Resident>('/api/people/residents', body);
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      onSaved();
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { householdId: 'household' }),
  });
  return (
    <Modal
      open={open}
      title={resident ? t('people.editResident') : t('people.newResident')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        data-testid="resident-form"
        requiredMark="optional"
      >
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item
            name="name"
            label={t('people.field.name')}
            rules={[{ required: true, message: t('people.required') }]}
          >
            <Input maxLength={50} data-testid="resident-name" />
          </Form.Item>
          <Form.Item name="gender" label={t('people.field.gender')}>
            <Select
              allowClear
              options={(['male', 'female'] as const).map((g) => ({ value: g, label: t(`people.gender.${g}`) }))}
            />
          </Form.Item>
          <Form.Item name="birthDate" label={t('people.field.birthDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="relation" label={t('people.field.relation')}>
            <Select allowClear options={RELATIONS.map((r) => ({ value: r, label: t(`people.relation.${r}`) }))} />
          </Form.Item>
        </div>
        <Form.Item
          name="household"
          label={t('people.field.household')}
          rules={[{ required: true, message: t('people.required') }]}
          extra={t('people.pickHousehold')}
        >
          <TerritoryTreeSelect testId="resident-household" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item
            name="phone"
            label={t('people.field.phone')}
            extra={resident?.phone ? t('people.keepNumber', { value: resident.phone }) : undefined}
          >
            <Input inputMode="numeric" maxLength={13} placeholder="13800001234" data-testid="resident-phone" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('people.field.idNumber')}
            extra={resident?.idNumber ? t('people.keepNumber', { value: resident.idNumber }) : undefined}
          >
            <Input maxLength={18} data-testid="resident-idnumber" />
          </Form.Item>
        </div>
        <Form.Item name="tags" label={t('people.field.tags')}>
          <Select
            mode="multiple"
            allowClear
            options={RESIDENT_TAGS.map((g) => ({ value: g, label: t(`people.tag.${g}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('people.field.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
