CREATE TABLE "as_assessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"checklist_id" integer NOT NULL,
	"party_org_id" integer NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"peer_territory_id" integer NOT NULL,
	"peer_path" text NOT NULL,
	"stage" text DEFAULT 'selfCheck' NOT NULL,
	"score" double precision,
	"grade" text,
	"graded_at" timestamp with time zone,
	"weak" boolean DEFAULT false NOT NULL,
	"recheck_score" double precision,
	"weak_cleared_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_assessments_peer_ck" CHECK ("as_assessments"."peer_territory_id" <> "as_assessments"."territory_id"),
	CONSTRAINT "as_assessments_stage_ck" CHECK ("as_assessments"."stage" in ('selfCheck','peerReview','superiorReview','graded')),
	CONSTRAINT "as_assessments_grade_ck" CHECK ("as_assessments"."grade" is null or "as_assessments"."grade" in ('advanced','pass','lagging'))
);
--> statement-breakpoint
CREATE TABLE "as_bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"room_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"booker_kind" text NOT NULL,
	"booker_name" text NOT NULL,
	"purpose" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_bookings_span_ck" CHECK ("as_bookings"."ends_at" > "as_bookings"."starts_at"),
	CONSTRAINT "as_bookings_status_ck" CHECK ("as_bookings"."status" in ('booked','cancelled')),
	CONSTRAINT "as_bookings_kind_ck" CHECK ("as_bookings"."booker_kind" in ('unit','organisation','residentsGroup'))
);
--> statement-breakpoint
CREATE TABLE "as_centres" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_centres_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"area_m_2" integer NOT NULL,
	"opening_hours" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_centres_area_ck" CHECK ("as_centres"."area_m_2" > 0)
);
--> statement-breakpoint
CREATE TABLE "as_checklist_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_checklist_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"checklist_id" integer NOT NULL,
	"title" text NOT NULL,
	"weight" integer NOT NULL,
	"max_score" integer NOT NULL,
	"evidence_required" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "as_checklist_items_ck" CHECK ("as_checklist_items"."weight" > 0 and "as_checklist_items"."max_score" > 0)
);
--> statement-breakpoint
CREATE TABLE "as_checklists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_checklists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"domain" text NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"advanced_min" integer DEFAULT 90 NOT NULL,
	"pass_min" integer DEFAULT 70 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_checklists_rule_ck" CHECK ("as_checklists"."pass_min" >= 0 and "as_checklists"."advanced_min" > "as_checklists"."pass_min" and "as_checklists"."advanced_min" <= 100)
);
--> statement-breakpoint
CREATE TABLE "as_rating_periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_rating_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"supervisor_weight" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_rating_periods_ck" CHECK ("as_rating_periods"."ends_on" >= "as_rating_periods"."starts_on" and "as_rating_periods"."supervisor_weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "as_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"period_id" integer NOT NULL,
	"service_unit_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"account_id" integer NOT NULL,
	"rater_kind" text NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"reply" text,
	"replied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_ratings_stars_ck" CHECK ("as_ratings"."stars" between 1 and 5),
	CONSTRAINT "as_ratings_kind_ck" CHECK ("as_ratings"."rater_kind" in ('resident','supervisor'))
);
--> statement-breakpoint
CREATE TABLE "as_rectification_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_rectification_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assessment_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "as_rooms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_rooms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"centre_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "as_scores" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_scores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assessment_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"round" text NOT NULL,
	"score" double precision NOT NULL,
	"evidence" text,
	"by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_scores_round_ck" CHECK ("as_scores"."round" in ('self','peer','superior','recheck'))
);
--> statement-breakpoint
CREATE TABLE "as_sent_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_sent_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"department" text NOT NULL,
	"title" text NOT NULL,
	"workload_item_id" integer,
	"status" text NOT NULL,
	"reason" text,
	"sent_by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_sent_tasks_status_ck" CHECK ("as_sent_tasks"."status" in ('accepted','refused'))
);
--> statement-breakpoint
CREATE TABLE "as_service_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_service_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"department" text NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"time_limit_days" integer NOT NULL,
	"at_most_once" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_service_items_category_ck" CHECK ("as_service_items"."category" in ('permit','convenience')),
	CONSTRAINT "as_service_items_limit_ck" CHECK ("as_service_items"."time_limit_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "as_service_unit_contacts" (
	"service_unit_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	CONSTRAINT "as_service_unit_contacts_service_unit_id_account_id_pk" PRIMARY KEY("service_unit_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "as_service_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_service_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_service_units_kind_ck" CHECK ("as_service_units"."kind" in ('window','department','property'))
);
--> statement-breakpoint
CREATE TABLE "as_supervisors" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "as_workload_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_workload_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"department" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_models" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispatch_models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"samples" integer NOT NULL,
	"model" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_clients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "open311_clients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"account_id" integer NOT NULL,
	"per_minute" integer DEFAULT 60 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "open311_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"client_id" integer NOT NULL,
	"token" text NOT NULL,
	"service_code" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "as_assessments" ADD CONSTRAINT "as_assessments_checklist_id_as_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."as_checklists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_assessments" ADD CONSTRAINT "as_assessments_party_org_id_party_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_assessments" ADD CONSTRAINT "as_assessments_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_assessments" ADD CONSTRAINT "as_assessments_peer_territory_id_territories_id_fk" FOREIGN KEY ("peer_territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_bookings" ADD CONSTRAINT "as_bookings_room_id_as_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."as_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_bookings" ADD CONSTRAINT "as_bookings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_centres" ADD CONSTRAINT "as_centres_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_checklist_items" ADD CONSTRAINT "as_checklist_items_checklist_id_as_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."as_checklists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_checklists" ADD CONSTRAINT "as_checklists_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_rating_periods" ADD CONSTRAINT "as_rating_periods_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_ratings" ADD CONSTRAINT "as_ratings_period_id_as_rating_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."as_rating_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_ratings" ADD CONSTRAINT "as_ratings_service_unit_id_as_service_units_id_fk" FOREIGN KEY ("service_unit_id") REFERENCES "public"."as_service_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_ratings" ADD CONSTRAINT "as_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_rectification_items" ADD CONSTRAINT "as_rectification_items_assessment_id_as_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."as_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_rooms" ADD CONSTRAINT "as_rooms_centre_id_as_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."as_centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_scores" ADD CONSTRAINT "as_scores_assessment_id_as_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."as_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_scores" ADD CONSTRAINT "as_scores_item_id_as_checklist_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."as_checklist_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_scores" ADD CONSTRAINT "as_scores_by_account_id_accounts_id_fk" FOREIGN KEY ("by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_sent_tasks" ADD CONSTRAINT "as_sent_tasks_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_sent_tasks" ADD CONSTRAINT "as_sent_tasks_workload_item_id_as_workload_items_id_fk" FOREIGN KEY ("workload_item_id") REFERENCES "public"."as_workload_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_sent_tasks" ADD CONSTRAINT "as_sent_tasks_sent_by_account_id_accounts_id_fk" FOREIGN KEY ("sent_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_service_items" ADD CONSTRAINT "as_service_items_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_service_unit_contacts" ADD CONSTRAINT "as_service_unit_contacts_service_unit_id_as_service_units_id_fk" FOREIGN KEY ("service_unit_id") REFERENCES "public"."as_service_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_service_unit_contacts" ADD CONSTRAINT "as_service_unit_contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_service_units" ADD CONSTRAINT "as_service_units_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_supervisors" ADD CONSTRAINT "as_supervisors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_workload_items" ADD CONSTRAINT "as_workload_items_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_client_id_open311_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."open311_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "as_assessments_scope_idx" ON "as_assessments" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_assessments_peer_idx" ON "as_assessments" USING btree ("peer_territory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "as_assessments_org_uq" ON "as_assessments" USING btree ("checklist_id","party_org_id");--> statement-breakpoint
CREATE INDEX "as_bookings_room_idx" ON "as_bookings" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE INDEX "as_bookings_scope_idx" ON "as_bookings" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_centres_scope_idx" ON "as_centres" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_checklist_items_list_idx" ON "as_checklist_items" USING btree ("checklist_id");--> statement-breakpoint
CREATE INDEX "as_checklists_scope_idx" ON "as_checklists" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_rating_periods_scope_idx" ON "as_rating_periods" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "as_ratings_once_uq" ON "as_ratings" USING btree ("period_id","service_unit_id","account_id");--> statement-breakpoint
CREATE INDEX "as_ratings_scope_idx" ON "as_ratings" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_rect_items_assessment_idx" ON "as_rectification_items" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "as_rooms_centre_idx" ON "as_rooms" USING btree ("centre_id");--> statement-breakpoint
CREATE UNIQUE INDEX "as_scores_uq" ON "as_scores" USING btree ("assessment_id","round","item_id");--> statement-breakpoint
CREATE INDEX "as_sent_tasks_scope_idx" ON "as_sent_tasks" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_service_items_scope_idx" ON "as_service_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_service_units_scope_idx" ON "as_service_units" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_supervisors_scope_idx" ON "as_supervisors" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_workload_items_scope_idx" ON "as_workload_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "as_workload_items_code_uq" ON "as_workload_items" USING btree ("territory_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_clients_key_uq" ON "open311_clients" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "open311_clients_scope_idx" ON "open311_clients" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_token_uq" ON "open311_requests" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_order_uq" ON "open311_requests" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "open311_requests_scope_idx" ON "open311_requests" USING btree ("scope_path" text_pattern_ops);