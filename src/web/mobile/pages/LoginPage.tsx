import { Button, Form, Input, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { resetSession } from '../../app/auth';

/** Sign-in with phone and password. */
export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    try {
      const me = await api.post<Me>('/api/auth/login', { username: v.username.trim(), password: v.password });
      resetSession(me);
      const back = params.get('redirect');
      void navigate(back?.startsWith('/m') ? back : '/m', { replace: true });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="gzm-brand">
        <h1>共治</h1>
        <p>{t('mobile.login.title')}</p>
      </div>
      <Form
        layout="horizontal"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} data-testid="m-login-submit">
            {t('mobile.login.submit')}
          </Button>
        }
      >
        <Form.Item name="username" label={t('mobile.login.phone')} rules={[{ required: true }]}>
          <Input
            type="tel"
            placeholder={t('mobile.login.phonePlaceholder')}
            clearable
            autoComplete="username"
            data-testid="m-login-phone"
          />
        </Form.Item>
        <Form.Item name="password" label={t('mobile.login.password')} rules={[{ required: true }]}>
          <Input
            type="password"
            placeholder={t('mobile.login.passwordPlaceholder')}
            autoComplete="current-password"
            data-testid="m-login-password"
          />
        </Form.Item>
      </Form>
      <div className="gzm-center">
        {t('mobile.login.noAccount')} <Link to="/m/signup">{t('mobile.login.signup')}</Link>
      </div>
    </div>
  );
}
