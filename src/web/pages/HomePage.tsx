import {
  ApartmentOutlined,
  AuditOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { WorkCard } from '../../modules/dashboard/ui';
import { api } from '../api/client';
import type { Permission, TerritoryDetail } from '../api/types';
import { useMe, useRoleLabel } from '../app/auth';
import { MENU_GROUPS, moduleRoutes, routeKey } from '../app/modules';
import { LevelTag } from '../components/LevelTag';
import { PageTitle } from '../components/PageTitle';
import { formatNumber } from '../components/format';

interface Shortcut {
  key: string;
  to: string;
  icon: ReactNode;
  permission?: Permission;
}

const SHORTCUTS: Shortcut[] = [
  { key: 'territories', to: '/territories', icon: <ApartmentOutlined />, permission: 'territory.read' },
  { key: 'accounts', to: '/accounts', icon: <TeamOutlined />, permission: 'account.read' },
  { key: 'audit', to: '/audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'me', to: '/me', icon: <SafetyCertificateOutlined /> },
];

/** Welcome: who you are, which node of the tree you answer for, and where you can go from here. */
export default function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const roleLabel = useRoleLabel();
  const canReadTerritory = !!me?.permissions.includes('territory.read');
  const node = useQuery({
    queryKey: ['territories', 'detail', me?.territory.id],
    queryFn: () => api.get<TerritoryDetail>(`/api/territories/${me?.territory.id ?? ''}`),
    enabled: !!me && canReadTerritory,
  });
  if (!me) return null;
  const shortcuts = SHORTCUTS.filter((s) => !s.permission || me.permissions.includes(s.permission));
  const modulePages = moduleRoutes.filter(
    (r) => r.menu !== false && (!r.permission || me.permissions.includes(r.permission)),
  );
  const groups = [...MENU_GROUPS, undefined]
    .map((g) => ({ group: g, pages: modulePages.filter((r) => r.group === g) }))
    .filter((g) => g.pages.length > 0);

  return (
    <>
      <PageTitle title={t('home.title')} />
      <Card data-testid="welcome-card" style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('home.scope', { name: me.territory.name, level: t(`territory.level.${me.territory.level}`) })}
        </Typography.Paragraph>
        <Descriptions column={{ xs: 1, md: 2 }} size="middle" style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('account.territory')}>
            <Space size={4} wrap>
              <LevelTag level={me.territory.level} />
              <span data-testid="home-territory">{me.territory.name}</span>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('account.roles')}>
            <Space size={[4, 4]} wrap>
              {me.roles.length ? me.roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) : '—'}
            </Space>
          </Descriptions.Item>
          {canReadTerritory && (
            <Descriptions.Item label={t('home.position')}>
              {node.isPending ? (
                <Skeleton.Input size="small" active />
              ) : node.data ? (
                <Breadcrumb items={[...node.data.ancestors, node.data].map((a) => ({ key: a.id, title: a.name }))} />
              ) : (
                '—'
              )}
            </Descriptions.Item>
          )}
          {canReadTerritory && node.data && (
            <Descriptions.Item label={t('territory.childCount')}>
              {t('home.children', { count: node.data.childCount, formatted: formatNumber(node.data.childCount) })}
              {node.data.divisionCode && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                  {t('home.divisionCode', { code: node.data.divisionCode })}
                </Typography.Text>
              )}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('me.totpTitle')}>
            {me.totpEnabled ? <Tag color="success">{t('me.totpOn')}</Tag> : <Tag>{t('me.totpOff')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.permissions')}>
            {t('home.permissionCount', { count: me.permissions.length })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <WorkCard />
      <Typography.Title level={5}>{t('home.shortcuts')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {shortcuts.map((s) => (
          <Col key={s.key} xs={24} md={12} xl={8} xxl={6}>
            <Link to={s.to} data-testid={`shortcut-${s.key}`}>
              <Card hoverable size="small" styles={{ body: { padding: 16 } }}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 14 }}>
                  <span
                    style={{
                      fontSize: 22,
                      color: '#c8161d',
                      background: '#fff1f0',
                      width: 44,
                      height: 44,
                      borderRadius: 10,
                      display: 'inline-flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      flex: 'none',
                    }}
                  >
                    {s.icon}
                  </span>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text strong>{t(`nav.${s.key}`)}</Typography.Text>
                    <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                      {t(`home.shortcut.${s.key}`)}
                    </Typography.Paragraph>
                  </div>
                  <RightOutlined style={{ color: '#bfbfbf' }} />
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {groups.length > 0 && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="home-modules">
          {groups.map(({ group, pages }) => (
            <Col key={group ?? 'other'} xs={24} md={12} xl={8}>
              <Card
                size="small"
                title={group ? t(`nav.group.${group}`) : t('home.otherPages')}
                style={{ height: '100%' }}
              >
                <Space size={[8, 8]} wrap>
                  {pages.map((r) => (
                    <Link key={r.path} to={`/${r.path}`} data-testid={`shortcut-${routeKey(r.path)}`}>
                      <Button icon={r.icon}>{t(r.labelKey)}</Button>
                    </Link>
                  ))}
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
