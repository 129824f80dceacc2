import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { GRID_KINDS, GRID_WORKER_KINDS } from './schema.js';

export { GRID_KINDS, GRID_WORKER_KINDS };
export const GridKind = z.enum(GRID_KINDS);
export type GridKind = z.infer<typeof GridKind>;
export const GridWorkerKind = z.enum(GRID_WORKER_KINDS);

/** Seed 002: each grid worker follows 30–50 households. */
export const LIAISON_MIN = 30;
export const LIAISON_MAX = 50;

/**
 * A position as sent: [lng, lat] (an altitude, if any, is dropped). Ranges, closed rings and China's bounds are
 * checked by the service so each problem gets its own message and field path.
 */
const PositionIn = z.array(z.number()).min(2).max(3);
export const GeometryIn = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(PositionIn)).min(1).max(100) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z
      .array(z.array(z.array(PositionIn)).min(1).max(100))
      .min(1)
      .max(100),
  }),
]);
export type GeometryIn = z.infer<typeof GeometryIn>;

const Position = z.tuple([z.number(), z.number()]);
export const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

const Ref = z.object({ id: z.number().int(), name: z.string() });
const Name = z.string().trim().min(1).max(100);
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/);

export const Grid = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: GridKind,
  department: z.string().nullable(),
  community: Ref,
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  workerCount: z.number().int(),
  /** Workers following fewer than 30 or more than 50 households (seed 002). */
  flaggedWorkerCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Grid = z.infer<typeof Grid>;

export const GridWorker = z.object({
  id: z.number().int(),
  gridId: z.number().int(),
  gridName: z.string(),
  name: z.string(),
  kind: GridWorkerKind,
  partyMemberId: z.number().int().nullable(),
  accountId: z.number().int().nullable(),
  /** Masked (138****1234) unless the caller manages grid workers. */
  phone: z.string().nullable(),
  liaisonCount: z.number().int(),
  /** `under` < 30, `over` > 50 households, else null (seed 002). */
  liaisonFlag: z.enum(['under', 'over']).nullable(),
});
export type GridWorker = z.infer<typeof GridWorker>;

export const GridDetail = Grid.extend({ geometry: Geometry, workers: z.array(GridWorker) });

export const GridListQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Grids at or below this node (a street, district…: the dashboard's drill-down). */
  territoryId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  kind: GridKind.optional(),
  q: z.string().trim().max(100).optional(),
});
export type GridListQuery = z.infer<typeof GridListQuery>;

export const CreateGrid = z.object({
  communityId: z.number().int().positive().max(2_147_483_647),
  kind: GridKind,
  name: Name,
  department: z.string().trim().min(1).max(100).nullish(),
  geometry: GeometryIn,
});
export type CreateGrid = z.infer<typeof CreateGrid>;

export const UpdateGrid = z
  .object({
    kind: GridKind.optional(),
    name: Name.optional(),
    department: z.string().trim().min(1).max(100).nullable().optional(),
    geometry: GeometryIn.optional(),
  })
  .strict();
export type UpdateGrid = z.infer<typeof UpdateGrid>;

/** A GeoJSON file: each feature's properties name the grid, its kind and its community (code or id). */
export const ImportGrids = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.unknown()).nullable(),
        geometry: z.unknown(),
      }),
    )
    .min(1)
    .max(2000),
});
export type ImportGrids = z.infer<typeof ImportGrids>;
export const ImportResult = z.object({ created: z.number().int(), items: z.array(Ref) });

export const MapQuery = z.object({
  communityId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  districtCode: z
    .string()
    .trim()
    .regex(/^\d{4,6}$/)
    .optional(),
});
export type MapQuery = z.infer<typeof MapQuery>;

const Feature = <P extends z.ZodType>(properties: P) =>
  z.object({ type: z.literal('Feature'), properties, geometry: Geometry });
export const GridMap = z.object({
  /** District / city boundaries (shipped data, WGS-84) around the grids. */
  boundaries: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(Feature(z.object({ code: z.string(), name: z.string(), level: z.string() }))),
  }),
  grids: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      Feature(
        z.object({
          id: z.number().int(),
          name: z.string(),
          kind: GridKind,
          department: z.string().nullable(),
          communityId: z.number().int(),
          communityName: z.string(),
          workerCount: z.number().int(),
        }),
      ),
    ),
  }),
  /** Bounding box of the grids (or of the boundaries when there are none), to zoom to. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  /** Compounds 小区 of the grids' communities as named points (a point inside each footprint), to orient by. */
  places: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      level: z.literal('compound'),
      communityId: z.number().int(),
      lng: z.number(),
      lat: z.number(),
    }),
  ),
  /**
   * The caller's own place (a resident's map): their compound, its footprint's box to open on, and the grid their
   * compound lies in (highlighted). Null when not asked for or unknown (no compound footprint).
   */
  home: z
    .object({
      compoundId: z.number().int(),
      compoundName: z.string(),
      gridId: z.number().int().nullable(),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    })
    .nullable(),
});

export const LocateBody = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export const LocateResult = z.object({
  grid: z
    .object({ id: z.number().int(), name: z.string(), kind: GridKind, department: z.string().nullable() })
    .nullable(),
  /** Every grid containing the point (a responsibility area often lies inside a basic grid), primary first. */
  matches: z.array(z.object({ id: z.number().int(), name: z.string(), kind: GridKind })),
  community: Ref.nullable(),
  /** The compound 小区 whose footprint holds the point; null on a street between compounds (社区直属). */
  compound: Ref.nullable(),
  branch: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }).nullable(),
  people: z.object({
    workers: z.array(z.object({ name: z.string(), kind: GridWorkerKind, phone: z.string().nullable() })),
    secretaryName: z.string().nullable(),
  }),
});
export type LocateResult = z.infer<typeof LocateResult>;

export const WorkerListQuery = PageQuery.extend({
  gridId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  communityId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  flagged: z.enum(['true', 'false']).optional(),
});
export type WorkerListQuery = z.infer<typeof WorkerListQuery>;

export const CreateWorker = z.object({
  gridId: z.number().int().positive().max(2_147_483_647),
  name: Name,
  kind: GridWorkerKind,
  partyMemberId: z.number().int().positive().max(2_147_483_647).nullish(),
  accountId: z.number().int().positive().max(2_147_483_647).nullish(),
  phone: Phone.nullish(),
});
export type CreateWorker = z.infer<typeof CreateWorker>;

export const UpdateWorker = z
  .object({
    gridId: z.number().int().positive().max(2_147_483_647).optional(),
    name: Name.optional(),
    kind: GridWorkerKind.optional(),
    partyMemberId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
    accountId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
    phone: Phone.nullable().optional(),
  })
  .strict();
export type UpdateWorker = z.infer<typeof UpdateWorker>;

export const AssignHouseholds = z.object({
  householdIds: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(200),
});
export const LiaisonHousehold = z.object({ householdId: z.number().int(), label: z.string() });
export const LiaisonList = z.object({
  items: z.array(LiaisonHousehold),
  count: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
  liaisonFlag: z.enum(['under', 'over']).nullable(),
});

export const LiaisonsUnderQuery = z.object({ under: z.coerce.number().int().positive().max(2_147_483_647) });
export const LiaisonsUnder = z.object({
  items: z.array(z.object({ householdId: z.number().int(), workerId: z.number().int(), workerName: z.string() })),
});

export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
export const HouseholdParam = IdParam.extend({ householdId: z.coerce.number().int().positive().max(2_147_483_647) });
export const BuildingParam = z.object({ buildingId: z.coerce.number().int().positive().max(2_147_483_647) });

export const SetBuildingLead = z.object({
  name: Name,
  partyMemberId: z.number().int().positive().max(2_147_483_647).nullish(),
});
export const SetBuildingResponsible = z.object({
  partyMemberId: z.number().int().positive().max(2_147_483_647),
});
export const BuildingLead = z.object({
  id: z.number().int(),
  buildingId: z.number().int(),
  name: z.string(),
  partyMemberId: z.number().int().nullable(),
  updatedAt: z.date(),
});

export const BuildingListQuery = PageQuery.extend({
  communityId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  withoutLead: z.enum(['true', 'false']).optional(),
});
export type BuildingListQuery = z.infer<typeof BuildingListQuery>;
export const BuildingRow = z.object({
  buildingId: z.number().int(),
  label: z.string(),
  lead: z.object({ name: z.string(), partyMemberId: z.number().int().nullable() }).nullable(),
  /** The building's responsible party member 楼栋责任党员. */
  responsibleMember: z.object({ name: z.string(), partyMemberId: z.number().int().nullable() }).nullable(),
});
