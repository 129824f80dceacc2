import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  HomeOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of the organizations module (menu group 组织架构). */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'party-orgs',
    labelKey: 'organizations.nav.partyOrgs',
    permission: 'partyOrg.read',
    group: 'structure',
    icon: <ApartmentOutlined />,
    Component: lazy(() => import('./PartyOrgsPage')),
  },
  {
    path: 'org-flags',
    labelKey: 'organizations.nav.flags',
    permission: 'flag.read',
    group: 'structure',
    icon: <WarningOutlined />,
    Component: lazy(() => import('./FlagsPage')),
  },
  {
    path: 'compounds',
    labelKey: 'organizations.nav.compounds',
    permission: 'partyOrg.read',
    group: 'structure',
    icon: <HomeOutlined />,
    Component: lazy(() => import('./CompoundPage')),
  },
  {
    path: 'units',
    labelKey: 'organizations.nav.units',
    permission: 'unit.read',
    group: 'structure',
    icon: <BankOutlined />,
    Component: lazy(() => import('./UnitsPage')),
  },
  {
    path: 'leadership',
    labelKey: 'organizations.nav.leadership',
    permission: 'leadership.read',
    group: 'structure',
    icon: <TeamOutlined />,
    Component: lazy(() => import('./LeadershipPage')),
  },
  {
    path: 'elections',
    labelKey: 'organizations.nav.elections',
    permission: 'leadership.read',
    group: 'structure',
    icon: <AuditOutlined />,
    Component: lazy(() => import('./ElectionsPage')),
  },
];
