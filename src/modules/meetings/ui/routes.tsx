import { CalendarOutlined, CheckSquareOutlined, CommentOutlined, FlagOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of meetings 会议议事, action items 督办事项 and organisational life 三会一课. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'meetings',
    rank: 60,
    labelKey: 'meetings.nav.meetings',
    permission: 'meeting.read',
    icon: <CalendarOutlined />,
    Component: lazy(() => import('./MeetingsPage')),
  },
  {
    path: 'meetings/:id',
    labelKey: 'meetings.nav.meeting',
    permission: 'meeting.read',
    menu: false,
    Component: lazy(() => import('./MeetingPage')),
  },
  {
    path: 'meetings/:id/print',
    labelKey: 'meetings.nav.print',
    permission: 'meeting.read',
    menu: false,
    Component: lazy(() => import('./PrintPage')),
  },
  {
    path: 'meetings/:id/notice',
    labelKey: 'meetings.notice.print',
    permission: 'meeting.read',
    menu: false,
    Component: lazy(() => import('./MeetingNoticePage')),
  },
  {
    path: 'meetings/action-items',
    rank: 61,
    labelKey: 'meetings.nav.actionItems',
    permission: 'meeting.read',
    icon: <CheckSquareOutlined />,
    Component: lazy(() => import('./ActionItemsPage')),
  },
  {
    path: 'org-life',
    rank: 62,
    labelKey: 'meetings.nav.orgLife',
    permission: 'orgLife.read',
    icon: <FlagOutlined />,
    Component: lazy(() => import('./OrgLifePage')),
  },
  {
    path: 'org-life/sessions/:id',
    labelKey: 'meetings.session.nav',
    permission: 'orgLife.read',
    menu: false,
    Component: lazy(() => import('./OrgLifeSessionPage')),
  },
  {
    path: 'consultations',
    rank: 63,
    labelKey: 'meetings.consultation.nav',
    permission: 'meeting.read',
    icon: <CommentOutlined />,
    Component: lazy(() => import('./ConsultationsPage')),
  },
  {
    path: 'consultations/:id',
    labelKey: 'meetings.consultation.navOne',
    permission: 'meeting.read',
    menu: false,
    Component: lazy(() => import('./ConsultationPage')),
  },
  {
    path: 'consultations/:id/notice',
    labelKey: 'meetings.consultation.navNotice',
    permission: 'meeting.read',
    menu: false,
    Component: lazy(() => import('./ConsultationNoticePage')),
  },
];
