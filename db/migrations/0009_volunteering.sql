CREATE TABLE "point_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "point_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer,
	"member_id" integer,
	"person_key" text NOT NULL,
	"name" text NOT NULL,
	"scope_path" text NOT NULL,
	"branch_id" integer,
	"branch_path" text,
	"source" text NOT NULL,
	"ref" text NOT NULL,
	"quantity" double precision DEFAULT 1 NOT NULL,
	"points" integer NOT NULL,
	"requested" integer NOT NULL,
	"reason" text,
	"status" text DEFAULT 'posted' NOT NULL,
	"period" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"requested_by" integer,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_entries_status_ck" CHECK ("point_entries"."status" in ('posted','pending','rejected')),
	CONSTRAINT "point_entries_manual_ck" CHECK ("point_entries"."source" <> 'manual' or "point_entries"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "point_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "point_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"source" text NOT NULL,
	"unit" text NOT NULL,
	"points" integer NOT NULL,
	"cap" integer,
	"cap_period" text DEFAULT 'month' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_rules_points_ck" CHECK ("point_rules"."points" between 0 and 1000)
);
--> statement-breakpoint
CREATE TABLE "vol_activities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vol_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"team_id" integer,
	"place" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"radius_m" integer DEFAULT 300 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"organiser_ids" integer[] NOT NULL,
	"token_secret" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vol_activities_kind_ck" CHECK ("vol_activities"."kind" in ('volunteer','serviceFair','themeDay')),
	CONSTRAINT "vol_activities_status_ck" CHECK ("vol_activities"."status" in ('open','closed','cancelled')),
	CONSTRAINT "vol_activities_radius_ck" CHECK ("vol_activities"."radius_m" between 20 and 5000)
);
--> statement-breakpoint
CREATE TABLE "vol_shifts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vol_shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"activity_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"label" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vol_shifts_capacity_ck" CHECK ("vol_shifts"."taken" >= 0 and "vol_shifts"."taken" <= "vol_shifts"."capacity"),
	CONSTRAINT "vol_shifts_window_ck" CHECK ("vol_shifts"."ends_at" > "vol_shifts"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "vol_signups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vol_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"shift_id" integer NOT NULL,
	"activity_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"account_id" integer,
	"member_id" integer,
	"name" text NOT NULL,
	"credit_community_id" integer,
	"credit_path" text,
	"report_branch_id" integer,
	"report_path" text,
	"status" text DEFAULT 'signedUp' NOT NULL,
	"check_in_at" timestamp with time zone,
	"check_in_method" text,
	"check_out_at" timestamp with time zone,
	"check_out_method" text,
	"confirmed_minutes" integer,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vol_signups_status_ck" CHECK ("vol_signups"."status" in ('signedUp','checkedIn','checkedOut','confirmed','rejected','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "vol_team_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vol_team_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"account_id" integer,
	"member_id" integer,
	"is_leader" boolean DEFAULT false NOT NULL,
	"duty" text,
	"joined_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vol_teams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vol_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"duties" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vol_teams_kind_ck" CHECK ("vol_teams"."kind" in ('volunteer','commando','vanguardPost','modelPost'))
);
--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_branch_id_party_orgs_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."party_orgs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_approved_by_accounts_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_district_id_territories_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_activities" ADD CONSTRAINT "vol_activities_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_activities" ADD CONSTRAINT "vol_activities_team_id_vol_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."vol_teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_activities" ADD CONSTRAINT "vol_activities_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_shifts" ADD CONSTRAINT "vol_shifts_activity_id_vol_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."vol_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_signups" ADD CONSTRAINT "vol_signups_shift_id_vol_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."vol_shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_signups" ADD CONSTRAINT "vol_signups_activity_id_vol_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."vol_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_signups" ADD CONSTRAINT "vol_signups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_signups" ADD CONSTRAINT "vol_signups_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_signups" ADD CONSTRAINT "vol_signups_credit_community_id_territories_id_fk" FOREIGN KEY ("credit_community_id") REFERENCES "public"."territories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_signups" ADD CONSTRAINT "vol_signups_report_branch_id_party_orgs_id_fk" FOREIGN KEY ("report_branch_id") REFERENCES "public"."party_orgs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_signups" ADD CONSTRAINT "vol_signups_confirmed_by_accounts_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_team_members" ADD CONSTRAINT "vol_team_members_team_id_vol_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."vol_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_team_members" ADD CONSTRAINT "vol_team_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_team_members" ADD CONSTRAINT "vol_team_members_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_teams" ADD CONSTRAINT "vol_teams_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vol_teams" ADD CONSTRAINT "vol_teams_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "point_entries_scope_idx" ON "point_entries" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "point_entries_branch_path_idx" ON "point_entries" USING btree ("branch_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "point_entries_account_idx" ON "point_entries" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "point_entries_member_idx" ON "point_entries" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "point_entries_branch_idx" ON "point_entries" USING btree ("branch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_ref_uq" ON "point_entries" USING btree ("source","ref","person_key");--> statement-breakpoint
CREATE INDEX "point_entries_person_idx" ON "point_entries" USING btree ("person_key","period");--> statement-breakpoint
CREATE UNIQUE INDEX "point_rules_district_source_uq" ON "point_rules" USING btree ("district_id","source");--> statement-breakpoint
CREATE INDEX "point_rules_scope_idx" ON "point_rules" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "vol_activities_scope_idx" ON "vol_activities" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "vol_shifts_activity_idx" ON "vol_shifts" USING btree ("activity_id","starts_at");--> statement-breakpoint
CREATE INDEX "vol_signups_shift_idx" ON "vol_signups" USING btree ("shift_id");--> statement-breakpoint
CREATE INDEX "vol_signups_activity_idx" ON "vol_signups" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "vol_signups_account_idx" ON "vol_signups" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "vol_signups_scope_idx" ON "vol_signups" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "vol_signups_credit_idx" ON "vol_signups" USING btree ("credit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "vol_signups_live_uq" ON "vol_signups" USING btree ("shift_id","account_id") WHERE "vol_signups"."account_id" is not null and "vol_signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "vol_team_members_team_idx" ON "vol_team_members" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "vol_team_members_scope_idx" ON "vol_team_members" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "vol_team_members_account_uq" ON "vol_team_members" USING btree ("team_id","account_id") WHERE "vol_team_members"."account_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "vol_team_members_member_uq" ON "vol_team_members" USING btree ("team_id","member_id") WHERE "vol_team_members"."member_id" is not null;--> statement-breakpoint
CREATE INDEX "vol_teams_scope_idx" ON "vol_teams" USING btree ("scope_path" text_pattern_ops);