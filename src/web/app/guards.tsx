import { Alert, Button } from 'antd';
import { lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { PageSpin } from '../components/Loading';
import { useMe, wasSignedOut } from './auth';

const ForbiddenPage = lazy(() => import('../pages/ForbiddenPage'));

/** Signed in, and with a password the user chose: everything but the login page sits behind this. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <PageSpin full />;
  if (me.isError) {
    return (
      <div style={{ maxWidth: 560, margin: '15vh auto', padding: 16 }}>
        <Alert
          type="error"
          showIcon
          title={t('error.loadSession')}
          description={me.error.message}
          action={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
        />
      </div>
    );
  }
  if (!me.data) {
    const here = location.pathname + location.search;
    const to = here === '/' || wasSignedOut() ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  if (me.data.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <Outlet />;
}

/** Shows the page only when the account holds `permission`; the server enforces it again on every call. */
export function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { data: me } = useMe();
  if (permission && !me?.permissions.includes(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
