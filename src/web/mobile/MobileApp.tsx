import { ConfigProvider, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../app/auth';
import { currentLocale, i18n } from '../i18n';
import enTexts from './locales/en-US.json';
import zhTexts from './locales/zh-CN.json';
import type { MobileRoute } from './mobile-routes';
import './mobile.css';
import { Spinner } from './Spinner';

i18n.addResourceBundle('zh-CN', 'translation', zhTexts, true, false);
i18n.addResourceBundle('en-US', 'translation', enTexts, true, false);

/** The shell's own pages: sign in, home and me; every other resident page comes from a module. */
const shellRoutes: MobileRoute[] = [
  { path: 'login', Component: lazy(() => import('./pages/LoginPage')), signIn: false },
  {
    path: '',
    Component: lazy(() => import('./pages/HomePage')),
    tabBar: true,
    rank: 0,
    tab: { titleKey: 'mobile.tab.home', icon: 'M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1z' },
  },
  {
    path: 'me',
    Component: lazy(() => import('./pages/MePage')),
    tabBar: true,
    rank: 1000,
    tab: { titleKey: 'mobile.tab.me', icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0' },
  },
];

/** Resident pages contributed by modules (`src/modules/<name>/ui/mobile.routes.tsx` → `mobileRoutes`). */
const found = import.meta.glob<{ mobileRoutes?: MobileRoute[] }>('../../modules/*/ui/mobile.routes.tsx', {
  eager: true,
});
const routes: MobileRoute[] = [
  ...shellRoutes,
  ...Object.keys(found)
    .sort()
    .flatMap((file) => found[file]?.mobileRoutes ?? []),
].sort((a, b) => (a.rank ?? 100) - (b.rank ?? 100));
const tabRoutes = routes.filter((r) => r.tabBar && r.tab);

/** Pages for signed-in residents; others go to /m/login. */
function RequireSignIn({ children }: { children: ReactNode }) {
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <Spinner />;
  if (!me) return <Navigate to={`/m/login?redirect=${encodeURIComponent(location.pathname)}`} replace />;
  return <>{children}</>;
}

const tabKey = (r: MobileRoute) => (r.path ? `/m/${r.path}` : '/m');

function Tabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const shown = tabRoutes.filter(
    (r) => !r.tab?.anyPermission || !!me?.permissions.some((p) => r.tab?.anyPermission?.includes(p)),
  );
  const active = shown.find((r) => r.path && pathname.startsWith(tabKey(r)));
  const icon = (d: string) => (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
      <path d={d} />
    </svg>
  );
  return (
    <div className="gzm-tabbar">
      <TabBar activeKey={active ? tabKey(active) : '/m'} onChange={(k) => navigate(k)}>
        {shown.map((r) => (
          <TabBar.Item
            key={tabKey(r)}
            title={
              r.tab?.testId ? <span data-testid={r.tab.testId}>{t(r.tab.titleKey)}</span> : t(r.tab?.titleKey ?? '')
            }
            icon={icon(r.tab?.icon ?? '')}
          />
        ))}
      </TabBar>
    </div>
  );
}

function page(r: MobileRoute): ReactNode {
  const body = r.tabBar ? (
    <>
      <div className="gzm-body">
        <r.Component />
      </div>
      <Tabs />
    </>
  ) : (
    <r.Component />
  );
  return r.signIn === false ? body : <RequireSignIn>{body}</RequireSignIn>;
}

/** The resident mobile pages at /m/* (antd-mobile, zh-CN first, phone-sized, large type). */
export default function MobileApp() {
  useTranslation(); // re-render on language change
  return (
    <ConfigProvider locale={currentLocale() === 'zh-CN' ? zhCN : enUS}>
      <div className="gzm" data-testid="mobile-app">
        <Suspense fallback={<Spinner />}>
          <Routes>
            {routes.map((r) =>
              r.path ? (
                <Route key={r.path} path={r.path} element={page(r)} />
              ) : (
                <Route key="index" index element={page(r)} />
              ),
            )}
            <Route path="*" element={<Navigate to="/m" replace />} />
          </Routes>
        </Suspense>
      </div>
    </ConfigProvider>
  );
}
