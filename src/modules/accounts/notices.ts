import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { notify, type NotifyEvent } from '../notifications/index.js';

/** Tells an account's owner what was done to their account (issue 18 point 1), inside the caller's transaction. */
export async function tellOwner(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'actor' | 'clock'>,
  accountId: number,
  kind: 'account.rolesChanged' | 'account.grantRequested' | 'account.passwordReset',
  params: NotifyEvent['params'],
): Promise<void> {
  await notify(tx, ctx, [{ kind, accountIds: [accountId], params, link: '/me' }]);
}
