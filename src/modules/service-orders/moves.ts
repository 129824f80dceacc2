import { pathIds, pathInScope } from '../../kernel/scope/scope.js';
import { mayHandle, ON_BEHALF_ROLES, type Viewer } from './access.js';
import { canMove, type Move, type OrderAction, type OrderKind, type OrderStatus } from './constants.js';

interface Row {
  status: OrderStatus;
  kind: OrderKind;
  scopePath: string;
  reporterAccountId: number | null;
  handlerAccountId: number | null;
  handlerUnitId: number | null;
  handlerMemberId: number | null;
  handlerKind: string | null;
  escalatedToId: number | null;
  escalationLevel: string | null;
}

/**
 * The caller's node is the level an order was escalated to, or above it on the order's own chain: the receiving
 * level of an escalation (it takes the matter by dispatching it, or hands it down).
 */
export function isReceiver(v: Viewer, row: Pick<Row, 'scopePath' | 'escalatedToId'>): boolean {
  if (row.escalatedToId === null) return false;
  const ids = pathIds(row.scopePath);
  const me = ids.indexOf(v.actor.territoryId);
  return me >= 0 && me <= ids.indexOf(row.escalatedToId);
}

/** Who decides for the order now: the receiving level when escalated, else the dispatchers of its subtree. */
export function isDecider(v: Viewer, row: Pick<Row, 'scopePath' | 'escalatedToId'>): boolean {
  if (!v.actor.permissions.has('order.dispatch') || !pathInScope(v.actor, row.scopePath)) return false;
  return row.escalatedToId === null || isReceiver(v, row);
}

/**
 * The moves this viewer may make on this order now: legal for its status (THE transition table) and allowed by
 * their permission and their relation to the order (handler, reporter, claimant). The server checks each move
 * again when it is made; this list only decides which buttons the pages show.
 */
export function movesFor(v: Viewer, row: Row, reporterRoles: readonly string[] | null = null): OrderAction[] {
  const has = (p: string) => v.actor.permissions.has(p);
  const legal = (m: Move) => canMove(m, row.status);
  const out: OrderAction[] = [];
  const dispatcher = has('order.dispatch') && pathInScope(v.actor, row.scopePath);
  const handler = has('order.handle') && mayHandle(v, row);
  if (dispatcher && legal('dispatch')) out.push('dispatch');
  if (dispatcher && legal('open') && row.kind === 'microWish') out.push('open');
  const claimant =
    (v.memberIds.length > 0 && v.actor.roles.includes('partyMember')) ||
    (v.unitIds.length > 0 && v.actor.roles.includes('unitContact'));
  if (has('order.claim') && claimant && legal('claim')) out.push('claim');
  if (handler && legal('accept')) out.push('accept');
  if (handler && legal('start')) out.push('start');
  // A mediation case resolves by recording its outcome on the mediation page (decision 012), not by the plain move.
  if (handler && legal('resolve') && row.kind !== 'mediation') out.push('resolve');
  if (handler && legal('return')) out.push('return');
  if (has('order.rate') && row.reporterAccountId === v.actor.accountId && legal('rateOk')) out.push('rate');
  if (dispatcher && legal('close')) out.push('close');
  // 单位下单: a contact of the unit the order was sent to hands it to one of the unit's people.
  if (
    has('order.handOver') &&
    legal('handOver') &&
    row.handlerKind === 'unit' &&
    row.handlerUnitId !== null &&
    v.unitIds.includes(row.handlerUnitId)
  )
    out.push('handOver');
  const decider = isDecider(v, row);
  if (decider && legal('reassign')) out.push('reassign');
  // Escalation by decision: whoever decides for it now, or its handler; not above the top rung.
  const handles = row.handlerKind !== null && handler;
  if (has('order.escalate') && (decider || handles) && legal('escalate') && row.escalationLevel !== 'district')
    out.push('escalate');
  if (decider && isReceiver(v, row) && legal('handDown')) out.push('handDown');
  // 作废 / 无效 (issue 10 item 7).
  if (decider && legal('cancel')) out.push('cancel');
  // 回访 (issue 10 item 6): the community's staff take the rating when the reporter cannot rate in the app.
  const reporterRates =
    row.reporterAccountId !== null && row.kind !== 'mediation' && (reporterRoles ?? []).includes('resident');
  const staffHere =
    decider || (v.actor.roles.some((r) => ON_BEHALF_ROLES.includes(r)) && pathInScope(v.actor, row.scopePath));
  if (has('order.followUp') && staffHere && legal('followUp') && !reporterRates) out.push('followUp');
  return out;
}
