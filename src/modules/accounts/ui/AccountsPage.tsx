import { EditOutlined, KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Account, TerritoryRef } from '../../../web/api/types';
import { useCan, useMe, useRoleLabel, useRoles } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { HiddenSubmit } from '../../../web/components/HiddenSubmit';
import { LevelTag } from '../../../web/components/LevelTag';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { currentLocale } from '../../../web/i18n';

const LIST_KEY = ['accounts'] as const;
const GRANTS_KEY = ['accounts', 'grants'] as const;
const refreshList = () => queryClient.invalidateQueries({ queryKey: LIST_KEY });

/** A change waiting for a second admin (four eyes, issue 18): an admin role, district scope or such a password reset. */
interface Grant {
  id: number;
  kind: 'grant' | 'resetPassword';
  state: 'pending' | 'approved' | 'rejected';
  account: { id: number; username: string; displayName: string };
  beforeRoles: string[];
  roles: string[] | null;
  territory: { id: number; name: string } | null;
  requestedBy: { id: number; displayName: string };
  createdAt: string;
}

/** Pending grants with approve / reject: a second admin decides; the one who asked may only withdraw. */
function PendingGrants() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useMe();
  const roleLabel = useRoleLabel();
  const decide = useMutation({
    mutationFn: ({ g, how }: { g: Grant; how: 'approve' | 'reject' }) =>
      api.post<Grant>(`/api/accounts/grants/${g.id}/${how}`),
    onSuccess: async (g) => {
      message.success(t(g.state === 'approved' ? 'account.grants.approved' : 'account.grants.rejected'));
      await refreshList();
    },
    onError: (e) => message.error(e.message),
  });
  const columns: TableColumnsType<Grant> = [
    {
      title: t('account.username'),
      key: 'account',
      render: (_, g) => `${g.account.displayName}（${g.account.username}）`,
    },
    {
      title: t('account.grants.change'),
      key: 'change',
      render: (_, g) =>
        g.kind === 'resetPassword' ? (
          <Tag color="orange">{t('account.resetPassword')}</Tag>
        ) : (
          <Space size={4} wrap>
            {(g.roles ?? []).map((r) => (
              <Tag key={r} color="red">
                {roleLabel(r)}
              </Tag>
            ))}
            {g.territory && <Typography.Text type="secondary">@ {g.territory.name}</Typography.Text>}
          </Space>
        ),
    },
    { title: t('account.grants.requestedBy'), key: 'by', render: (_, g) => g.requestedBy.displayName },
    { title: t('account.grants.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, g) => {
        const mine = g.requestedBy.id === me.data?.id;
        return (
          <Space>
            {can('account.approveGrant') && !mine && g.account.id !== me.data?.id && (
              <Popconfirm
                title={t('account.grants.approveConfirm', { username: g.account.username })}
                onConfirm={() => decide.mutate({ g, how: 'approve' })}
              >
                <Button size="small" type="primary" data-testid={`grant-approve-${g.id}`}>
                  {t('account.grants.approve')}
                </Button>
              </Popconfirm>
            )}
            <Button
              size="small"
              danger
              onClick={() => decide.mutate({ g, how: 'reject' })}
              data-testid={`grant-reject-${g.id}`}
            >
              {mine ? t('account.grants.withdraw') : t('account.grants.reject')}
            </Button>
          </Space>
        );
      },
    },
  ];
  return (
    <Card title={t('account.grants.title')} style={{ marginBottom: 16 }} data-testid="pending-grants">
      <Typography.Paragraph type="secondary">{t('account.grants.help')}</Typography.Paragraph>
      <PagedTable<Grant>
        testId="grants-table"
        queryKey={GRANTS_KEY}
        path="/api/accounts/grants"
        filters={{ state: 'pending' }}
        columns={columns}
        rowKey={(g) => g.id}
      />
    </Card>
  );
}

function useRoleOptions() {
  const { data } = useRoles();
  const locale = currentLocale();
  return (data ?? []).map((r) => ({ value: r.key, label: r.label[locale] }));
}

interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  territory?: TerritoryRef;
}

function CreateAccountModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  // Separation of duties: whoever creates accounts may not be the one who grants roles (等保 three admins).
  const canAssign = can('account.assignRoles');
  const [form] = Form.useForm<CreateValues>();
  const roleOptions = useRoleOptions();
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      api.post<Account>('/api/accounts', {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        ...(canAssign ? { roles: v.roles } : {}),
        territoryId: v.territory?.id,
      }),
    onSuccess: async (a) => {
      message.success(t('account.created', { username: a.username }));
      form.resetFields();
      onClose();
      await refreshList();
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'territory' }),
  });
  return (
    <Modal
      open={open}
      title={t('account.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        data-testid="account-create-form"
        initialValues={{ roles: [] }}
        preserve={false}
      >
        <Form.Item name="username" label={t('account.username')} rules={[{ required: true, whitespace: true }]}>
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('account.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input autoComplete="off" data-testid="account-displayName" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('account.initialPassword')}
          extra={t('account.initialPasswordHint')}
          rules={[{ required: true }]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-password" />
        </Form.Item>
        {canAssign ? (
          <Form.Item name="roles" label={t('account.roles')}>
            <Select
              mode="multiple"
              options={roleOptions}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="account-roles"
            />
          </Form.Item>
        ) : (
          <Alert type="info" showIcon title={t('account.rolesBySecurityAdmin')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="territory" label={t('account.territory')} rules={[{ required: true }]}>
          <TerritoryTreeSelect testId="account-territory" />
        </Form.Item>
        <HiddenSubmit />
      </Form>
    </Modal>
  );
}

interface EditValues {
  displayName: string;
  roles: string[];
  territory?: TerritoryRef;
  disabled: boolean;
}

function EditAccountModal({ account, onClose }: { account: Account | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<EditValues>();
  const roleOptions = useRoleOptions();
  const canUpdate = can('account.update');
  const canAssign = can('account.assignRoles');
  const save = useMutation({
    mutationFn: (v: EditValues) => {
      if (!account) throw new Error('no account');
      const body: Record<string, unknown> = {};
      if (canUpdate) {
        if (v.displayName.trim() !== account.displayName) body.displayName = v.displayName.trim();
        if (v.territory && v.territory.id !== account.territory.id) body.territoryId = v.territory.id;
        if (v.disabled !== account.disabled) body.disabled = v.disabled;
      }
      if (canAssign && [...v.roles].sort().join() !== [...account.roles].sort().join()) body.roles = v.roles;
      if (Object.keys(body).length === 0) return Promise.resolve(account);
      return api.patch<Account | { pending: Grant }>(`/api/accounts/${account.id}`, body);
    },
    onSuccess: async (out) => {
      if ('pending' in out) message.info(t('account.grants.waiting'));
      else message.success(t('common.saved'));
      onClose();
      await refreshList();
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'territory' }),
  });
  return (
    <Modal
      open={!!account}
      title={t('account.edit', { username: account?.username ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {account && (
        <Form<EditValues>
          form={form}
          layout="vertical"
          preserve={false}
          data-testid="account-edit-form"
          initialValues={{
            displayName: account.displayName,
            roles: account.roles,
            territory: account.territory,
            disabled: account.disabled,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item label={t('account.username')}>
            <Typography.Text strong>{account.username}</Typography.Text>
          </Form.Item>
          <Form.Item name="displayName" label={t('account.displayName')} rules={[{ required: true, whitespace: true }]}>
            <Input disabled={!canUpdate} />
          </Form.Item>
          <Form.Item name="roles" label={t('account.roles')} extra={canAssign ? undefined : t('account.noAssignRoles')}>
            <Select
              mode="multiple"
              options={roleOptions}
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!canAssign}
            />
          </Form.Item>
          <Form.Item name="territory" label={t('account.territory')} rules={[{ required: true }]}>
            <TerritoryTreeSelect disabled={!canUpdate} />
          </Form.Item>
          <Form.Item
            name="disabled"
            label={t('account.disabled')}
            valuePropName="checked"
            extra={t('account.disabledHint')}
          >
            <Switch disabled={!canUpdate} />
          </Form.Item>
          <HiddenSubmit />
        </Form>
      )}
    </Modal>
  );
}

interface ResetValues {
  password: string;
  confirm: string;
}

function ResetPasswordModal({ account, onClose }: { account: Account | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const reset = useMutation({
    mutationFn: (v: ResetValues) =>
      api.post<{ pending: Grant } | null>(`/api/accounts/${account?.id ?? ''}/reset-password`, {
        password: v.password,
      }),
    onSuccess: async (out) => {
      if (out && typeof out === 'object' && 'pending' in out) message.info(t('account.grants.waiting'));
      else message.success(t('account.resetDone', { username: account?.username ?? '' }));
      onClose();
      await refreshList();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open={!!account}
      title={t('account.resetTitle', { username: account?.username ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('account.resetHelp')}</Typography.Paragraph>
      <Form<ResetValues> form={form} layout="vertical" preserve={false} onFinish={(v) => reset.mutate(v)}>
        <Form.Item name="password" label={t('password.new')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <HiddenSubmit />
      </Form>
    </Modal>
  );
}

interface AccountFilterForm {
  q?: string;
  role?: string;
}

/** Accounts of the subtree: create, edit roles and node, reset passwords, unlock after failed logins. */
export default function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const roleLabel = useRoleLabel();
  const roleOptions = useRoleOptions();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account>();
  const [resetting, setResetting] = useState<Account>();

  const unlock = useMutation({
    mutationFn: (a: Account) => api.post(`/api/accounts/${a.id}/unlock`),
    onSuccess: async (_, a) => {
      message.success(t('account.unlocked', { username: a.username }));
      await refreshList();
    },
    onError: (e) => message.error(e.message),
  });

  const canEdit = can('account.update') || can('account.assignRoles');
  const hasActions = canEdit || can('account.resetPassword') || can('account.unlock');

  const columns: TableColumnsType<Account> = [
    {
      title: t('account.username'),
      dataIndex: 'username',
      width: 140,
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('account.displayName'), dataIndex: 'displayName', width: 130 },
    {
      title: t('account.roles'),
      dataIndex: 'roles',
      width: 180,
      render: (roles: string[]) =>
        roles.length === 0 ? (
          <Typography.Text type="secondary">{t('account.noRoles')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {roles.map((r) => (
              <Tag key={r} style={{ marginInlineEnd: 0 }}>
                {roleLabel(r)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('account.territory'),
      dataIndex: 'territory',
      width: 170,
      render: (v: TerritoryRef) => (
        <span>
          <LevelTag level={v.level} />
          {v.name}
        </span>
      ),
    },
    {
      title: t('account.status'),
      key: 'status',
      width: 140,
      render: (_, a) => (
        <Space size={[4, 4]} wrap>
          {a.disabled ? (
            <Tag color="default">{t('account.state.disabled')}</Tag>
          ) : (
            <Tag color="success">{t('account.state.active')}</Tag>
          )}
          {a.locked && (
            <Tag color="error" data-testid="account-locked">
              {t('account.state.locked')}
            </Tag>
          )}
          {a.mustChangePassword && <Tag color="warning">{t('account.state.mustChange')}</Tag>}
          {a.totpEnabled && <Tag color="blue">{t('account.state.totp')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('account.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 160,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <Typography.Text type="secondary">{t('account.neverLoggedIn')}</Typography.Text>,
    },
  ];
  if (hasActions) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      fixed: 'right',
      render: (_, a) => (
        <Space size={0}>
          {canEdit && (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(a)}
              data-testid={`account-edit-${a.id}`}
            >
              {t('common.edit')}
            </Button>
          )}
          {can('account.resetPassword') && (
            <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(a)}>
              {t('account.resetPassword')}
            </Button>
          )}
          {can('account.unlock') && a.locked && (
            <Popconfirm
              title={t('account.unlockConfirm', { username: a.username })}
              onConfirm={() => unlock.mutateAsync(a)}
            >
              <Button type="link" size="small" icon={<UnlockOutlined />}>
                {t('account.unlock')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageTitle
        title={t('nav.accounts')}
        help={t('account.help')}
        extra={
          can('account.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="account-create"
            >
              {t('account.create')}
            </Button>
          )
        }
      />
      {(can('account.approveGrant') || can('account.assignRoles')) && <PendingGrants />}
      <Card>
        <FilterBar<AccountFilterForm>
          testId="account-filters"
          onSearch={(v) => setFilters({ q: v.q?.trim() || undefined, role: v.role || undefined })}
        >
          <Form.Item name="q">
            <Input placeholder={t('account.qPlaceholder')} allowClear style={{ width: 220 }} data-testid="account-q" />
          </Form.Item>
          <Form.Item name="role">
            <Select
              placeholder={t('account.roleFilter')}
              allowClear
              options={roleOptions}
              style={{ width: 180 }}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </FilterBar>
        <PagedTable<Account>
          testId="accounts-table"
          queryKey={LIST_KEY}
          path="/api/accounts"
          filters={filters}
          columns={columns}
          rowKey={(a) => a.id}
          scrollX={1140}
        />
      </Card>
      {can('account.create') && <CreateAccountModal open={creating} onClose={() => setCreating(false)} />}
      <EditAccountModal account={editing} onClose={() => setEditing(undefined)} />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(undefined)} />
    </>
  );
}
