import { z } from 'zod';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Ref = z.object({ id: z.number().int(), name: z.string() });

/** An Open311 client (API key) as the security admin's list shows it: never the key itself. */
export const Open311Client = z.object({
  id: z.number().int(),
  name: z.string(),
  keyPrefix: z.string(),
  territory: Ref,
  perMinute: z.number().int(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
  requests: z.number().int(),
});
export type Open311Client = z.infer<typeof Open311Client>;

export const CreateClient = z
  .object({
    name: z.string().trim().min(1).max(60),
    territoryId: Id,
    perMinute: z.coerce.number().int().min(1).max(600).default(60),
  })
  .strict();
export type CreateClient = z.infer<typeof CreateClient>;

/** The answer to a create: the key, shown this once. */
export const CreatedClient = Open311Client.extend({ key: z.string() });
export type CreatedClient = z.infer<typeof CreatedClient>;

export const IdParams = z.object({ id: Id });

/** A learned suggestion for an order's dispatch (issue 16 point 6): never applied by itself. */
export const DispatchSuggestion = z.object({
  /** false until `npm run dispatch:train` has stored a model. */
  available: z.boolean(),
  modelId: z.number().int().nullable(),
  trainedAt: z.date().nullable(),
  samples: z.number().int(),
  categories: z.array(z.object({ category: z.string(), confidence: z.number() })),
  handlers: z.array(z.object({ handler: z.string(), confidence: z.number() })),
});
export type DispatchSuggestion = z.infer<typeof DispatchSuggestion>;

export const TrainResult = z.object({
  trained: z.boolean(),
  modelId: z.number().int().nullable(),
  samples: z.number().int(),
});
export type TrainResult = z.infer<typeof TrainResult>;

/** A node an API key may be scoped to. */
export const Node = z.object({ id: z.number().int(), name: z.string(), level: z.string() });
export type Node = z.infer<typeof Node>;
