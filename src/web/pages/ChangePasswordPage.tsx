import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { markSignedOut, resetSession, useMe } from '../app/auth';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Standalone page for an admin-set password: nothing else opens until the user picks their own. */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    markSignedOut();
    resetSession(null);
  };
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <div
        style={{
          height: 56,
          display: 'flex',
          alignItems: 'center',
          padding: '0 20px',
          background: 'linear-gradient(90deg, #a3080f 0%, #c8161d 55%, #d4343a 100%)',
          color: '#fff',
          gap: 12,
        }}
      >
        <span style={{ fontSize: 18, fontWeight: 600 }}>{t('app.name')}</span>
        <div style={{ flex: 1 }} />
        <LanguageSwitch dark />
        <Button
          type="text"
          icon={<LogoutOutlined />}
          onClick={() => void logout()}
          style={{ color: '#fff' }}
          data-testid="logout"
        >
          {t('header.logout')}
        </Button>
      </div>
      <div style={{ display: 'flex', justifyContent: 'center', padding: '48px 16px' }}>
        <Card style={{ width: 480, maxWidth: '100%' }} title={t('password.title')} data-testid="change-password-page">
          {me?.mustChangePassword && (
            <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 20 }} />
          )}
          <Typography.Paragraph type="secondary">
            {t('password.account', { name: me?.displayName ?? '', username: me?.username ?? '' })}
          </Typography.Paragraph>
          <ChangePasswordForm onDone={() => void navigate('/', { replace: true })} />
        </Card>
      </div>
    </div>
  );
}
