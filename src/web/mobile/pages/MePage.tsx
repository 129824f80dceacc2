import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Dialog, List, Selector } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Locale } from '../../api/types';
import { markSignedOut, resetSession, useMe } from '../../app/auth';
import { maskPhone } from '../format';
import { currentLocale, setLocale } from '../../i18n';
import type { MyRecord, MySignup } from '../types';
import { useLatestNotifications } from '../../../modules/notifications/ui';

/** 我的: who I am, my household, language, sign out. */
export default function MePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const verified = !!me?.permissions.includes('resident.self');
  const record = useQuery({
    queryKey: ['m', 'people', 'me'],
    queryFn: () => api.get<MyRecord>('/api/people/me'),
    enabled: verified,
  });
  const signup = useQuery({
    queryKey: ['m', 'signup', 'me'],
    queryFn: () => api.get<{ signup: MySignup | null }>('/api/signup/me'),
    enabled: !!me && !verified,
  });
  const notes = useLatestNotifications(1, !!me);
  if (!me) return null;

  const logout = async () => {
    if (!(await Dialog.confirm({ content: t('mobile.me.logoutConfirm') }))) return;
    await api.post('/api/auth/logout').catch(() => undefined);
    markSignedOut();
    resetSession(null);
    void navigate('/m/login', { replace: true });
  };

  return (
    <div data-testid="m-me">
      <div className="gzm-hero">
        <h1>{me.displayName}</h1>
        <p>{verified ? t('mobile.me.resident') : t('mobile.me.unverified')}</p>
      </div>
      <List className="gzm-section">
        <List.Item
          onClick={() => navigate('/m/notifications')}
          extra={notes.data?.unread ? <Badge content={notes.data.unread > 99 ? '99+' : notes.data.unread} /> : null}
          data-testid="m-me-notifications"
        >
          {t('notifications.mobile.entry')}
        </List.Item>
        {/* usernames are never phone numbers (decision 025): the phone shown is the record's, masked */}
        {record.data?.resident.phone && (
          <List.Item extra={maskPhone(record.data.resident.phone)}>{t('mobile.me.phone')}</List.Item>
        )}
        <List.Item
          description={record.data?.household.address ?? signup.data?.signup?.household.address ?? me.territory.name}
        >
          {t('mobile.me.household')}
        </List.Item>
        <List.Item
          description={
            <Selector<Locale>
              columns={2}
              value={[currentLocale()]}
              onChange={(v) => v[0] && void setLocale(v[0])}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en-US' },
              ]}
            />
          }
        >
          {t('mobile.me.language')}
        </List.Item>
      </List>
      {verified && (
        <List className="gzm-section" header={t('mobile.me.myData')}>
          {(['json', 'xlsx'] as const).map((format) => (
            <List.Item
              key={format}
              description={t('mobile.me.myDataHint')}
              onClick={() => {
                window.location.href = `/api/people/me/export?format=${format}`;
              }}
              data-testid={`m-my-data-${format}`}
            >
              {t(format === 'json' ? 'mobile.me.myDataJson' : 'mobile.me.myDataXlsx')}
            </List.Item>
          ))}
        </List>
      )}
      <List className="gzm-section">
        <List.Item onClick={() => navigate('/m/privacy')} data-testid="m-me-privacy">
          {t('mobile.me.privacy')}
        </List.Item>
      </List>
      <div className="gzm-pad">
        <Button block size="large" color="danger" fill="outline" onClick={() => void logout()} data-testid="m-logout">
          {t('mobile.me.logout')}
        </Button>
      </div>
    </div>
  );
}
