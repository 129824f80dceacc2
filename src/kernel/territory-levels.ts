/** Levels of the territory tree, root first (SPEC module 1). Plain data, shared by server and console. */
export const TERRITORY_LEVELS = [
  'country',
  'province',
  'city',
  'district',
  'street',
  'community',
  'compound',
  'building',
  'unit',
  'household',
] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** Which levels may hang under a level. A city may hold streets directly (嘉峪关市 has no districts, seed 001). */
export const CHILD_LEVELS: Record<TerritoryLevel, readonly TerritoryLevel[]> = {
  country: ['province'],
  province: ['city'],
  city: ['district', 'street'],
  district: ['street'],
  street: ['community'],
  community: ['compound'],
  compound: ['building'],
  building: ['unit', 'household'],
  unit: ['household'],
  household: [],
};
