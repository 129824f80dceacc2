import { and, desc, eq, inArray, isNotNull, max } from 'drizzle-orm';
import { z } from 'zod';
import { systemClock, type Clock } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { notFound } from '../../kernel/http/errors.js';
import { inScope } from '../../kernel/scope/scope.js';
import { units } from '../organizations/index.js';
import { serviceOrders, type OrderStatus } from '../service-orders/index.js';
import { NaiveBayesModel, predict, tokenize, trainNaiveBayes } from './classifier.js';
import type { DispatchSuggestion } from './contract.js';
import { dispatchModels } from './schema.js';

/** What `npm run dispatch:train` stores: a category model, a handler model and the handlers' names. */
export const StoredModel = z.object({
  category: NaiveBayesModel,
  handler: NaiveBayesModel.nullable(),
  handlerNames: z.record(z.string(), z.string()),
  /** The communities each handler has resolved orders of: a suggestion names only handlers of the order's own. */
  handlerCommunities: z.record(z.string(), z.array(z.number())).default({}),
});
export type StoredModel = z.infer<typeof StoredModel>;

/** Orders that teach: resolved, rated or closed (someone did the work, so the category and handler were right). */
const LEARNED_FROM: OrderStatus[] = ['resolved', 'rated', 'closed'];
export const MIN_SAMPLES = 10;

/** The text an order is classified by: its title and description. */
export const orderText = (title: string, description: string | null) => `${title}\n${description ?? ''}`;

/** The labelled texts of problem reports in the database (for `npm run dispatch:eval -- --db`). */
export async function labelledReports(db: DbOrTx): Promise<{ text: string; label: string }[]> {
  const rows = await db
    .select({ title: serviceOrders.title, description: serviceOrders.description, category: serviceOrders.category })
    .from(serviceOrders)
    .where(eq(serviceOrders.kind, 'problem'));
  return rows.map((r) => ({ text: orderText(r.title, r.description), label: r.category }));
}

/**
 * Trains the learned dispatch from the deployment's own resolved orders and stores it as the newest model row
 * (servers pick it up on their next suggestion, without a restart). Null when there are too few orders.
 */
export async function trainDispatchModel(
  db: DbOrTx,
  clock: Clock = systemClock,
): Promise<{ id: number; samples: number } | null> {
  const o = serviceOrders;
  const rows = await db
    .select({
      title: o.title,
      description: o.description,
      category: o.category,
      handlerKind: o.handlerKind,
      unitId: o.handlerUnitId,
      unitName: units.name,
      department: o.handlerDepartment,
      communityId: o.communityId,
    })
    .from(o)
    .leftJoin(units, eq(units.id, o.handlerUnitId))
    .where(inArray(o.status, LEARNED_FROM));
  if (rows.length < MIN_SAMPLES) return null;
  const tokens = rows.map((r) => tokenize(orderText(r.title, r.description)));
  const category = trainNaiveBayes(rows.map((r, i) => ({ tokens: tokens[i]!, label: r.category })));
  const handlerNames: Record<string, string> = {};
  const handlerCommunities: Record<string, number[]> = {};
  const handled = rows.flatMap((r, i) => {
    const label =
      r.handlerKind === 'unit' && r.unitId
        ? `unit:${r.unitId}`
        : r.handlerKind === 'department' && r.department
          ? `department:${r.department}`
          : null;
    if (!label) return [];
    handlerNames[label] = r.unitName ?? r.department ?? label;
    const seen = (handlerCommunities[label] ??= []);
    if (!seen.includes(r.communityId)) seen.push(r.communityId);
    return [{ tokens: tokens[i]!, label }];
  });
  const handler = handled.length >= MIN_SAMPLES ? trainNaiveBayes(handled) : null;
  const model: StoredModel = { category, handler, handlerNames, handlerCommunities };
  const [row] = await db
    .insert(dispatchModels)
    .values({ samples: rows.length, model, trainedAt: clock.now() })
    .returning({ id: dispatchModels.id });
  // Older models are of no use once a newer one is stored: keep the last three for comparison.
  const old = await db
    .select({ id: dispatchModels.id })
    .from(dispatchModels)
    .orderBy(desc(dispatchModels.id))
    .offset(3);
  if (old.length)
    await db.delete(dispatchModels).where(
      inArray(
        dispatchModels.id,
        old.map((x) => x.id),
      ),
    );
  return { id: row!.id, samples: rows.length };
}

interface Loaded {
  id: number;
  trainedAt: Date;
  samples: number;
  model: StoredModel;
}
/** The model in use by this process, keyed by database (tests run several apps in one process). */
const cache = new WeakMap<object, Loaded>();

/** The newest model: its id is read on every call (one indexed max), the JSON only when it changed. */
export async function currentModel(db: DbOrTx): Promise<Loaded | null> {
  const [{ id } = { id: null }] = await db.select({ id: max(dispatchModels.id) }).from(dispatchModels);
  if (id === null) return null;
  const held = cache.get(db);
  if (held?.id === id) return held;
  const [row] = await db.select().from(dispatchModels).where(eq(dispatchModels.id, id));
  if (!row) return null;
  const loaded = { id: row.id, trainedAt: row.trainedAt, samples: row.samples, model: StoredModel.parse(row.model) };
  cache.set(db, loaded);
  return loaded;
}

const TOP = 3;

function handlersFor(model: StoredModel, tokens: string[], communityId?: number) {
  if (!model.handler) return [];
  let ranked = predict(model.handler, tokens);
  if (communityId !== undefined)
    ranked = ranked.filter((x) => model.handlerCommunities[x.label]?.includes(communityId) ?? false);
  const sum = ranked.reduce((a, x) => a + x.p, 0);
  return sum > 0 ? ranked.slice(0, TOP).map((x) => ({ label: x.label, p: x.p / sum })) : [];
}

/**
 * Suggests a category and a handler for text, with their confidence (never applied by itself). With a community,
 * only handlers that have resolved orders there are named (their probabilities renormalised among them).
 */
export async function suggestFor(db: DbOrTx, text: string, communityId?: number): Promise<DispatchSuggestion> {
  const m = await currentModel(db);
  if (!m) return { available: false, modelId: null, trainedAt: null, samples: 0, categories: [], handlers: [] };
  const tokens = tokenize(text);
  const round = (p: number) => Math.round(p * 1000) / 1000;
  return {
    available: true,
    modelId: m.id,
    trainedAt: m.trainedAt,
    samples: m.samples,
    categories: predict(m.model.category, tokens)
      .slice(0, TOP)
      .map((x) => ({ category: x.label, confidence: round(x.p) })),
    handlers: handlersFor(m.model, tokens, communityId).map((x) => ({
      handler: m.model.handlerNames[x.label] ?? x.label,
      confidence: round(x.p),
    })),
  };
}

/** The suggestion for an order of the viewer's subtree (404 outside it), from its title and description. */
export async function suggestForOrder(ctx: Ctx, id: number): Promise<DispatchSuggestion> {
  const [o] = await ctx.db
    .select({
      title: serviceOrders.title,
      description: serviceOrders.description,
      communityId: serviceOrders.communityId,
    })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.id, id), inScope(ctx.actor, serviceOrders.scopePath), isNotNull(serviceOrders.title)));
  if (!o) throw notFound();
  return suggestFor(ctx.db, orderText(o.title, o.description), o.communityId);
}
