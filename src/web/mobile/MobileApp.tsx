import { ConfigProvider, DotLoading, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../app/auth';
import { currentLocale, i18n } from '../i18n';
import enTexts from './locales/en-US.json';
import zhTexts from './locales/zh-CN.json';
import './mobile.css';

i18n.addResourceBundle('zh-CN', 'translation', zhTexts, true, false);
i18n.addResourceBundle('en-US', 'translation', enTexts, true, false);

const LoginPage = lazy(() => import('./pages/LoginPage'));
const SignupPage = lazy(() => import('./pages/SignupPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const MePage = lazy(() => import('./pages/MePage'));
const ChooseHouseholdPage = lazy(() => import('./pages/ChooseHouseholdPage'));
const NewOrderPage = lazy(() => import('./pages/NewOrderPage'));
const OrderPage = lazy(() => import('./pages/OrderPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const TasksPage = lazy(() => import('./pages/TasksPage'));

export const Spinner = () => (
  <div className="gzm-center">
    <DotLoading color="primary" />
  </div>
);

/** Pages for signed-in residents; others go to /m/login. */
function RequireSignIn({ children }: { children: ReactNode }) {
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <Spinner />;
  if (!me) return <Navigate to={`/m/login?redirect=${encodeURIComponent(location.pathname)}`} replace />;
  return <>{children}</>;
}

function Tabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  // Handlers (party members, unit contacts, grid workers, staff) get a tasks tab 任务.
  const handler = !!me?.permissions.some((p) => p === 'order.handle' || p === 'order.claim');
  const active = pathname.startsWith('/m/me') ? '/m/me' : pathname.startsWith('/m/tasks') ? '/m/tasks' : '/m';
  const icon = (d: string) => (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d={d} />
    </svg>
  );
  return (
    <div className="gzm-tabbar">
      <TabBar activeKey={active} onChange={(k) => navigate(k)}>
        <TabBar.Item
          key="/m"
          title={t('mobile.tab.home')}
          icon={icon('M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z')}
        />
        {handler && (
          <TabBar.Item
            key="/m/tasks"
            title={<span data-testid="m-tab-tasks">{t('mobile.tasks.tab')}</span>}
            icon={icon('M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9')}
          />
        )}
        <TabBar.Item
          key="/m/me"
          title={t('mobile.tab.me')}
          icon={icon('M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0')}
        />
      </TabBar>
    </div>
  );
}

const withTabs = (page: ReactNode) => (
  <RequireSignIn>
    <div className="gzm-body">{page}</div>
    <Tabs />
  </RequireSignIn>
);

/** The resident mobile pages at /m/* (antd-mobile, zh-CN first, phone-sized, large type). */
export default function MobileApp() {
  useTranslation(); // re-render on language change
  return (
    <ConfigProvider locale={currentLocale() === 'zh-CN' ? zhCN : enUS}>
      <div className="gzm" data-testid="mobile-app">
        <Suspense fallback={<Spinner />}>
          <Routes>
            <Route path="login" element={<LoginPage />} />
            <Route path="signup" element={<SignupPage />} />
            <Route index element={withTabs(<HomePage />)} />
            <Route path="me" element={withTabs(<MePage />)} />
            <Route path="tasks" element={withTabs(<TasksPage />)} />
            <Route
              path="household"
              element={
                <RequireSignIn>
                  <ChooseHouseholdPage />
                </RequireSignIn>
              }
            />
            <Route
              path="orders/new/:kind"
              element={
                <RequireSignIn>
                  <NewOrderPage />
                </RequireSignIn>
              }
            />
            <Route
              path="orders/:id"
              element={
                <RequireSignIn>
                  <OrderPage />
                </RequireSignIn>
              }
            />
            <Route
              path="notifications"
              element={
                <RequireSignIn>
                  <NotificationsPage />
                </RequireSignIn>
              }
            />
            <Route path="*" element={<Navigate to="/m" replace />} />
          </Routes>
        </Suspense>
      </div>
    </ConfigProvider>
  );
}
