import { registerFigures } from './figures.js';
import type { GongzhiModule } from './http/types.js';
import { LOCALES, registerMessages } from './i18n/i18n.js';
import { registerPermissions } from './rbac/rbac.js';
import { registerAuditLabels } from './audit/labels.js';

/**
 * Reads a module's manifest into the kernel's registries: its permissions, its messages, its audit labels and its
 * dashboard figures. Idempotent (the same permission objects twice are kept once; messages, labels and figures are
 * merged by key), so every app built in a process may call it.
 */
export function registerModule(mod: GongzhiModule): void {
  if (mod.permissions) registerPermissions(mod.permissions);
  if (mod.auditLabels) registerAuditLabels(mod.auditLabels);
  if (mod.figures) registerFigures(mod.figures);
  for (const locale of LOCALES) {
    const bundle = mod.messages?.[locale];
    if (bundle) registerMessages(locale, bundle);
  }
}
