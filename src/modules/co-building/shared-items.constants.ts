/** 便民共享服务柜 (issue 12 point 8, decision 042): item states, conditions, loan states. */
export const ITEM_STATUSES = ['available', 'lent', 'lost', 'damaged', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_CONDITIONS = ['good', 'fair', 'damaged'] as const;
export type ItemCondition = (typeof ITEM_CONDITIONS)[number];
/** Kinds of things a cabinet lends (seed 002: 急救药箱、老花镜、理发用品、轮椅、小型钻孔机、重型订书机、人字梯). */
export const ITEM_CATEGORIES = ['health', 'mobility', 'tools', 'household', 'office', 'other'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
/** A loan: out (lent), the borrower asked to return it, returned, or lost while out. */
export const LOAN_STATUSES = ['out', 'returnRequested', 'returned', 'lost'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
export const LOAN_CHANNELS = ['mobile', 'counter'] as const;
export type LoanChannel = (typeof LOAN_CHANNELS)[number];
/** What the item's history records. */
export const ITEM_EVENT_KINDS = [
  'created',
  'updated',
  'lent',
  'returnRequested',
  'returned',
  'damaged',
  'lost',
  'repaired',
  'found',
  'retired',
] as const;
export type ItemEventKind = (typeof ITEM_EVENT_KINDS)[number];
/** Staff moves of an item's status (outside a loan): which target is allowed from which state. */
export const ITEM_MOVES: Record<'damaged' | 'lost' | 'retired' | 'available', readonly ItemStatus[]> = {
  damaged: ['available'],
  lost: ['available'],
  retired: ['available', 'damaged', 'lost'],
  available: ['damaged', 'lost'],
};
/** A reminder goes out this many days before the due day (on the day before by default). */
export const REMIND_DAYS_BEFORE = 1;
export const MAX_LOAN_DAYS = 60;
