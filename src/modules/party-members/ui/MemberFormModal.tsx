import { useMutation, useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { showFormError } from '../../../web/components/formErrors';
import { MEMBER_KINDS, MEMBER_POSTS, type MemberKind, type MemberPost, type PartyMember } from './types';

interface Values {
  name: string;
  kind: MemberKind;
  homeBranchId: number;
  joinedOn?: Dayjs;
  posts?: MemberPost[];
}

/** 新增 / 编辑党员: the home branch is a branch, general branch or committee of the account's subtree. */
export function MemberFormModal({
  open,
  member,
  onClose,
  onSaved,
}: {
  open: boolean;
  member: PartyMember | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const branches = useQuery({
    queryKey: ['partyMembers', 'homeBranches', q],
    queryFn: () =>
      api.get<{ items: { id: number; name: string; kind: string; place: string }[] }>(
        '/api/party-members/home-branches',
        { q },
      ),
    enabled: open,
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (member)
      form.setFieldsValue({
        name: member.name,
        kind: member.kind,
        homeBranchId: member.homeBranch.id,
        joinedOn: member.joinedOn ? dayjs(member.joinedOn) : undefined,
        posts: member.posts,
      });
  }, [open, member, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        kind: v.kind,
        homeBranchId: v.homeBranchId,
        joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : null,
        posts: v.posts ?? [],
      };
      return member
        ? api.patch<PartyMember>(`/api/party-members/${member.id}`, body)
        : api.post<PartyMember>('/api/party-members', body);
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      onSaved();
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  const options = (branches.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.name}（${b.place}）` }));
  if (member && !options.some((o) => o.value === member.homeBranch.id))
    options.unshift({ value: member.homeBranch.id, label: member.homeBranch.name });
  return (
    <Modal
      open={open}
      title={member ? t('partyMembers.edit') : t('partyMembers.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        data-testid="member-form"
        requiredMark="optional"
      >
        <Form.Item
          name="name"
          label={t('partyMembers.field.name')}
          rules={[{ required: true, message: t('people.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('partyMembers.field.kind')}
          rules={[{ required: true, message: t('people.required') }]}
        >
          <Select options={MEMBER_KINDS.map((k) => ({ value: k, label: t(`partyMembers.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="homeBranchId"
          label={t('partyMembers.field.homeBranch')}
          rules={[{ required: true, message: t('people.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            options={options}
            loading={branches.isFetching}
          />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('partyMembers.field.joinedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="posts" label={t('partyMembers.field.posts')}>
          <Select
            mode="multiple"
            allowClear
            options={MEMBER_POSTS.map((p) => ({ value: p, label: t(`partyMembers.post.${p}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
