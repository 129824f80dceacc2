import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { mediationCases, mediationParties, mediationSessions } from './schema.js';

/**
 * Retention of closed mediation cases (issue 18 point 7, decision 035), run by the service orders' retention pass
 * in its transaction for the orders it strips (plugged in from this module's `setup`). What counts stays: the
 * case, its team and mediator, the outcome and every date, the parties' roles and number, the sessions' times,
 * places and number of attendees. What may name or reach a person goes: party names become `当事人<id>`, their
 * contact numbers and notes are cleared, attendees become `#1`, `#2`…, session notes, the agreement's text and the
 * outcome and follow-up notes are cleared.
 */
export async function stripMediation(tx: DbOrTx, orderIds: readonly number[]): Promise<void> {
  const ids = [...orderIds];
  if (!ids.length) return;
  await tx
    .update(mediationParties)
    .set({ name: sql`'当事人' || ${mediationParties.id}`, contactEnc: null, note: null })
    .where(inArray(mediationParties.orderId, ids));
  await tx
    .update(mediationSessions)
    .set({
      notes: '',
      attendees: sql`(select coalesce(jsonb_agg('#' || n order by n), '[]'::jsonb)
                        from jsonb_array_elements(${mediationSessions.attendees}) with ordinality as a(v, n))`,
    })
    .where(inArray(mediationSessions.orderId, ids));
  await tx
    .update(mediationCases)
    .set({ agreementText: null, outcomeNote: null, followUpNote: null })
    .where(inArray(mediationCases.orderId, ids));
}
