import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import {
  ITEM_CATEGORIES,
  ITEM_CONDITIONS,
  ITEM_EVENT_KINDS,
  ITEM_STATUSES,
  LOAN_CHANNELS,
  LOAN_STATUSES,
  MAX_LOAN_DAYS,
} from './shared-items.constants.js';

/** The 便民共享服务柜 API's shapes (issue 12 point 8, decision 042). */
const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const SharedIdParam = z.object({ id: Id });
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'coBuilding.badDate' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { message: 'coBuilding.badDate' });
const Note = z.string().trim().max(500);
const Ref = z.object({ id: z.number().int(), name: z.string() });
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const ItemStatus = z.enum(ITEM_STATUSES);
export const ItemCondition = z.enum(ITEM_CONDITIONS);
export const ItemCategory = z.enum(ITEM_CATEGORIES);
export const LoanStatus = z.enum(LOAN_STATUSES);

export const CreateSharedItem = z
  .object({
    /** The service centre or cabinet: a community or a node below it. */
    territoryId: Id,
    name: z.string().trim().min(1).max(60),
    category: ItemCategory,
    condition: ItemCondition.default('good'),
    location: z.string().trim().min(1).max(100),
    photoUrl: z.string().trim().url().max(500).nullish(),
    description: Note.nullish(),
    maxDays: z.number().int().min(1).max(MAX_LOAN_DAYS).default(7),
  })
  .strict();
export type CreateSharedItem = z.infer<typeof CreateSharedItem>;

export const UpdateSharedItem = z
  .object({
    name: z.string().trim().min(1).max(60).optional(),
    category: ItemCategory.optional(),
    location: z.string().trim().min(1).max(100).optional(),
    photoUrl: z.string().trim().url().max(500).nullish(),
    description: Note.nullish(),
    maxDays: z.number().int().min(1).max(MAX_LOAN_DAYS).optional(),
  })
  .strict();
export type UpdateSharedItem = z.infer<typeof UpdateSharedItem>;

/** A status change outside a loan: damaged, lost, retired, or back to available (repaired or found). */
export const MoveSharedItem = z
  .object({ to: z.enum(['available', 'damaged', 'lost', 'retired']), note: z.string().trim().min(1).max(500) })
  .strict();
export type MoveSharedItem = z.infer<typeof MoveSharedItem>;

/** A resident borrows on /m: until the due day (at most the item's max days from today). */
export const BorrowSharedItem = z.object({ dueOn: Day, note: Note.optional() }).strict();
export type BorrowSharedItem = z.infer<typeof BorrowSharedItem>;

/** Staff lend at the counter: to a resident's account, or to a person by name (and phone). */
export const LendSharedItem = z
  .object({
    dueOn: Day,
    borrowerAccountId: Id.optional(),
    borrowerName: z.string().trim().min(1).max(40).optional(),
    borrowerPhone: z
      .string()
      .trim()
      .regex(/^1\d{10}$/, { message: 'coBuilding.shared.badPhone' })
      .optional(),
    note: Note.optional(),
  })
  .strict()
  .superRefine((v, c) => {
    if (!v.borrowerAccountId && !v.borrowerName)
      c.addIssue({ code: 'custom', path: ['borrowerName'], message: 'coBuilding.shared.borrowerRequired' });
  });
export type LendSharedItem = z.infer<typeof LendSharedItem>;

export const RequestReturn = z.object({ condition: ItemCondition.optional(), note: Note.optional() }).strict();
export type RequestReturn = z.infer<typeof RequestReturn>;
export const ReceiveReturn = z.object({ condition: ItemCondition, note: Note.optional() }).strict();
export type ReceiveReturn = z.infer<typeof ReceiveReturn>;
export const LoseLoan = z.object({ note: z.string().trim().min(1).max(500) }).strict();
export type LoseLoan = z.infer<typeof LoseLoan>;

export const SharedItemQuery = PageQuery.extend({
  territoryId: Id.optional(),
  status: csv(ITEM_STATUSES).optional(),
  category: ItemCategory.optional(),
  condition: ItemCondition.optional(),
  q: z.string().trim().max(60).optional(),
  /** Registered on or before this China day (the items figure's drill-down). */
  createdTo: Day.optional(),
});
export type SharedItemQuery = z.infer<typeof SharedItemQuery>;

/** The states a loan list filters on: `open` = out or return requested; `overdue` = open and past its due day. */
export const LOAN_FILTERS = ['open', 'overdue', ...LOAN_STATUSES] as const;
export const SharedLoanQuery = PageQuery.extend({
  territoryId: Id.optional(),
  state: z.enum(LOAN_FILTERS).optional(),
  itemId: Id.optional(),
  borrowerAccountId: Id.optional(),
  /** Lent in [from, to] (China days), for the figures' drill-down. */
  from: Day.optional(),
  to: Day.optional(),
});
export type SharedLoanQuery = z.infer<typeof SharedLoanQuery>;
export const MyLoanQuery = PageQuery.extend({ state: z.enum(['open', 'closed']).optional() });
export type MyLoanQuery = z.infer<typeof MyLoanQuery>;
export const CommunityItemQuery = PageQuery.extend({
  category: ItemCategory.optional(),
  available: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(60).optional(),
});
export type CommunityItemQuery = z.infer<typeof CommunityItemQuery>;

const LoanBase = z.object({
  id: z.number().int(),
  item: Ref,
  channel: z.enum(LOAN_CHANNELS),
  status: LoanStatus,
  lentAt: z.date(),
  dueOn: z.string(),
  overdue: z.boolean(),
  conditionOut: ItemCondition,
  conditionIn: ItemCondition.nullable(),
  returnRequestedAt: z.date().nullable(),
  returnedAt: z.date().nullable(),
  note: z.string().nullable(),
});
export const SharedLoan = LoanBase.extend({
  borrower: z.object({ accountId: z.number().int().nullable(), name: z.string(), phone: z.string().nullable() }),
  place: Ref,
});
export type SharedLoan = z.infer<typeof SharedLoan>;
/** A resident's own loan (where to bring it back). */
export const MyLoan = LoanBase.extend({ location: z.string(), place: Ref });
export type MyLoan = z.infer<typeof MyLoan>;

export const SharedItem = z.object({
  id: z.number().int(),
  community: Ref,
  place: Ref,
  name: z.string(),
  category: ItemCategory,
  condition: ItemCondition,
  location: z.string(),
  photoUrl: z.string().nullable(),
  description: z.string().nullable(),
  status: ItemStatus,
  maxDays: z.number().int(),
  /** The open loan (staff only): who has it and until when. */
  loan: z
    .object({ id: z.number().int(), borrowerName: z.string(), dueOn: z.string(), overdue: z.boolean() })
    .nullable(),
  loanCount: z.number().int(),
  createdAt: z.date(),
});
export type SharedItem = z.infer<typeof SharedItem>;
export const ItemEvent = z.object({
  id: z.number().int(),
  kind: z.enum(ITEM_EVENT_KINDS),
  loanId: z.number().int().nullable(),
  condition: ItemCondition.nullable(),
  note: z.string().nullable(),
  actorName: z.string(),
  at: z.date(),
});
export const SharedItemDetail = SharedItem.extend({ loans: z.array(SharedLoan), events: z.array(ItemEvent) });
export type SharedItemDetail = z.infer<typeof SharedItemDetail>;
/** What a resident sees of an item of their community: no borrower. */
export const CommunityItem = SharedItem.omit({ loan: true, loanCount: true }).extend({
  /** The latest day a loan from today may run to. */
  latestDue: z.string(),
});
export type CommunityItem = z.infer<typeof CommunityItem>;
