import {
  ApartmentOutlined,
  BorderInnerOutlined,
  ClusterOutlined,
  IdcardOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Divider, Layout, Menu, Space, Tooltip, type MenuProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Permission } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Lazy } from '../components/Loading';
import { NotificationBell } from '../../modules/notifications/ui';
import { markSignedOut, resetSession, useMe, useRoleLabel } from './auth';
import { MENU_GROUPS, moduleRoutes, routeKey, type MenuGroup } from './modules';

const { Header, Sider, Content } = Layout;

interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
  permission?: Permission;
}

const NAV_BEFORE: NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, label: 'nav.home' },
  {
    key: 'territories',
    path: '/territories',
    icon: <ApartmentOutlined />,
    label: 'nav.territories',
    permission: 'territory.read',
  },
];
const NAV_AFTER: NavItem[] = [{ key: 'me', path: '/me', icon: <SafetyCertificateOutlined />, label: 'nav.me' }];
const GROUP_ICONS: Record<MenuGroup, ReactNode> = {
  structure: <ClusterOutlined />,
  grids: <BorderInnerOutlined />,
  people: <IdcardOutlined />,
  orders: <SolutionOutlined />,
};
const GROUPS = MENU_GROUPS.map((key) => ({ key, icon: GROUP_ICONS[key] }));
const MODULE_NAV = moduleRoutes
  .filter((r) => r.menu !== false)
  .map((r) => ({
    key: routeKey(r.path),
    path: `/${r.path}`,
    icon: r.icon,
    label: r.labelKey,
    permission: r.permission,
    group: r.group,
  }));

/** The menu entry for a location: the longest path that is the location or a parent of it. */
function selectedEntry(pathname: string) {
  const all = [...NAV_BEFORE, ...NAV_AFTER, ...MODULE_NAV];
  let best: (typeof all)[number] | undefined;
  for (const e of all) {
    const hit = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (hit && (!best || e.path.length > best.path.length)) best = e;
  }
  return best;
}

/** The console frame: red header with who is signed in, a menu that follows the account's permissions. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const roleLabel = useRoleLabel();
  const [collapsed, setCollapsed] = useState(false);

  const logout = useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    // Whatever the answer (a session that already expired answers 401), the console forgets the user;
    // the guard then shows the login page.
    onSettled: () => {
      markSignedOut();
      resetSession(null);
    },
  });

  const current = selectedEntry(location.pathname);
  const currentGroup = current && 'group' in current ? current.group : undefined;
  const [openKeys, setOpenKeys] = useState<string[]>([]);
  useEffect(() => {
    if (currentGroup)
      setOpenKeys((keys) => (keys.includes(`group-${currentGroup}`) ? keys : [...keys, `group-${currentGroup}`]));
  }, [currentGroup]);

  if (!me) return null;
  const allowed = (permission: string | undefined) => !permission || me.permissions.includes(permission);
  const entry = (n: { key: string; path: string; icon?: ReactNode; label: string }) => ({
    key: n.key,
    icon: n.icon,
    label: (
      <Link to={n.path} data-testid={`menu-${n.key}`}>
        {t(n.label)}
      </Link>
    ),
  });
  const visibleModules = MODULE_NAV.filter((n) => allowed(n.permission));
  const items: MenuProps['items'] = [
    ...NAV_BEFORE.filter((n) => allowed(n.permission)).map(entry),
    ...GROUPS.flatMap((g) => {
      const children = visibleModules.filter((n) => n.group === g.key).map(entry);
      return children.length
        ? [
            {
              key: `group-${g.key}`,
              icon: g.icon,
              label: <span data-testid={`menu-group-${g.key}`}>{t(`nav.group.${g.key}`)}</span>,
              children,
            },
          ]
        : [];
    }),
    ...visibleModules.filter((n) => !n.group).map(entry),
    ...NAV_AFTER.filter((n) => allowed(n.permission)).map(entry),
  ];
  const selected = current?.key ?? '';
  const roles = me.roles.map(roleLabel).join(t('common.listSeparator'));
  const white = 'rgba(255,255,255,0.92)';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: 'linear-gradient(90deg, #a3080f 0%, #c8161d 55%, #d4343a 100%)',
          position: 'sticky',
          top: 0,
          zIndex: 10,
          boxShadow: '0 1px 4px rgba(0,0,0,0.15)',
        }}
      >
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color: '#fff', minWidth: 0 }}>
          <span
            aria-hidden
            style={{
              width: 32,
              height: 32,
              borderRadius: 8,
              background: '#fff',
              color: '#c8161d',
              fontWeight: 700,
              fontSize: 18,
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              flex: 'none',
            }}
          >
            {t('app.logoChar')}
          </span>
          <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1, whiteSpace: 'nowrap' }}>{t('app.name')}</span>
          <span
            className="gz-hide-narrow"
            style={{ fontSize: 14, opacity: 0.85, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            {t('app.tagline')}
          </span>
        </Link>
        <div style={{ flex: 1 }} />
        <Space
          size={4}
          separator={<Divider orientation="vertical" style={{ borderColor: 'rgba(255,255,255,0.35)' }} />}
        >
          <Tooltip title={t('header.boundNode')}>
            <span data-testid="header-territory" style={{ color: white, whiteSpace: 'nowrap' }}>
              <EnvironmentOutlined /> {me.territory.name}
            </span>
          </Tooltip>
          <span data-testid="header-user" style={{ color: white, whiteSpace: 'nowrap' }}>
            <UserOutlined /> <strong style={{ color: '#fff', fontWeight: 600 }}>{me.displayName}</strong>
            {roles && (
              <span data-testid="header-roles" style={{ marginInlineStart: 8, opacity: 0.85, fontSize: 13 }}>
                {roles}
              </span>
            )}
          </span>
          <NotificationBell color={white} />
          <LanguageSwitch dark />
          <Button
            type="text"
            icon={<LogoutOutlined />}
            data-testid="logout"
            loading={logout.isPending}
            onClick={() => logout.mutate()}
            style={{ color: white }}
          >
            {t('header.logout')}
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          theme="light"
          style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 56, height: 'calc(100vh - 56px)' }}
        >
          <div style={{ height: '100%', overflowY: 'auto', overflowX: 'hidden', paddingBottom: 56 }}>
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              openKeys={collapsed ? undefined : openKeys}
              onOpenChange={setOpenKeys}
              items={items}
              data-testid="side-menu"
              style={{ borderInlineEnd: 0, paddingTop: 8 }}
            />
          </div>
        </Sider>
        <Content style={{ padding: 20, minWidth: 0 }}>
          {me.totpRequired && !me.totpEnabled && location.pathname !== '/me' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('me.totpRequiredBanner')}
              action={
                <Button size="small" type="primary" onClick={() => void navigate('/me')}>
                  {t('me.totpEnableNow')}
                </Button>
              }
            />
          )}
          <Lazy>
            <Outlet />
          </Lazy>
        </Content>
      </Layout>
    </Layout>
  );
}
