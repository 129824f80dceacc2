import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { TERRITORY_LEVELS } from '../../kernel/territory-levels.js';
import { PhoneNumber } from '../people/contract.js';
import {
  CANCEL_KINDS,
  ESCALATION_LADDER,
  EVENT_ACTIONS,
  HANDLER_KINDS,
  ORDER_ACTIONS,
  ORDER_KINDS,
  ORDER_ORIGINS,
  ORDER_STATUSES,
  RATING_CHANNELS,
  RATINGS,
  RULE_HANDLER_KINDS,
} from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
export const OrderKind = z.enum(ORDER_KINDS);
export const OrderStatus = z.enum(ORDER_STATUSES);
export const Rating = z.enum(RATINGS);
const Category = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-zA-Z][a-zA-Z0-9]*$/);
const Note = z.string().trim().max(2000);
const Ref = z.object({ id: z.number().int(), name: z.string() });
const Place = z.object({ id: z.number().int(), name: z.string(), level: z.enum(TERRITORY_LEVELS) });

export const Location = z.object({
  lng: z.number().min(73.4).max(135.1),
  lat: z.number().min(3.8).max(53.6),
  address: z.string().trim().max(200).nullish(),
});

export const CreateOrder = z
  .object({
    kind: OrderKind,
    category: Category,
    title: z.string().trim().min(1).max(100),
    description: Note.nullish(),
    menuItemId: Id.nullish(),
    territoryId: Id.nullish(),
    location: Location.nullish(),
    /**
     * Staff registering a matter for someone without an account (a walk-in 来访群众 at the counter, 代登记): their
     * name, and their phone for the follow-up 回访 (stored encrypted, answered masked).
     */
    walkIn: z
      .object({ name: z.string().trim().min(1).max(40), phone: PhoneNumber.nullish() })
      .strict()
      .nullish(),
    /** Staff registering for someone: the point lies outside the community's grids and they confirm it (issue 10 item 8). */
    confirmOutside: z.boolean().optional(),
  })
  .strict();
export type CreateOrder = z.infer<typeof CreateOrder>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));
const boolQ = z.enum(['true', 'false']).transform((v) => v === 'true');

export const INBOXES = ['toDispatch', 'toAccept', 'overdue', 'escalated', 'mine'] as const;
export const OrderListQuery = PageQuery.extend({
  status: csv(ORDER_STATUSES).optional(),
  kind: OrderKind.optional(),
  category: Category.optional(),
  territoryId: Id.optional(),
  unitId: Id.optional(),
  /** Orders located in this grid (the dashboard's map: a grid's orders). */
  gridId: Id.optional(),
  /** true: only orders placed in no grid (the per-grid ranking's last row). */
  noGrid: boolQ.optional(),
  /** true: only orders filed at the territory itself, not below it (the ranking's 社区直属 row); needs territoryId. */
  direct: boolQ.optional(),
  inbox: z.enum(INBOXES).optional(),
  /** true: only orders handed to the caller: their account, a unit they answer for, or them as a party member. */
  assignedToMe: boolQ.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  accepted: boolQ.optional(),
  resolved: boolQ.optional(),
  overdue: boolQ.optional(),
  respondedOnTime: boolQ.optional(),
  rating: csv(RATINGS).optional(),
  /** true: only duplicates merged into another order; false: leave them out. */
  merged: boolQ.optional(),
  /** true: only the orders the figures count (not merged, cancelled or invalid); false: only those left out. */
  counted: boolQ.optional(),
  /** 'patrol': only findings on visits 排摸发现; 'report': only reports (decision 038); 'oneWindow': 一窗受理. */
  origin: z.enum(ORDER_ORIGINS).optional(),
  q: z.string().trim().max(100).optional(),
  /** A walk-in reporter's whole phone number, matched by its keyed hash (decision 053). */
  phone: PhoneNumber.optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;

export const Handler = z.object({
  kind: z.enum(HANDLER_KINDS),
  unit: Ref.nullable(),
  member: Ref.nullable(),
  account: Ref.nullable(),
  department: z.string().nullable(),
});

export const Order = z.object({
  id: z.number().int(),
  kind: OrderKind,
  category: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: OrderStatus,
  community: Ref,
  territory: Place,
  location: z.object({ lng: z.number(), lat: z.number(), address: z.string().nullable() }).nullable(),
  gridId: z.number().int().nullable(),
  menuItemId: z.number().int().nullable(),
  reporter: Ref.nullable(),
  /** A reporter without an account (a walk-in registered by staff). */
  reporterName: z.string().nullable(),
  /** That walk-in's phone, masked (138****1234); null for a reporter with an account. */
  reporterPhone: z.string().nullable(),
  handler: Handler.nullable(),
  respondBy: z.date(),
  resolveBy: z.date(),
  acceptedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  escalationLevel: z.enum(ESCALATION_LADDER).nullable(),
  escalatedTo: Place.nullable(),
  reopenCount: z.number().int(),
  returnCount: z.number().int(),
  rating: Rating.nullable(),
  ratingComment: z.string().nullable(),
  /** 'app': rated by the reporter; 'phone' / 'visit': taken by staff on a follow-up 回访. */
  ratingChannel: z.enum(RATING_CHANNELS).nullable(),
  /** Cancelled: 作废 (void) or 无效 (invalid), and why. */
  cancelKind: z.enum(CANCEL_KINDS).nullable(),
  cancelReason: z.string().nullable(),
  /** The order this duplicate was merged into (status 'merged'). */
  mergedIntoId: z.number().int().nullable(),
  /** 'report' 群众上报, 'patrol' 排摸发现 (found on a visit, decision 038) or 'oneWindow' 一窗受理 (decision 045). */
  origin: z.enum(ORDER_ORIGINS),
  overdue: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Order = z.infer<typeof Order>;

export const OrderEvent = z.object({
  id: z.number().int(),
  at: z.date(),
  action: z.enum(EVENT_ACTIONS),
  fromStatus: OrderStatus.nullable(),
  toStatus: OrderStatus.nullable(),
  actor: Ref.nullable(),
  note: z.string().nullable(),
  data: z.unknown(),
});
export type OrderEvent = z.infer<typeof OrderEvent>;
/** A reporter of a duplicate merged into this order: staff see them all, a co-reporter only their own row. */
export const CoReporter = z.object({
  account: Ref,
  sourceOrderId: z.number().int().nullable(),
  rating: Rating.nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.date().nullable(),
});
export type CoReporter = z.infer<typeof CoReporter>;
export const ATTACHMENT_STAGES = ['report', 'resolve', 'other'] as const;
export const AttachmentStage = z.enum(ATTACHMENT_STAGES);
/** A photo or file on an order (issue 5 item 6); `url` serves it to those who may see the order. */
export const Attachment = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  eventId: z.number().int().nullable(),
  stage: AttachmentStage,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploader: Ref.nullable(),
  createdAt: z.date(),
  url: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentParam = z.object({ id: Id, attachmentId: Id });
export const AttachmentList = z.object({ items: z.array(Attachment) });
export const OrderDetail = Order.extend({
  timeline: z.array(OrderEvent),
  /** Photos and files, oldest first (attachments.service.ts). */
  attachments: z.array(Attachment).optional(),
  /** Reporters of duplicates merged into it (issue 5 item 4). */
  coReporters: z.array(CoReporter).optional(),
  /** The moves the caller may make now (legal for the status and permitted for them); the pages show only these. */
  moves: z.array(z.enum(ORDER_ACTIONS)).optional(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

const Hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 90);
const UnitTarget = z.object({ target: z.literal('unit'), unitId: Id, accountId: Id.nullish() });
const MemberTarget = z.object({ target: z.literal('member'), memberId: Id });
const DepartmentTarget = z.object({
  target: z.literal('department'),
  department: z.string().trim().min(1).max(60),
  accountId: Id.nullish(),
});
const PersonTarget = z.object({ target: z.literal('person'), accountId: Id });
export const DispatchTarget = z.discriminatedUnion('target', [
  z.object({ target: z.literal('open') }),
  UnitTarget,
  MemberTarget,
  DepartmentTarget,
  PersonTarget,
]);
/** A handler to send an order to (every dispatch target but opening it for claiming). */
export const HandlerTarget = z.discriminatedUnion('target', [UnitTarget, MemberTarget, DepartmentTarget, PersonTarget]);
export type DispatchTarget = z.infer<typeof DispatchTarget>;
export const DispatchBody = z.intersection(
  DispatchTarget,
  z.object({
    note: Note.nullish(),
    respondHours: Hours.nullish(),
    resolveHours: Hours.nullish(),
    /** Required when the time limits differ from the order's (the rule's): audited on the timeline (decision 020). */
    deadlineReason: Note.nullish(),
  }),
);
export type DispatchBody = z.infer<typeof DispatchBody>;
/** 改派: another handler for a dispatched order not yet accepted, with the reason (no 回退 on anyone's record). */
export const ReassignBody = z.intersection(HandlerTarget, z.object({ reason: Note.min(1) }));
export type ReassignBody = z.infer<typeof ReassignBody>;
/** 单位下单: the unit's contact names one of the unit's party members or staff accounts as the handler. */
export const HandOverBody = z
  .object({ memberId: Id.nullish(), accountId: Id.nullish(), note: Note.nullish() })
  .strict()
  .refine((b) => (b.memberId ? 1 : 0) + (b.accountId ? 1 : 0) === 1, {
    path: ['memberId'],
    message: 'order.handOverTarget',
  });
export type HandOverBody = z.infer<typeof HandOverBody>;
/** The people of a unit an order may be handed to (GET /api/orders/:id/hand-over-candidates). */
export const HandOverCandidates = z.object({
  members: z.array(Ref),
  staff: z.array(Ref),
});
export type HandOverCandidates = z.infer<typeof HandOverCandidates>;

/** Bulk actions of the console: dispatch or close up to 100 orders at once, one result per id. */
export const BULK_ACTIONS = ['dispatch', 'close'] as const;
export const BulkBody = z
  .object({
    ids: z.array(Id).min(1).max(100),
    action: z.enum(BULK_ACTIONS),
    target: DispatchBody.optional(),
    note: Note.nullish(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.action === 'dispatch' && !b.target)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'validation.required' });
  });
export type BulkBody = z.infer<typeof BulkBody>;
export const BulkResult = z.object({
  id: z.number().int(),
  ok: z.boolean(),
  status: OrderStatus.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
/** `total`: how many orders the action moved; `failed`: how many it could not (see each result's error). */
export const BulkReply = z.object({ results: z.array(BulkResult), total: z.number().int(), failed: z.number().int() });
export type BulkReply = z.infer<typeof BulkReply>;
export const NoteBody = z.object({ note: Note.nullish() }).strict();
export const ResolveBody = z.object({ note: Note.min(1) }).strict();
export const ReturnBody = z.object({ reason: Note.min(1) }).strict();
export const ReasonBody = ReturnBody;
export const RateBody = z.object({ rating: Rating, comment: Note.nullish() }).strict();
/** 作废 / 无效, with the reason (issue 10 item 7). */
export const CancelBody = z.object({ kind: z.enum(CANCEL_KINDS), reason: Note.min(1) }).strict();
export type CancelBody = z.infer<typeof CancelBody>;
/** 回访: the rating staff took by phone or visit from a reporter who cannot rate in the app (issue 10 item 6). */
export const FollowUpBody = z
  .object({ rating: Rating, channel: z.enum(['phone', 'visit']), note: Note.min(1) })
  .strict();
export type FollowUpBody = z.infer<typeof FollowUpBody>;
export const ClaimBody = z.object({ as: z.enum(['member', 'unit']).nullish() }).strict();

export const Suggestion = z.object({
  source: z.enum(['rule', 'gridWorker', 'unit', 'member']),
  score: z.number(),
  target: DispatchTarget,
  label: z.string(),
  /** Why a person is suggested (nearness, same-category orders done, orders in hand). */
  detail: z.string().nullish(),
  respondHours: z.number().int().nullable(),
  resolveHours: z.number().int().nullable(),
});
export const Suggestions = z.object({ items: z.array(Suggestion) });

// Duplicates ---------------------------------------------------------------------------------------------------

/** An open report of the same category near this one, in the time window (distance null: near by place). */
export const DuplicateCandidate = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.string(),
  status: OrderStatus,
  distanceMeters: z.number().nullable(),
  ageHours: z.number(),
  createdAt: z.date(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;
export const Duplicates = z.object({ items: z.array(DuplicateCandidate), meters: z.number(), hours: z.number() });
export type Duplicates = z.infer<typeof Duplicates>;
export const MergeBody = z.object({ intoId: Id }).strict();
/** POST /api/orders/:id/reveal-phone: a walk-in reporter's full phone for the follow-up call (audited; decision 053). */
export const RevealedReporterPhone = z.object({ id: z.number().int(), phone: z.string().nullable() });
/** POST /api/orders answers the new order and, for a problem report, the open reports it may duplicate. */
export const CreatedOrder = OrderDetail.extend({ possibleDuplicates: z.array(DuplicateCandidate) });
export type CreatedOrder = z.infer<typeof CreatedOrder>;

// Menu and rules ---------------------------------------------------------------------------------------------

export const CommunityQuery = PageQuery.extend({ communityId: Id.optional() });
export const MenuItem = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  name: z.string(),
  category: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type MenuItem = z.infer<typeof MenuItem>;
export const CreateMenuItem = z
  .object({
    communityId: Id,
    name: z.string().trim().min(1).max(60),
    category: Category,
    description: Note.nullish(),
    active: z.boolean().optional(),
  })
  .strict();
export const UpdateMenuItem = CreateMenuItem.omit({ communityId: true }).partial().strict();

export const RoutingRule = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  category: z.string(),
  handlerKind: z.enum(RULE_HANDLER_KINDS),
  unit: Ref.nullable(),
  department: z.string().nullable(),
  respondHours: z.number().int(),
  resolveHours: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;
export const CreateRoutingRule = z
  .object({
    communityId: Id,
    category: Category,
    handlerKind: z.enum(RULE_HANDLER_KINDS),
    unitId: Id.nullish(),
    department: z.string().trim().min(1).max(60).nullish(),
    respondHours: Hours,
    resolveHours: Hours,
  })
  .strict();
export type CreateRoutingRule = z.infer<typeof CreateRoutingRule>;
export const UpdateRoutingRule = CreateRoutingRule.omit({ communityId: true }).partial().strict();
export type UpdateRoutingRule = z.infer<typeof UpdateRoutingRule>;

// Figures ----------------------------------------------------------------------------------------------------

export const FiguresQuery = z.object({
  territoryId: Id.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
const Drill = z.record(z.string(), z.string());
const Counts = z.object({
  found: z.number().int(),
  claimed: z.number().int(),
  resolved: z.number().int(),
  responseRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  overdue: z.number().int(),
  averageResolveHours: z.number().nullable(),
  /** Reopened after an unsatisfied rating 重办 (counts against the handler). */
  reopened: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;
export const OrderFigures = Counts.extend({
  territory: Place,
  from: z.date().nullable(),
  to: z.date().nullable(),
  drill: z.record(z.string(), Drill),
  /** The level below; a last row `direct: true` holds the orders filed at the node itself (社区直属): the rows add up. */
  ranking: z.array(Counts.extend({ territory: Place, direct: z.boolean(), drill: Drill })),
  /** Per grid (a community or below): every grid of the community, and `grid: null` for orders in no grid. */
  gridRanking: z.array(Counts.extend({ grid: Ref.nullable(), drill: Drill })),
  /** The units with orders in the subtree, in ranking order: at most the first 500 (figures.ts UNIT_RANKING_MAX). */
  unitRanking: z.array(Counts.extend({ unit: Ref, drill: Drill })),
  /** How many units have orders in the subtree and period (unitRanking may list fewer). */
  unitCount: z.number().int(),
  /** Orders the figures leave out, counted on their own with their drill-downs: 作废/无效 and merged duplicates. */
  excluded: z.object({
    cancelled: z.number().int(),
    merged: z.number().int(),
    drill: z.object({ cancelled: Drill, merged: Drill }),
  }),
});
export type OrderFigures = z.infer<typeof OrderFigures>;

/** A calendar month in Asia/Shanghai, `YYYY-MM`. */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.format' });
/** The monthly trend: months [from, to), at most 36. */
export const TrendQuery = z.object({ territoryId: Id.optional(), from: Month, to: Month });
export const OrderTrend = z.object({
  territory: Place,
  months: z.array(
    Counts.pick({
      found: true,
      claimed: true,
      resolved: true,
      responseRate: true,
      resolutionRate: true,
      satisfactionRate: true,
    }).extend({
      month: z.string(),
      /** GET /api/orders filters for the orders found that month. */
      drill: Drill,
    }),
  ),
});
export type OrderTrend = z.infer<typeof OrderTrend>;

// Unit contacts ----------------------------------------------------------------------------------------------

export const UnitContactQuery = PageQuery.extend({ unitId: Id.optional() });
export const UnitContact = z.object({
  account: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
  unit: Ref,
});
export type UnitContact = z.infer<typeof UnitContact>;
export const LinkUnitContact = z.object({ accountId: Id, unitId: Id }).strict();
export const UnitContactParam = z.object({ accountId: Id, unitId: Id });
/** Unit-contact accounts of the caller's subtree that may be linked to a unit (the console's account picker). */
export const UnitContactCandidateQuery = PageQuery.extend({ q: z.string().trim().max(100).optional() });
export const UnitContactCandidate = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  units: z.array(Ref),
});
