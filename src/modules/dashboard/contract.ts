import { z } from 'zod';

/** Requests and answers of the dashboard module (shared with the console pages). */
const Id = z.coerce.number().int().positive().max(2_147_483_647);
/** A China calendar day `YYYY-MM-DD` (years 1900–2999: PostgreSQL has no year 0, and no record is older). */
const Day = z
  .string()
  .regex(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'dashboard.badDate' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'dashboard.badDate' },
  );

export const DashboardQuery = z.object({
  /** The node looked at (default the viewer's own); outside the viewer's subtree it does not exist (404). */
  territoryId: Id.optional(),
  /** First and last China day of the period, both included (default: 1 January of this year to today). */
  from: Day.optional(),
  to: Day.optional(),
  /** Months of trend ending with the period's last month (default 12; 0 = none). */
  months: z.coerce.number().int().min(0).max(36).default(12),
  /** Leave out the level below (the big screen's lighter answer). */
  children: z.enum(['true', 'false']).default('true'),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Node = z.object({ id: z.number().int(), name: z.string(), level: z.string() });
const Amount = z.object({
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
});
export const FigureCard = z.object({
  key: z.string(),
  section: z.string(),
  label: z.string(),
  formula: z.string(),
  unit: z.string(),
  periodic: z.boolean(),
  higherIsBetter: z.boolean(),
  amount: Amount,
  /** The console list of the records counted (a path inside the SPA). */
  drill: z.string(),
});
export type FigureCard = z.infer<typeof FigureCard>;
export const Dashboard = z.object({
  territory: Node,
  from: z.string(),
  to: z.string(),
  figures: z.array(FigureCard),
  /** The level below: one row per child node, the amount and drill-down of every figure by key. */
  children: z.array(
    z.object({
      territory: Node,
      amounts: z.record(z.string(), Amount),
      drills: z.record(z.string(), z.string()),
      /**
       * The node's own row 社区直属 (records filed at the node itself, in no child), last, so the rows add up to the
       * node's figure; a drill-down only where the list can filter "this level only" (the orders list).
       */
      direct: z.boolean().optional(),
    }),
  ),
  trend: z.object({ months: z.array(z.string()), values: z.record(z.string(), z.array(z.number().nullable())) }),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const MapQuery = z.object({
  territoryId: Id.optional(),
  /** Reports of this category only (the heat); default all. */
  category: z.string().trim().min(1).max(40).optional(),
  from: Day.optional(),
  to: Day.optional(),
});
export type MapQuery = z.infer<typeof MapQuery>;
const Geometry = z.object({ type: z.string(), coordinates: z.unknown() });
export const LiveMap = z.object({
  territory: Node,
  boundaries: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ code: z.string(), name: z.string(), level: z.string() }),
        geometry: Geometry,
      }),
    ),
  }),
  grids: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.string(),
      communityId: z.number().int(),
      communityName: z.string(),
      geometry: Geometry,
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  bbox: z.array(z.number()).nullable(),
  /** Compounds 小区 as named points, to orient by (the grids' map). */
  places: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      communityId: z.number().int(),
      lng: z.number(),
      lat: z.number(),
    }),
  ),
  /** Unfinished orders past their limit, with a location (at most 2,000). */
  overdue: z.array(
    z.object({ id: z.number().int(), title: z.string(), category: z.string(), lng: z.number(), lat: z.number() }),
  ),
  /** Reports of the period (and category) by place, rounded to about 100 m: the heat layer. */
  heat: z.array(z.tuple([z.number(), z.number(), z.number()])),
  maxOpen: z.number().int(),
});
export type LiveMap = z.infer<typeof LiveMap>;

export const GridParam = z.object({ id: Id });
export const OrderRef = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.string(),
  status: z.string(),
  createdAt: z.date(),
});
export const GridLive = z.object({
  grid: z.object({ id: z.number().int(), name: z.string(), communityId: z.number().int() }),
  open: z.number().int(),
  overdue: z.number().int(),
  /** The open orders of the grid, oldest first (at most 50). */
  orders: z.array(OrderRef.extend({ overdue: z.boolean() })),
  drill: z.string(),
});
export type GridLive = z.infer<typeof GridLive>;

export const HotspotQuery = z.object({
  territoryId: Id.optional(),
  /** N: at least this many reports … */
  minCount: z.coerce.number().int().min(2).max(1000).default(3),
  /** … in the last M days. */
  days: z.coerce.number().int().min(1).max(366).default(30),
  /** The place that repeats: a compound (default) or a grid. */
  by: z.enum(['compound', 'grid']).default('compound'),
});
export type HotspotQuery = z.infer<typeof HotspotQuery>;
export const Hotspot = z.object({
  /** The place: a compound, or (by=grid) a grid; a need or an agenda item is made from a compound's hotspot. */
  compound: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  grid: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  community: z.object({ id: z.number().int(), name: z.string() }),
  category: z.string(),
  count: z.number().int(),
  orders: z.array(OrderRef),
});
export type Hotspot = z.infer<typeof Hotspot>;
export const HotspotList = z.object({
  minCount: z.number().int(),
  days: z.number().int(),
  by: z.enum(['compound', 'grid']),
  items: z.array(Hotspot),
});
export type HotspotList = z.infer<typeof HotspotList>;

/** Turn a hotspot into a need or an agenda item: the hotspot is found again by place, category and rule. */
export const HotspotAction = z
  .object({
    compoundId: Id,
    category: z.string().trim().min(1).max(40),
    minCount: z.number().int().min(2).max(1000).default(3),
    days: z.number().int().min(1).max(366).default(30),
  })
  .strict();
export type HotspotAction = z.infer<typeof HotspotAction>;
export const HotspotActionResult = z.object({
  kind: z.enum(['need', 'agendaItem']),
  id: z.number().int(),
  /** Where to see it in the console. */
  link: z.string(),
});
export type HotspotActionResult = z.infer<typeof HotspotActionResult>;

// ---- 我的工作: the home page's work card ----------------------------------------------------------------------

export const WORK_COUNTS = ['toDispatch', 'toAccept', 'overdue', 'escalated', 'flags'] as const;
export const WORK_RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
export const WorkCard = z.object({
  territory: Node,
  /** The China month of the rates, `YYYY-MM`. */
  month: z.string(),
  /** Only the counts the caller's roles work on (a dispatcher: to dispatch; a handler: to accept; …). */
  counts: z.array(
    z.object({
      key: z.enum(WORK_COUNTS),
      count: z.number().int(),
      /** The console list of exactly the records counted (a path inside the SPA, with its filter query). */
      link: z.string(),
    }),
  ),
  /** This month's three rates of the caller's subtree (staff who read the figures), numerator over denominator. */
  rates: z.array(
    z.object({
      key: z.enum(WORK_RATES),
      value: z.number().nullable(),
      numerator: z.number().int(),
      denominator: z.number().int(),
      /** The orders of the numerator (e.g. responded on time this month). */
      link: z.string(),
    }),
  ),
});
export type WorkCard = z.infer<typeof WorkCard>;
