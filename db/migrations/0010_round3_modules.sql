CREATE TABLE "as_annual_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_annual_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"party_org_id" integer NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"year" integer NOT NULL,
	"secretary_name" text NOT NULL,
	"report" text,
	"reported_at" timestamp with time zone,
	"member_weight" integer DEFAULT 40 NOT NULL,
	"resident_weight" integer DEFAULT 30 NOT NULL,
	"superior_weight" integer DEFAULT 30 NOT NULL,
	"closed_at" timestamp with time zone,
	"score" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_annual_reviews_weights_ck" CHECK ("as_annual_reviews"."member_weight" >= 0 and "as_annual_reviews"."resident_weight" >= 0 and "as_annual_reviews"."superior_weight" >= 0 and "as_annual_reviews"."member_weight" + "as_annual_reviews"."resident_weight" + "as_annual_reviews"."superior_weight" = 100)
);
--> statement-breakpoint
CREATE TABLE "as_key_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_key_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"set_by_territory_id" integer NOT NULL,
	"set_by_path" text NOT NULL,
	"title" text NOT NULL,
	"owner_name" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"submitted_at" timestamp with time zone,
	"check_note" text,
	"checked_at" timestamp with time zone,
	"checked_by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_key_tasks_setter_ck" CHECK ("as_key_tasks"."set_by_territory_id" <> "as_key_tasks"."territory_id"),
	CONSTRAINT "as_key_tasks_kind_ck" CHECK ("as_key_tasks"."kind" in ('key','responsibility')),
	CONSTRAINT "as_key_tasks_status_ck" CHECK ("as_key_tasks"."status" in ('open','submitted','accepted','returned'))
);
--> statement-breakpoint
CREATE TABLE "as_reminder_pushes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_reminder_pushes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"month" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"items" integer NOT NULL,
	"recipients" integer NOT NULL,
	"by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "as_review_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_review_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"review_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"rater_kind" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_review_ratings_score_ck" CHECK ("as_review_ratings"."score" between 0 and 100),
	CONSTRAINT "as_review_ratings_kind_ck" CHECK ("as_review_ratings"."rater_kind" in ('member','resident','superior'))
);
--> statement-breakpoint
CREATE TABLE "as_service_item_orders" (
	"order_id" integer PRIMARY KEY NOT NULL,
	"service_item_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "as_visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"by_path" text NOT NULL,
	"visited_on" date NOT NULL,
	"unannounced" boolean DEFAULT false NOT NULL,
	"inspectors" text NOT NULL,
	"summary" text NOT NULL,
	"score" integer,
	"by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_visits_kind_ck" CHECK ("as_visits"."kind" in ('supervision','observation')),
	CONSTRAINT "as_visits_score_ck" CHECK ("as_visits"."score" is null or "as_visits"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "co_alliance_chairs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_chairs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"term_from" date NOT NULL,
	"term_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_alliance_chairs_term_ck" CHECK ("co_alliance_chairs"."term_to" >= "co_alliance_chairs"."term_from")
);
--> statement-breakpoint
CREATE TABLE "co_alliance_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"minutes" text NOT NULL,
	"attending_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_alliance_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit_post" text,
	"committee_post" text NOT NULL,
	"term_from" date NOT NULL,
	"term_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_alliance_members_term_ck" CHECK ("co_alliance_members"."term_to" is null or "co_alliance_members"."term_to" >= "co_alliance_members"."term_from")
);
--> statement-breakpoint
CREATE TABLE "co_alliance_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_alliance_units_left_ck" CHECK ("co_alliance_units"."left_on" is null or "co_alliance_units"."left_on" >= "co_alliance_units"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "co_alliances" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"founded_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compound_areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "compound_areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"compound_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultation_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"consultation_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" integer,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_votes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultation_votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"consultation_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"option" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"notice" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"concluded_at" timestamp with time zone,
	"concluded_by" integer,
	"meeting_id" integer,
	"order_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_status_ck" CHECK ("consultations"."status" in ('open','concluded','withdrawn')),
	CONSTRAINT "consultations_period_ck" CHECK ("consultations"."closes_at" > "consultations"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" DROP CONSTRAINT "meeting_agenda_source_ck";--> statement-breakpoint
DROP INDEX "building_leads_building_uq";--> statement-breakpoint
ALTER TABLE "service_order_rollups" DROP CONSTRAINT "service_order_rollups_grain_period_node_path_handler_unit_id_pk";--> statement-breakpoint
ALTER TABLE "as_rectification_items" ALTER COLUMN "assessment_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "service_order_rollups" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "service_order_rollups" ADD CONSTRAINT "service_order_rollups_grain_period_node_path_handler_unit_id_slot_pk" PRIMARY KEY("grain","period","node_path","handler_unit_id","slot");--> statement-breakpoint
ALTER TABLE "as_rectification_items" ADD COLUMN "visit_id" integer;--> statement-breakpoint
ALTER TABLE "as_rectification_items" ADD COLUMN "review_id" integer;--> statement-breakpoint
ALTER TABLE "co_agreements" ADD COLUMN "alliance_id" integer;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD COLUMN "vote_eligible" integer;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD COLUMN "vote_present" integer;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD COLUMN "vote_for" integer;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD COLUMN "vote_against" integer;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD COLUMN "vote_abstain" integer;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD COLUMN "approved_by" text;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD COLUMN "approved_on" date;--> statement-breakpoint
ALTER TABLE "building_leads" ADD COLUMN "role" text DEFAULT 'lead' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD COLUMN "consultation_id" integer;--> statement-breakpoint
ALTER TABLE "dual_registrations" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "signup_codes" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "signup_codes" ADD COLUMN "consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD COLUMN "consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "as_annual_reviews" ADD CONSTRAINT "as_annual_reviews_party_org_id_party_orgs_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_annual_reviews" ADD CONSTRAINT "as_annual_reviews_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_key_tasks" ADD CONSTRAINT "as_key_tasks_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_key_tasks" ADD CONSTRAINT "as_key_tasks_set_by_territory_id_territories_id_fk" FOREIGN KEY ("set_by_territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_key_tasks" ADD CONSTRAINT "as_key_tasks_checked_by_account_id_accounts_id_fk" FOREIGN KEY ("checked_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_reminder_pushes" ADD CONSTRAINT "as_reminder_pushes_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_reminder_pushes" ADD CONSTRAINT "as_reminder_pushes_by_account_id_accounts_id_fk" FOREIGN KEY ("by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_review_ratings" ADD CONSTRAINT "as_review_ratings_review_id_as_annual_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."as_annual_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_review_ratings" ADD CONSTRAINT "as_review_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_service_item_orders" ADD CONSTRAINT "as_service_item_orders_service_item_id_as_service_items_id_fk" FOREIGN KEY ("service_item_id") REFERENCES "public"."as_service_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_service_item_orders" ADD CONSTRAINT "as_service_item_orders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_visits" ADD CONSTRAINT "as_visits_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_visits" ADD CONSTRAINT "as_visits_by_account_id_accounts_id_fk" FOREIGN KEY ("by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_chairs" ADD CONSTRAINT "co_alliance_chairs_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_chairs" ADD CONSTRAINT "co_alliance_chairs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_meetings" ADD CONSTRAINT "co_alliance_meetings_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_members" ADD CONSTRAINT "co_alliance_members_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_members" ADD CONSTRAINT "co_alliance_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_units" ADD CONSTRAINT "co_alliance_units_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_units" ADD CONSTRAINT "co_alliance_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliances" ADD CONSTRAINT "co_alliances_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound_areas" ADD CONSTRAINT "compound_areas_compound_id_territories_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound_areas" ADD CONSTRAINT "compound_areas_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_hidden_by_accounts_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_votes" ADD CONSTRAINT "consultation_votes_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_votes" ADD CONSTRAINT "consultation_votes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_concluded_by_accounts_id_fk" FOREIGN KEY ("concluded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "as_annual_reviews_scope_idx" ON "as_annual_reviews" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "as_annual_reviews_uq" ON "as_annual_reviews" USING btree ("party_org_id","year");--> statement-breakpoint
CREATE INDEX "as_key_tasks_scope_idx" ON "as_key_tasks" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "as_key_tasks_due_idx" ON "as_key_tasks" USING btree ("due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "as_reminder_pushes_uq" ON "as_reminder_pushes" USING btree ("month","territory_id");--> statement-breakpoint
CREATE INDEX "as_reminder_pushes_scope_idx" ON "as_reminder_pushes" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "as_review_ratings_once_uq" ON "as_review_ratings" USING btree ("review_id","account_id");--> statement-breakpoint
CREATE INDEX "as_service_item_orders_item_idx" ON "as_service_item_orders" USING btree ("service_item_id");--> statement-breakpoint
CREATE INDEX "as_visits_scope_idx" ON "as_visits" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "co_alliance_chairs_uq" ON "co_alliance_chairs" USING btree ("alliance_id","term_from");--> statement-breakpoint
CREATE INDEX "co_alliance_meetings_alliance_idx" ON "co_alliance_meetings" USING btree ("alliance_id","held_on");--> statement-breakpoint
CREATE INDEX "co_alliance_members_alliance_idx" ON "co_alliance_members" USING btree ("alliance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "co_alliance_units_uq" ON "co_alliance_units" USING btree ("alliance_id","unit_id");--> statement-breakpoint
CREATE INDEX "co_alliances_scope_idx" ON "co_alliances" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "co_alliances_name_uq" ON "co_alliances" USING btree ("territory_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "compound_areas_compound_uq" ON "compound_areas" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "compound_areas_community_idx" ON "compound_areas" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "compound_areas_scope_idx" ON "compound_areas" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultation_comments_consultation_idx" ON "consultation_comments" USING btree ("consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "consultation_comments_account_idx" ON "consultation_comments" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_votes_uq" ON "consultation_votes" USING btree ("consultation_id","account_id");--> statement-breakpoint
CREATE INDEX "consultations_scope_idx" ON "consultations" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "consultations_opens_idx" ON "consultations" USING btree ("opens_at");--> statement-breakpoint
ALTER TABLE "as_rectification_items" ADD CONSTRAINT "as_rectification_items_visit_id_as_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."as_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_rectification_items" ADD CONSTRAINT "as_rectification_items_review_id_as_annual_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."as_annual_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_agreements" ADD CONSTRAINT "co_agreements_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "as_rect_items_visit_idx" ON "as_rectification_items" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "as_rect_items_review_idx" ON "as_rectification_items" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "as_rect_items_scope_idx" ON "as_rectification_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "building_leads_building_role_uq" ON "building_leads" USING btree ("building_id","role");--> statement-breakpoint
ALTER TABLE "party_members" DROP COLUMN "points";--> statement-breakpoint
ALTER TABLE "as_rectification_items" ADD CONSTRAINT "as_rect_items_source_ck" CHECK (num_nonnulls("as_rectification_items"."assessment_id", "as_rectification_items"."visit_id", "as_rectification_items"."review_id") = 1);--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_source_ck" CHECK ("meeting_agenda_items"."source" in ('staff','hotspot','overdueOrder','carriedOver','consultation'));