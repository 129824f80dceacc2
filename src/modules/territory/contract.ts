import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { CHILD_LEVELS, TERRITORY_LEVELS } from '../../kernel/territory-levels.js';

export { TERRITORY_LEVELS };
export const TerritoryLevel = z.enum(TERRITORY_LEVELS);
export type TerritoryLevel = z.infer<typeof TerritoryLevel>;

export { CHILD_LEVELS };

/** GB/T 2260 / statistical division codes: 2 (province) to 12 (community) digits. */
const DivisionCode = z
  .string()
  .trim()
  .regex(/^\d{2,12}$/);

export const Territory = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  level: TerritoryLevel,
  name: z.string(),
  divisionCode: z.string().nullable(),
  path: z.string(),
  depth: z.number().int(),
  sortOrder: z.number().int(),
  childCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Territory = z.infer<typeof Territory>;

export const TerritoryDetail = Territory.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string(), level: TerritoryLevel })),
});

export const TerritoryListQuery = PageQuery.extend({
  parentId: z.coerce.number().int().positive().optional(),
  level: TerritoryLevel.optional(),
  q: z.string().trim().max(100).optional(),
});
export type TerritoryListQuery = z.infer<typeof TerritoryListQuery>;

export const CreateTerritory = z.object({
  parentId: z.number().int().positive(),
  level: TerritoryLevel,
  name: z.string().trim().min(1).max(100),
  divisionCode: DivisionCode.nullish(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateTerritory = z.infer<typeof CreateTerritory>;

export const UpdateTerritory = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    divisionCode: DivisionCode.nullable().optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export type UpdateTerritory = z.infer<typeof UpdateTerritory>;

export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
