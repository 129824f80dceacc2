import type { GongzhiModule } from '../../kernel/http/types.js';
import { AUDIT_LABELS } from './audit-labels.js';
import { cadreRoutes } from './cadres.routes.js';
import { seedCadres } from './cadres.seed.js';
import { CADRE_FIGURES } from './dashboard.figures.js';
import { enUS, zhCN } from './messages.js';
import { permissions } from './permissions.js';

/** Cadres and community workers (issue 15 item 4, decision 054): 三岗十八级, 包联/下沉, 后备人才. */
export const cadresModule: GongzhiModule = {
  name: 'cadres',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: cadreRoutes,
  figures: CADRE_FIGURES,
  seedDemo: seedCadres,
};
