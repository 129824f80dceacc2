import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { setAuthHandlers } from '../api/client';
import { currentLocale } from '../i18n';
import { ME_KEY, resetSession } from './auth';
import { queryClient } from './queryClient';
import { router } from './router';
import { theme } from './theme';

setAuthHandlers({
  // The session ended (idle timeout, logout elsewhere): forget everything cached and go to the login page.
  unauthorized: () => {
    const { pathname, search } = window.location;
    // Residents' pages (/m) have their own phone-sized login.
    const login = pathname === '/m' || pathname.startsWith('/m/') ? '/m/login' : '/login';
    if (pathname === login) return;
    resetSession(null);
    void router.navigate(`${login}?redirect=${encodeURIComponent(pathname + search)}`, { replace: true });
  },
  // The server insists on a new password first: reload Me so the guard sends the user to that page.
  passwordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
  },
});

export function App() {
  useTranslation(); // re-render on language change
  const locale = currentLocale();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
