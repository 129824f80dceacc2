CREATE TABLE "as_visit_scores" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_visit_scores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"visit_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"visitor_name" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_visit_scores_score_ck" CHECK ("as_visit_scores"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "co_challenge_applicants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_challenge_applicants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"challenge_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer,
	"account_id" integer,
	"plan" text NOT NULL,
	"applied_on" date NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_challenge_applicants_decision_ck" CHECK ("co_challenge_applicants"."decision" in ('pending','picked','notPicked'))
);
--> statement-breakpoint
CREATE TABLE "co_challenge_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_challenge_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"challenge_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_challenge_ratings_stars_ck" CHECK ("co_challenge_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "co_challenge_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_challenge_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"challenge_id" integer NOT NULL,
	"reported_on" date NOT NULL,
	"text" text NOT NULL,
	"reported_by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_challenges" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_challenges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"deadline" date NOT NULL,
	"reward" text NOT NULL,
	"public" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"posted_by_account_id" integer,
	"posted_on" date NOT NULL,
	"taken_on" date,
	"closed_on" date,
	"outcome" text,
	"poster_stars" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_challenges_status_ck" CHECK ("co_challenges"."status" in ('open','taken','inProgress','solved','failed','withdrawn')),
	CONSTRAINT "co_challenges_stars_ck" CHECK ("co_challenges"."poster_stars" is null or "co_challenges"."poster_stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "co_item_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_item_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"item_id" integer NOT NULL,
	"loan_id" integer,
	"kind" text NOT NULL,
	"condition" text,
	"note" text,
	"account_id" integer,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_item_loans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_item_loans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"item_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"borrower_account_id" integer,
	"borrower_name" text NOT NULL,
	"borrower_phone" text,
	"channel" text NOT NULL,
	"status" text DEFAULT 'out' NOT NULL,
	"lent_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"condition_out" text NOT NULL,
	"return_requested_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"condition_in" text,
	"note" text,
	"lent_by_account_id" integer,
	"received_by_account_id" integer,
	"reminded_at" timestamp with time zone,
	"overdue_notice_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_shared_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_shared_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"community_path" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"condition" text DEFAULT 'good' NOT NULL,
	"location" text NOT NULL,
	"photo_url" text,
	"description" text,
	"status" text DEFAULT 'available' NOT NULL,
	"max_days" integer DEFAULT 7 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_shared_items_max_days_ck" CHECK ("co_shared_items"."max_days" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"worker_id" integer,
	"member_id" integer,
	"visitor_name" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"community_id" integer NOT NULL,
	"grid_id" integer,
	"visited_on" date NOT NULL,
	"note" text,
	"finding" text,
	"follow_up" integer DEFAULT 0 NOT NULL,
	"order_id" integer,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_visitor_ck" CHECK ("visits"."worker_id" is not null or "visits"."member_id" is not null or "visits"."visitor_name" <> ''),
	CONSTRAINT "visits_follow_up_ck" CHECK ("visits"."follow_up" in (0, 1))
);
--> statement-breakpoint
ALTER TABLE "as_visits" DROP CONSTRAINT "as_visits_score_ck";--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" DROP CONSTRAINT "meeting_agenda_source_ck";--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD COLUMN "need_id" integer;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD COLUMN "flag_kind" text;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD COLUMN "flag_id" integer;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "origin" text DEFAULT 'report' NOT NULL;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "personal_data_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "as_visit_scores" ADD CONSTRAINT "as_visit_scores_visit_id_as_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."as_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_visit_scores" ADD CONSTRAINT "as_visit_scores_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_applicants" ADD CONSTRAINT "co_challenge_applicants_challenge_id_co_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."co_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_applicants" ADD CONSTRAINT "co_challenge_applicants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_applicants" ADD CONSTRAINT "co_challenge_applicants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_ratings" ADD CONSTRAINT "co_challenge_ratings_challenge_id_co_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."co_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_ratings" ADD CONSTRAINT "co_challenge_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_reports" ADD CONSTRAINT "co_challenge_reports_challenge_id_co_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."co_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_reports" ADD CONSTRAINT "co_challenge_reports_reported_by_account_id_accounts_id_fk" FOREIGN KEY ("reported_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenges" ADD CONSTRAINT "co_challenges_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenges" ADD CONSTRAINT "co_challenges_posted_by_account_id_accounts_id_fk" FOREIGN KEY ("posted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_events" ADD CONSTRAINT "co_item_events_item_id_co_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."co_shared_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_events" ADD CONSTRAINT "co_item_events_loan_id_co_item_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."co_item_loans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_events" ADD CONSTRAINT "co_item_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_item_id_co_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."co_shared_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_borrower_account_id_accounts_id_fk" FOREIGN KEY ("borrower_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_lent_by_account_id_accounts_id_fk" FOREIGN KEY ("lent_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_received_by_account_id_accounts_id_fk" FOREIGN KEY ("received_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_shared_items" ADD CONSTRAINT "co_shared_items_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_shared_items" ADD CONSTRAINT "co_shared_items_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_worker_id_grid_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."grid_workers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "as_visit_scores_once_uq" ON "as_visit_scores" USING btree ("visit_id","account_id");--> statement-breakpoint
CREATE INDEX "co_challenge_applicants_challenge_idx" ON "co_challenge_applicants" USING btree ("challenge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "co_challenge_ratings_uq" ON "co_challenge_ratings" USING btree ("challenge_id","account_id");--> statement-breakpoint
CREATE INDEX "co_challenge_reports_challenge_idx" ON "co_challenge_reports" USING btree ("challenge_id","reported_on");--> statement-breakpoint
CREATE INDEX "co_challenges_scope_idx" ON "co_challenges" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_item_events_item_idx" ON "co_item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "co_item_loans_open_uq" ON "co_item_loans" USING btree ("item_id") WHERE "co_item_loans"."status" in ('out', 'returnRequested');--> statement-breakpoint
CREATE INDEX "co_item_loans_scope_idx" ON "co_item_loans" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_item_loans_borrower_idx" ON "co_item_loans" USING btree ("borrower_account_id");--> statement-breakpoint
CREATE INDEX "co_item_loans_due_idx" ON "co_item_loans" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "co_shared_items_scope_idx" ON "co_shared_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_shared_items_community_idx" ON "co_shared_items" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "visits_scope_idx" ON "visits" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visits_worker_idx" ON "visits" USING btree ("worker_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_member_idx" ON "visits" USING btree ("member_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_territory_idx" ON "visits" USING btree ("territory_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_order_idx" ON "visits" USING btree ("order_id");--> statement-breakpoint
-- Hand-added (decision 037): a 观摩 score kept before this migration becomes its recorder's score, so no score is lost
-- when the column goes (a visit recorded by an account that no longer exists keeps no score: there is no visitor).
INSERT INTO "as_visit_scores" ("visit_id", "account_id", "visitor_name", "score", "created_at")
SELECT v."id", v."by_account_id", a."display_name", v."score", v."created_at"
FROM "as_visits" v JOIN "accounts" a ON a."id" = v."by_account_id"
WHERE v."score" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "as_visits" DROP COLUMN "score";--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_source_ck" CHECK ("meeting_agenda_items"."source" in ('staff','hotspot','overdueOrder','carriedOver','consultation','need','flag'));--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_origin_ck" CHECK ("service_orders"."origin" in ('report','patrol'));