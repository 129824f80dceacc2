CREATE TABLE "grid_index_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_workers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grid_workers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"grid_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"party_member_id" integer,
	"account_id" integer,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grid_workers_kind_ck" CHECK ("grid_workers"."kind" in ('fullTime','partTime'))
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grids_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"department" text,
	"geometry" jsonb NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grids_kind_ck" CHECK ("grids"."kind" in ('basic','professional','responsibilityArea'))
);
--> statement-breakpoint
CREATE TABLE "liaison_households" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "liaison_households_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"worker_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidate_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "candidate_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"candidate_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"department" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"reviewed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_reviews_outcome_ck" CHECK ("candidate_reviews"."outcome" in ('pass','fail'))
);
--> statement-breakpoint
CREATE TABLE "compound_properties" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "compound_properties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"compound_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_candidates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "election_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"election_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"post_sought" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "elections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"held_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leadership_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leadership_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"birth_year" integer,
	"education" text,
	"party_post" text,
	"committee_post" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leadership_members_party_post_ck" CHECK ("leadership_members"."party_post" is null or "leadership_members"."party_post" in ('secretary','deputySecretary','member')),
	CONSTRAINT "leadership_members_committee_post_ck" CHECK ("leadership_members"."committee_post" is null or "leadership_members"."committee_post" in ('director','deputyDirector','member')),
	CONSTRAINT "leadership_members_education_ck" CHECK ("leadership_members"."education" is null or "leadership_members"."education" in ('postgraduate','bachelor','associate','highSchool','other'))
);
--> statement-breakpoint
CREATE TABLE "owners_committees" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "owners_committees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"compound_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"chair_name" text,
	"chair_phone" text,
	"term_start" date,
	"term_end" date,
	"members_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residents_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"leader_name" text,
	"leader_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dual_evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dual_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"period" text NOT NULL,
	"side" text NOT NULL,
	"grade" text NOT NULL,
	"comment" text,
	"scope_path" text NOT NULL,
	"evaluator_id" integer,
	"evaluator_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "dual_evaluations_side_ck" CHECK ("dual_evaluations"."side" in ('community','unit')),
	CONSTRAINT "dual_evaluations_grade_ck" CHECK ("dual_evaluations"."grade" in ('excellent','good','fair','poor'))
);
--> statement-breakpoint
CREATE TABLE "dual_registrations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dual_registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"community_path" text NOT NULL,
	"unit_branch_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" integer,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"note" text,
	CONSTRAINT "dual_registrations_status_ck" CHECK ("dual_registrations"."status" in ('pending','confirmed','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"household_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"relation" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone_enc" text,
	"phone_hash" text,
	"id_number_enc" text,
	"id_number_hash" text,
	"account_id" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_gender_ck" CHECK ("residents"."gender" is null or "residents"."gender" in ('male','female'))
);
--> statement-breakpoint
ALTER TABLE "grid_workers" ADD CONSTRAINT "grid_workers_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_workers" ADD CONSTRAINT "grid_workers_party_member_id_party_members_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_workers" ADD CONSTRAINT "grid_workers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_households" ADD CONSTRAINT "liaison_households_worker_id_grid_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."grid_workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_households" ADD CONSTRAINT "liaison_households_household_id_territories_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_reviews" ADD CONSTRAINT "candidate_reviews_candidate_id_election_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."election_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound_properties" ADD CONSTRAINT "compound_properties_compound_id_territories_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound_properties" ADD CONSTRAINT "compound_properties_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leadership_members" ADD CONSTRAINT "leadership_members_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owners_committees" ADD CONSTRAINT "owners_committees_compound_id_territories_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents_groups" ADD CONSTRAINT "residents_groups_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_evaluations" ADD CONSTRAINT "dual_evaluations_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_evaluations" ADD CONSTRAINT "dual_evaluations_evaluator_id_accounts_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_registrations" ADD CONSTRAINT "dual_registrations_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_registrations" ADD CONSTRAINT "dual_registrations_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_registrations" ADD CONSTRAINT "dual_registrations_unit_branch_id_party_orgs_id_fk" FOREIGN KEY ("unit_branch_id") REFERENCES "public"."party_orgs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_registrations" ADD CONSTRAINT "dual_registrations_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_registrations" ADD CONSTRAINT "dual_registrations_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_household_id_territories_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grid_workers_scope_idx" ON "grid_workers" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grid_workers_grid_idx" ON "grid_workers" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "grids_scope_idx" ON "grids" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grids_community_idx" ON "grids" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_households_household_uq" ON "liaison_households" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "liaison_households_worker_idx" ON "liaison_households" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "liaison_households_scope_idx" ON "liaison_households" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_reviews_candidate_department_uq" ON "candidate_reviews" USING btree ("candidate_id","department");--> statement-breakpoint
CREATE UNIQUE INDEX "compound_properties_compound_uq" ON "compound_properties" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "compound_properties_unit_idx" ON "compound_properties" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "compound_properties_scope_idx" ON "compound_properties" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "election_candidates_election_idx" ON "election_candidates" USING btree ("election_id");--> statement-breakpoint
CREATE INDEX "elections_scope_idx" ON "elections" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leadership_members_scope_idx" ON "leadership_members" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leadership_members_community_idx" ON "leadership_members" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "owners_committees_compound_uq" ON "owners_committees" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "owners_committees_scope_idx" ON "owners_committees" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_groups_scope_idx" ON "residents_groups" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_groups_territory_idx" ON "residents_groups" USING btree ("territory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dual_evaluations_member_period_side_uq" ON "dual_evaluations" USING btree ("member_id","period","side");--> statement-breakpoint
CREATE INDEX "dual_evaluations_scope_idx" ON "dual_evaluations" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dual_registrations_community_idx" ON "dual_registrations" USING btree ("community_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dual_registrations_member_idx" ON "dual_registrations" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dual_registrations_live_uq" ON "dual_registrations" USING btree ("member_id","community_id") WHERE "dual_registrations"."status" in ('pending','confirmed');--> statement-breakpoint
CREATE INDEX "residents_scope_idx" ON "residents" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "residents_phone_hash_idx" ON "residents" USING btree ("phone_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_number_hash_uq" ON "residents" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_account_uq" ON "residents" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "party_members_resident_idx" ON "party_members" USING btree ("resident_id");