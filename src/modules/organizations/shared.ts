import { maskPhone } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import type { TerritoryLevel } from '../../kernel/db/schema.js';
import { AppError, type FieldError } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { placeInScope, type Place } from '../../kernel/scope/scope.js';

export { escapeLike } from '../../kernel/db/search.js';

/** A node of the actor's subtree that must be of one of these levels: 404 outside, 400 on the field otherwise. */
export async function placeOfLevel(
  ctx: Ctx,
  db: DbOrTx,
  id: number,
  levels: readonly TerritoryLevel[],
  field: string,
): Promise<Place> {
  const place = await placeInScope(db, ctx.actor, id);
  if (!levels.includes(place.level)) throw invalid(field, levelsMessage(ctx, levels));
  return place;
}

/** The translated "the place must be: …" message for a list of levels. */
export function levelsMessage(ctx: Ctx, levels: readonly TerritoryLevel[]): string {
  const sep = ctx.locale === 'zh-CN' ? '、' : ', ';
  return t(ctx.locale, 'org.placeLevelOnly', { levels: levels.map((l) => t(ctx.locale, `level.${l}`)).join(sep) });
}

/** A 400 with one field message. */
export function invalid(field: string, message: string): AppError {
  return new AppError('validation', undefined, {}, [{ field, message }]);
}

/** A 400 with several field messages. */
export function invalidFields(fields: FieldError[]): AppError {
  return new AppError('validation', undefined, {}, fields);
}

/** Contact phones of units and partners: whole for holders of unit.revealContact, masked for everyone else. */
export function contactPhone(ctx: Ctx, phone: string | null): string | null {
  if (phone === null) return null;
  return ctx.actor.permissions.has('unit.revealContact') ? phone : maskPhone(phone);
}
