import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { GENDERS, idNumberProblem, PHONE_RE, RELATIONS, RESIDENT_TAGS } from './constants.js';

export * from './constants.js';

export const Gender = z.enum(GENDERS);
export const Relation = z.enum(RELATIONS);
export const ResidentTag = z.enum(RESIDENT_TAGS);

/** A Chinese mobile number (1[3-9] and 9 digits); spaces and dashes are ignored. */
export const PhoneNumber = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .refine((v) => PHONE_RE.test(v), { message: 'people.phoneFormat' });

/** An 18-character citizen ID number with a valid GB 11643 check character. */
export const IdNumber = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .superRefine((v, ctx) => {
    const p = idNumberProblem(v);
    if (p)
      ctx.addIssue({ code: 'custom', message: p === 'checksum' ? 'people.idNumberChecksum' : 'people.idNumberFormat' });
  });

const BirthDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'validation.format' });

export const Resident = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: Gender.nullable(),
  birthDate: z.string().nullable(),
  householdId: z.number().int(),
  /** Community / compound / building / unit / household names, community first. */
  address: z.string(),
  relation: Relation.nullable(),
  tags: z.array(ResidentTag),
  /** Always masked (138****1234); plain only through the audited reveal. */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  isPartyMember: z.boolean(),
  hasAccount: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Resident = z.infer<typeof Resident>;

export const ResidentListQuery = PageQuery.extend({
  /** Any node above the households (community, compound, building, unit) or a household. */
  territoryId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  /** A full mobile number, matched by its keyed hash. */
  phone: PhoneNumber.optional(),
  /** A full ID number, matched by its keyed hash. */
  idNumber: IdNumber.optional(),
  tag: ResidentTag.optional(),
});
export type ResidentListQuery = z.infer<typeof ResidentListQuery>;
export const ResidentExportQuery = ResidentListQuery.omit({ page: true, pageSize: true });

export const CreateResident = z
  .object({
    name: z.string().trim().min(1).max(50),
    gender: Gender.nullish(),
    birthDate: BirthDate.nullish(),
    householdId: z.number().int().positive(),
    relation: Relation.nullish(),
    tags: z.array(ResidentTag).max(RESIDENT_TAGS.length).optional(),
    phone: PhoneNumber.nullish(),
    idNumber: IdNumber.nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .strict();
export type CreateResident = z.infer<typeof CreateResident>;

export const UpdateResident = CreateResident.partial().strict();
export type UpdateResident = z.infer<typeof UpdateResident>;

export const Revealed = z.object({
  id: z.number().int(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});

export const Household = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  path: z.string(),
  memberCount: z.number().int(),
  householderName: z.string().nullable(),
});
export type Household = z.infer<typeof Household>;

export const HouseholdDetail = Household.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string(), level: z.string() })),
  members: z.array(Resident),
});

export const HouseholdListQuery = PageQuery.extend({
  territoryId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
});
export const HouseholdExportQuery = HouseholdListQuery.omit({ page: true, pageSize: true });

export const MyRecord = z.object({
  resident: Resident,
  household: Household,
  members: z.array(Resident),
});

export const ExportFormat = z.object({ format: z.enum(['xlsx', 'json']).default('xlsx') });
export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
