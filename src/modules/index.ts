import type { GongzhiModule } from '../kernel/http/types.js';
import { accountsModule } from './accounts/module.js';
import { auditLogModule } from './audit-log/module.js';
import { gridsModule } from './grids/module.js';
import { mediationModule } from './mediation/module.js';
import { meetingsModule } from './meetings/module.js';
import { organizationsModule } from './organizations/module.js';
import { partyMembersModule } from './party-members/module.js';
import { peopleModule } from './people/module.js';
import { signupModule } from './signup/module.js';
import { serviceOrdersModule } from './service-orders/module.js';
import { coBuildingModule } from './co-building/module.js';
import { emergencyModule } from './emergency/module.js';
import { notificationsModule } from './notifications/module.js';
import { territoryModule } from './territory/module.js';
import { open311Module } from './open311/module.js';
import { assessmentModule } from './assessment/module.js';
import { dashboardModule } from './dashboard/module.js';
import { visitsModule } from './visits/module.js';
import { cadresModule } from './cadres/module.js';
import { volunteeringModule } from './volunteering/module.js';

/** Every module of the app, in the order their routes register. */
export const MODULES: readonly GongzhiModule[] = [
  territoryModule,
  accountsModule,
  auditLogModule,
  organizationsModule,
  peopleModule,
  partyMembersModule,
  gridsModule,
  signupModule,
  // Before the service loop: its demo orders earn points by the districts' rules volunteering's demo sets.
  volunteeringModule,
  serviceOrdersModule,
  // After the service loop: its demo visits mark a share of the demo reports as found on a visit (排摸发现).
  visitsModule,
  // After the service loop and visits: a cadre's finding may become an order (排摸发现).
  cadresModule,
  coBuildingModule,
  mediationModule,
  notificationsModule,
  meetingsModule,
  open311Module,
  assessmentModule,
  dashboardModule,
  emergencyModule,
];
