import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './AppLayout';
import { Lazy } from '../components/Loading';
import { RequireAuth, RequirePermission } from './guards';
import { moduleRoutes } from './modules';

const LoginPage = lazy(() => import('../pages/LoginPage'));
const ChangePasswordPage = lazy(() => import('../pages/ChangePasswordPage'));
const HomePage = lazy(() => import('../pages/HomePage'));
const TerritoryPage = lazy(() => import('../../modules/territory/ui'));
const MyAccountPage = lazy(() => import('../pages/MyAccountPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));
/** The residents' mobile pages (antd-mobile), a separate chunk: the console never loads them. */
const MobileApp = lazy(() => import('../mobile/MobileApp'));

/** Console routes. Every page is its own chunk; the shell (layout, guards) loads first. */
export const router = createBrowserRouter([
  {
    path: '/m/*',
    element: (
      <Lazy full>
        <MobileApp />
      </Lazy>
    ),
  },
  {
    path: '/login',
    element: (
      <Lazy full>
        <LoginPage />
      </Lazy>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        path: '/change-password',
        element: (
          <Lazy full>
            <ChangePasswordPage />
          </Lazy>
        ),
      },
      // Full-window module pages (the big screen): signed in, outside the layout.
      ...moduleRoutes
        .filter((r) => r.bare)
        .map(({ path, permission, Component }) => ({
          path,
          element: (
            <RequirePermission permission={permission}>
              <Lazy full>
                <Component />
              </Lazy>
            </RequirePermission>
          ),
        })),
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'territories',
            element: (
              <RequirePermission permission="territory.read">
                <TerritoryPage />
              </RequirePermission>
            ),
          },
          ...moduleRoutes
            .filter((r) => !r.bare)
            .map(({ path, permission, Component }) => ({
              path,
              element: (
                <RequirePermission permission={permission}>
                  <Component />
                </RequirePermission>
              ),
            })),
          { path: 'me', element: <MyAccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
