CREATE TABLE "co_agreement_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_agreement_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agreement_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_agreement_ratings_stars_ck" CHECK ("co_agreement_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "co_agreements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_agreements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"year" integer NOT NULL,
	"status" text DEFAULT 'negotiating' NOT NULL,
	"signed_on" date,
	"published_at" timestamp with time zone,
	"evaluated_at" timestamp with time zone,
	"score" double precision,
	"score_parts" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_agreements_status_ck" CHECK ("co_agreements"."status" in ('negotiating','signed','published','fulfilling','evaluated'))
);
--> statement-breakpoint
CREATE TABLE "co_deliverables" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_deliverables_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agreement_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"done_on" date,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_deliverables_status_ck" CHECK ("co_deliverables"."status" in ('pending','done','notDone'))
);
--> statement-breakpoint
CREATE TABLE "co_matches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_matches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"need_id" integer NOT NULL,
	"resource_id" integer NOT NULL,
	"decision" text NOT NULL,
	"amount" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"score" double precision NOT NULL,
	"factors" jsonb NOT NULL,
	"project_id" integer,
	"decided_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_matches_decision_ck" CHECK ("co_matches"."decision" in ('accepted','rejected')),
	CONSTRAINT "co_matches_amount_ck" CHECK ("co_matches"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "co_needs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_needs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"source" text NOT NULL,
	"source_order_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_note" text,
	"raised_by_account_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"project_id" integer,
	"public" integer DEFAULT 1 NOT NULL,
	"closed_note" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_needs_status_ck" CHECK ("co_needs"."status" in ('open','matched','inProject','met','notMet')),
	CONSTRAINT "co_needs_source_ck" CHECK ("co_needs"."source" in ('resident','recurringOrders','meeting','survey'))
);
--> statement-breakpoint
CREATE TABLE "co_project_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_project_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_project_ratings_stars_ck" CHECK ("co_project_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "co_projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_name" text NOT NULL,
	"owner_account_id" integer,
	"budget" integer DEFAULT 0 NOT NULL,
	"start_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'inProgress' NOT NULL,
	"outcome" text,
	"done_at" timestamp with time zone,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_projects_status_ck" CHECK ("co_projects"."status" in ('inProgress','done','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "co_resources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"offerer_kind" text NOT NULL,
	"offerer_name" text NOT NULL,
	"unit_id" integer,
	"capacity" integer NOT NULL,
	"used_capacity" integer DEFAULT 0 NOT NULL,
	"unit_of_measure" text NOT NULL,
	"available_from" date,
	"available_to" date,
	"availability_note" text,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_resources_capacity_ck" CHECK ("co_resources"."used_capacity" >= 0 and "co_resources"."used_capacity" <= "co_resources"."capacity"),
	CONSTRAINT "co_resources_kind_ck" CHECK ("co_resources"."kind" in ('venue','equipment','skill','money','hours')),
	CONSTRAINT "co_resources_offerer_ck" CHECK ("co_resources"."offerer_kind" in ('unit','partyOrg','member','resident'))
);
--> statement-breakpoint
CREATE TABLE "co_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"milestone" text,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"done_at" timestamp with time zone,
	"order_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_tasks_weight_ck" CHECK ("co_tasks"."weight" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "meeting_action_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_action_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"decision_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"body_key" text NOT NULL,
	"title" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" integer NOT NULL,
	"owner_name" text NOT NULL,
	"owner_account_id" integer,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"done_at" timestamp with time zone,
	"order_id" integer,
	"remind_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_action_items_status_ck" CHECK ("meeting_action_items"."status" in ('open','inProgress','done','cancelled')),
	CONSTRAINT "meeting_action_items_owner_ck" CHECK ("meeting_action_items"."owner_kind" in ('account','unit','partyOrg'))
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_agenda_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"order_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"action_item_id" integer,
	"minutes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_agenda_source_ck" CHECK ("meeting_agenda_items"."source" in ('staff','hotspot','overdueOrder','carriedOver'))
);
--> statement-breakpoint
CREATE TABLE "meeting_corrections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"target" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text NOT NULL,
	"by" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_invitees" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meeting_invitees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"meeting_id" integer NOT NULL,
	"kind" text NOT NULL,
	"ref_id" integer,
	"name" text NOT NULL,
	"rule_key" text NOT NULL,
	"account_id" integer,
	"attended" boolean DEFAULT false NOT NULL,
	"signed_in_at" timestamp with time zone,
	"signed_in_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_invitees_kind_ck" CHECK ("meeting_invitees"."kind" in ('account','unit','partyOrg','ownersCommittee','guest'))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"type_key" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"body_key" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"sign_in_code" text NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_status_ck" CHECK ("meetings"."status" in ('planned','held','approved','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "org_life_attendance" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_life_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"member_name" text NOT NULL,
	"account_id" integer,
	"status" text DEFAULT 'absent' NOT NULL,
	"leave_reason" text,
	"signed_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_life_attendance_status_ck" CHECK ("org_life_attendance"."status" in ('present','leave','absent'))
);
--> statement-breakpoint
CREATE TABLE "org_life_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_life_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"branch_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"place" text,
	"minutes" text,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"approved_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_life_sessions_kind_ck" CHECK ("org_life_sessions"."kind" in ('memberAssembly','branchCommittee','groupMeeting','partyLesson','themeDay')),
	CONSTRAINT "org_life_sessions_mode_ck" CHECK ("org_life_sessions"."mode" in ('online','offline')),
	CONSTRAINT "org_life_sessions_status_ck" CHECK ("org_life_sessions"."status" in ('planned','held','approved'))
);
--> statement-breakpoint
CREATE TABLE "study_lessons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "study_lessons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"minutes" integer NOT NULL,
	"studied_on" date NOT NULL,
	"note" text,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_lessons_minutes_ck" CHECK ("study_lessons"."minutes" > 0 and "study_lessons"."minutes" <= 1440)
);
--> statement-breakpoint
ALTER TABLE "service_orders" DROP CONSTRAINT "service_orders_status_ck";--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "rating_channel" text;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "reporter_name" text;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "cancel_kind" text;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "co_agreement_ratings" ADD CONSTRAINT "co_agreement_ratings_agreement_id_co_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."co_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_agreement_ratings" ADD CONSTRAINT "co_agreement_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_agreements" ADD CONSTRAINT "co_agreements_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_agreements" ADD CONSTRAINT "co_agreements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_deliverables" ADD CONSTRAINT "co_deliverables_agreement_id_co_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."co_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_matches" ADD CONSTRAINT "co_matches_need_id_co_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."co_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_matches" ADD CONSTRAINT "co_matches_resource_id_co_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."co_resources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_matches" ADD CONSTRAINT "co_matches_project_id_co_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."co_projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_matches" ADD CONSTRAINT "co_matches_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_needs" ADD CONSTRAINT "co_needs_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_needs" ADD CONSTRAINT "co_needs_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_needs" ADD CONSTRAINT "co_needs_raised_by_account_id_accounts_id_fk" FOREIGN KEY ("raised_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_project_ratings" ADD CONSTRAINT "co_project_ratings_project_id_co_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."co_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_project_ratings" ADD CONSTRAINT "co_project_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_projects" ADD CONSTRAINT "co_projects_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_projects" ADD CONSTRAINT "co_projects_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_projects" ADD CONSTRAINT "co_projects_owner_account_id_accounts_id_fk" FOREIGN KEY ("owner_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_resources" ADD CONSTRAINT "co_resources_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_resources" ADD CONSTRAINT "co_resources_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_tasks" ADD CONSTRAINT "co_tasks_project_id_co_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."co_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_tasks" ADD CONSTRAINT "co_tasks_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_decision_id_meeting_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."meeting_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_owner_account_id_accounts_id_fk" FOREIGN KEY ("owner_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_corrections" ADD CONSTRAINT "meeting_corrections_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_corrections" ADD CONSTRAINT "meeting_corrections_by_accounts_id_fk" FOREIGN KEY ("by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decisions" ADD CONSTRAINT "meeting_decisions_agenda_item_id_meeting_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."meeting_agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_invitees" ADD CONSTRAINT "meeting_invitees_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_approved_by_accounts_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_attendance" ADD CONSTRAINT "org_life_attendance_session_id_org_life_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."org_life_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_attendance" ADD CONSTRAINT "org_life_attendance_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_attendance" ADD CONSTRAINT "org_life_attendance_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_sessions" ADD CONSTRAINT "org_life_sessions_branch_id_party_orgs_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_sessions" ADD CONSTRAINT "org_life_sessions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_lessons" ADD CONSTRAINT "study_lessons_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_lessons" ADD CONSTRAINT "study_lessons_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "co_agreement_ratings_uq" ON "co_agreement_ratings" USING btree ("agreement_id","account_id");--> statement-breakpoint
CREATE INDEX "co_agreements_scope_idx" ON "co_agreements" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_agreements_unit_idx" ON "co_agreements" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "co_deliverables_agreement_idx" ON "co_deliverables" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "co_matches_need_idx" ON "co_matches" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "co_matches_resource_idx" ON "co_matches" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "co_needs_scope_idx" ON "co_needs" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_needs_community_idx" ON "co_needs" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "co_project_ratings_project_idx" ON "co_project_ratings" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "co_project_ratings_uq" ON "co_project_ratings" USING btree ("project_id","account_id");--> statement-breakpoint
CREATE INDEX "co_projects_scope_idx" ON "co_projects" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_resources_scope_idx" ON "co_resources" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_tasks_project_idx" ON "co_tasks" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "meeting_action_items_scope_idx" ON "meeting_action_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "meeting_action_items_body_idx" ON "meeting_action_items" USING btree ("body_key","status");--> statement-breakpoint
CREATE INDEX "meeting_action_items_remind_idx" ON "meeting_action_items" USING btree ("remind_at");--> statement-breakpoint
CREATE INDEX "meeting_action_items_overdue_idx" ON "meeting_action_items" USING btree ("overdue_at");--> statement-breakpoint
CREATE INDEX "meeting_agenda_items_meeting_idx" ON "meeting_agenda_items" USING btree ("meeting_id","sort_order");--> statement-breakpoint
CREATE INDEX "meeting_corrections_meeting_idx" ON "meeting_corrections" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_decisions_meeting_idx" ON "meeting_decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_invitees_meeting_idx" ON "meeting_invitees" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_invitees_account_idx" ON "meeting_invitees" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "meetings_scope_idx" ON "meetings" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "meetings_body_idx" ON "meetings" USING btree ("body_key","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_attendance_uq" ON "org_life_attendance" USING btree ("session_id","member_id");--> statement-breakpoint
CREATE INDEX "org_life_attendance_member_idx" ON "org_life_attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "org_life_attendance_account_idx" ON "org_life_attendance" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "org_life_sessions_scope_idx" ON "org_life_sessions" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_life_sessions_branch_idx" ON "org_life_sessions" USING btree ("branch_id","kind","held_at");--> statement-breakpoint
CREATE INDEX "study_lessons_member_idx" ON "study_lessons" USING btree ("member_id","studied_on");--> statement-breakpoint
CREATE INDEX "study_lessons_scope_idx" ON "study_lessons" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_rating_channel_ck" CHECK ("service_orders"."rating_channel" is null or "service_orders"."rating_channel" in ('app','phone','visit'));--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_cancel_kind_ck" CHECK ("service_orders"."cancel_kind" is null or "service_orders"."cancel_kind" in ('void','invalid'));--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_status_ck" CHECK ("service_orders"."status" in ('submitted','dispatched','open','accepted','inProgress','resolved','rated','closed','merged','cancelled'));