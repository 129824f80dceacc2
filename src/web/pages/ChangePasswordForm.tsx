import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ME_KEY } from '../app/auth';
import { queryClient } from '../app/queryClient';
import { showFormError } from '../components/formErrors';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current + new password (twice). The server's password rules answer per field and are shown in place. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const policy = useQuery({
    queryKey: ['auth', 'password-policy'],
    queryFn: () => api.get<{ minLength: number; minClasses: number }>('/api/auth/password-policy'),
    staleTime: Infinity,
  });
  const change = useMutation({
    mutationFn: (v: Values) =>
      api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: async () => {
      form.resetFields();
      message.success(t('password.changed'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onDone?.();
    },
    onError: (e) => showFormError(form, e, message),
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      onFinish={(v) => change.mutate(v)}
      data-testid="password-form"
      requiredMark={false}
    >
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={policy.data ? t('password.policy', policy.data) : t('password.hint')}
        rules={[{ required: true, message: t('password.newRequired') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('password.afterChange')}
      </Typography.Paragraph>
    </Form>
  );
}
