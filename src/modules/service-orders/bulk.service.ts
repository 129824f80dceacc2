import type { Ctx } from '../../kernel/context.js';
import { AppError } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import type { BulkBody, BulkReply } from './contract.js';
import { closeOrder, dispatchOrder } from './service-orders.service.js';

/**
 * Bulk actions of the staff console: dispatch or close many orders at once. Each id goes through the same
 * single-order move (its own transaction, timeline entry and audit record), so one bad order does not undo the
 * others; an id the caller cannot see is reported as not found, like a single call would answer.
 */
export async function bulkOrders(ctx: Ctx, body: BulkBody): Promise<BulkReply> {
  const ids = [...new Set(body.ids)];
  const results: BulkReply['results'] = [];
  for (const id of ids) {
    try {
      const after =
        body.action === 'dispatch'
          ? await dispatchOrder(ctx, id, { ...body.target!, note: body.target?.note ?? body.note ?? null })
          : await closeOrder(ctx, id, body.note ?? null);
      results.push({ id, ok: true, status: after.status });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const message = e.fields[0]?.message ?? t(ctx.locale, e.reason ?? `error.${e.code}`, e.params);
      results.push({ id, ok: false, error: { code: e.code, message } });
    }
  }
  const total = results.filter((r) => r.ok).length;
  return { results, total, failed: results.length - total };
}
