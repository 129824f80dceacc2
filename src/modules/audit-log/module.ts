import { pageOf } from '../../kernel/http/pagination.js';
import type { GongzhiModule } from '../../kernel/http/types.js';
import { auditLabelCatalogue } from '../../kernel/audit/labels.js';
import { AuditEntry, AuditLabelCatalogue, AuditQuery } from './contract.js';
import { searchAudit } from './audit-log.service.js';
import { permissions } from './permissions.js';
import { partitionPass } from '../../kernel/audit/retention.js';

/** The audit admin's view of the kernel's audit log (等保: the audit admin reads, nobody edits). */
export const auditLogModule: GongzhiModule = {
  name: 'audit-log',
  permissions,
  // Monthly partitions created ahead, and audit months past AUDIT_RETENTION_DAYS dropped (decision 051).
  schedulers: [
    {
      name: 'partitions',
      seconds: (c) => c.RETENTION_PASS_SECONDS,
      pass: ({ db, clock, config }) => partitionPass(db, clock, config.AUDIT_RETENTION_DAYS),
    },
  ],
  routes(app) {
    app.get(
      '/api/audit',
      {
        config: { access: { permission: 'audit.read' } },
        schema: {
          tags: ['audit'],
          summary: 'Search the audit log of your subtree',
          querystring: AuditQuery,
          response: { 200: pageOf(AuditEntry) },
        },
      },
      async (req) => searchAudit(req.ctx(), req.query),
    );
    app.get(
      '/api/audit/labels',
      {
        config: { access: { permission: 'audit.read' } },
        schema: {
          tags: ['audit'],
          summary: 'Every action and object type the log names, in your language (for filters)',
          response: { 200: AuditLabelCatalogue },
        },
      },
      async (req) => auditLabelCatalogue(req.locale),
    );
  },
};
