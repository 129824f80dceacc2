import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of 考评督导: standardisation, public rating, unit ratings, workload list, service centres. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'assessment/standardisation',
    rank: 70,
    labelKey: 'assessment.nav.main',
    permission: 'assessment.read',
    icon: <AuditOutlined />,
    Component: lazy(() => import('./StandardisationPage')),
  },
  {
    path: 'assessment/assessments/:id',
    labelKey: 'assessment.nav.assessment',
    permission: 'assessment.read',
    menu: false,
    Component: lazy(() => import('./AssessmentPage')),
  },
  {
    path: 'assessment/rating',
    labelKey: 'assessment.tab.rating',
    permission: 'assessment.read',
    menu: false,
    Component: lazy(() => import('./RatingPage')),
  },
  {
    path: 'assessment/unit-ratings',
    rank: 71,
    labelKey: 'assessment.tab.unit-ratings',
    permission: 'assessment.reply',
    icon: <AuditOutlined />,
    Component: lazy(() => import('./UnitRatingsPage')),
  },
  {
    path: 'assessment/workload',
    labelKey: 'assessment.tab.workload',
    permission: 'assessment.read',
    menu: false,
    Component: lazy(() => import('./WorkloadPage')),
  },
  {
    path: 'assessment/tasks',
    labelKey: 'assessment.tab.tasks',
    permission: 'assessment.read',
    menu: false,
    Component: lazy(() => import('./TasksPage')),
  },
  {
    path: 'assessment/centres',
    labelKey: 'assessment.tab.centres',
    permission: 'assessment.read',
    menu: false,
    Component: lazy(() => import('./CentresPage')),
  },
  {
    path: 'assessment/settings',
    labelKey: 'assessment.tab.settings',
    permission: 'assessment.read',
    menu: false,
    Component: lazy(() => import('./SettingsPage')),
  },
];
