import { AuditOutlined, FlagOutlined, SolutionOutlined, StarOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of the party-members module (menu group 人员). */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'party-members',
    labelKey: 'partyMembers.nav.list',
    permission: 'partyMember.read',
    group: 'people',
    icon: <FlagOutlined />,
    Component: lazy(() => import('./MembersPage')),
  },
  {
    path: 'party-members/registrations',
    labelKey: 'partyMembers.nav.registrations',
    permission: 'partyMember.read',
    group: 'people',
    icon: <AuditOutlined />,
    Component: lazy(() => import('./RegistrationsPage')),
  },
  {
    path: 'party-members/evaluations',
    labelKey: 'partyMembers.nav.evaluations',
    permission: 'partyMember.read',
    group: 'people',
    icon: <StarOutlined />,
    Component: lazy(() => import('./EvaluationsPage')),
  },
  {
    path: 'party-members/my-registration',
    labelKey: 'partyMembers.nav.mine',
    permission: 'partyMember.self',
    group: 'people',
    icon: <SolutionOutlined />,
    Component: lazy(() => import('./MyRegistrationPage')),
  },
  {
    path: 'party-members/:id',
    labelKey: 'partyMembers.nav.detail',
    permission: 'partyMember.read',
    group: 'people',
    menu: false,
    Component: lazy(() => import('./MemberDetailPage')),
  },
];
