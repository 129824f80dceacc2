import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../api/client';
import type { Me } from '../api/types';
import { resetSession, useMe } from '../app/auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageSpin } from '../components/Loading';
import { hasStoredLocale, setLocale } from '../i18n';

interface LoginForm {
  username: string;
  password: string;
  totpCode?: string;
}

/** Only same-site paths are followed after login (no open redirect). */
function safeRedirect(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const [form] = Form.useForm<LoginForm>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string>();

  const login = useMutation({
    mutationFn: (values: LoginForm) =>
      api.post<Me>('/api/auth/login', {
        username: values.username.trim(),
        password: values.password,
        ...(needTotp && values.totpCode ? { totpCode: values.totpCode.trim() } : {}),
      }),
    onSuccess: async (account) => {
      setError(undefined);
      resetSession(account);
      if (!hasStoredLocale() && (account.locale === 'zh-CN' || account.locale === 'en-US')) {
        await setLocale(account.locale, false);
      }
      void navigate(account.mustChangePassword ? '/change-password' : safeRedirect(params.get('redirect')), {
        replace: true,
      });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'auth.totpRequired') {
        setNeedTotp(true);
        setError(needTotp ? e.message : undefined);
        return;
      }
      if (isApiError(e) && e.code === 'auth.totpInvalid') form.setFieldValue('totpCode', '');
      setError(e.message);
    },
  });

  if (me.isPending) return <PageSpin full />;
  if (me.data && !login.isPending) {
    return (
      <Navigate to={me.data.mustChangePassword ? '/change-password' : safeRedirect(params.get('redirect'))} replace />
    );
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        background: 'linear-gradient(180deg, #f7f1f1 0%, #f5f6f8 45%)',
      }}
    >
      <div
        className="gz-hide-narrow"
        style={{
          flex: '0 0 42%',
          background: 'linear-gradient(160deg, #a3080f 0%, #c8161d 60%, #d9484e 100%)',
          color: '#fff',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'center',
          padding: '0 6vw',
        }}
      >
        <div
          aria-hidden
          style={{
            width: 56,
            height: 56,
            borderRadius: 14,
            background: '#fff',
            color: '#c8161d',
            fontSize: 32,
            fontWeight: 700,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            marginBottom: 28,
          }}
        >
          {t('app.logoChar')}
        </div>
        <div style={{ fontSize: 34, fontWeight: 600, letterSpacing: 2 }}>{t('app.title')}</div>
        <div style={{ fontSize: 16, opacity: 0.88, marginTop: 14, lineHeight: 1.8, maxWidth: 460 }}>
          {t('login.subtitle')}
        </div>
        <div style={{ marginTop: 40, fontSize: 14, opacity: 0.78, lineHeight: 2 }}>{t('login.levels')}</div>
      </div>
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '12px 20px' }}>
          <LanguageSwitch />
        </div>
        <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
          <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 6px 24px rgba(0,0,0,0.06)' }}>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {t('app.title')}
            </Typography.Paragraph>
            {error && (
              <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
            )}
            {needTotp && !error && (
              <Alert type="info" showIcon title={t('login.totpHint')} style={{ marginBottom: 16 }} />
            )}
            <Form<LoginForm>
              form={form}
              layout="vertical"
              size="large"
              requiredMark={false}
              onFinish={(v) => login.mutate(v)}
              data-testid="login-form"
              onValuesChange={(changed: Partial<LoginForm>) => {
                if ('username' in changed) setNeedTotp(false);
              }}
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoFocus
                  data-testid="login-username"
                  placeholder={t('login.usernamePlaceholder')}
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined />}
                  autoComplete="current-password"
                  data-testid="login-password"
                  placeholder={t('login.passwordPlaceholder')}
                />
              </Form.Item>
              {needTotp && (
                <Form.Item
                  name="totpCode"
                  label={t('login.totpCode')}
                  rules={[
                    { required: true, message: t('login.totpRequired') },
                    { pattern: /^\d{6}$/, message: t('login.totpFormat') },
                  ]}
                >
                  <Input
                    prefix={<SafetyOutlined />}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    autoFocus
                    data-testid="login-totp"
                    placeholder="000000"
                  />
                </Form.Item>
              )}
              <Form.Item style={{ marginBottom: 8, marginTop: 8 }}>
                <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
                  {t('login.submit')}
                </Button>
              </Form.Item>
            </Form>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0, textAlign: 'center' }}>
              {t('login.footer')}
            </Typography.Paragraph>
          </Card>
        </div>
      </div>
    </div>
  );
}
