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
