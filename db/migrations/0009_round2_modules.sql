CREATE TABLE "account_grants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"account_id" integer NOT NULL,
	"roles" text[],
	"territory_id" integer,
	"before_roles" text[] NOT NULL,
	"before_territory_id" integer NOT NULL,
	"password_hash" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"requested_by" integer NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_grants_kind_ck" CHECK ("account_grants"."kind" in ('grant','resetPassword')),
	CONSTRAINT "account_grants_state_ck" CHECK ("account_grants"."state" in ('pending','approved','rejected')),
	CONSTRAINT "account_grants_not_self_ck" CHECK ("account_grants"."requested_by" <> "account_grants"."account_id"),
	CONSTRAINT "account_grants_four_eyes_ck" CHECK ("account_grants"."state" <> 'approved' or ("account_grants"."decided_by" is not null and "account_grants"."decided_by" <> "account_grants"."requested_by" and "account_grants"."decided_by" <> "account_grants"."account_id"))
);
--> statement-breakpoint
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
CREATE TABLE "em_campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "em_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"name" text NOT NULL,
	"area_ids" integer[] NOT NULL,
	"area_paths" text[] NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "em_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "em_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"area_ids" integer[] NOT NULL,
	"area_paths" text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"teams" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" integer,
	"ended_at" timestamp with time zone,
	"ended_by" integer,
	"end_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "em_events_kind_ck" CHECK ("em_events"."kind" in ('epidemic','flood','fire','other')),
	CONSTRAINT "em_events_status_ck" CHECK ("em_events"."status" in ('active','ended'))
);
--> statement-breakpoint
CREATE TABLE "em_posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "em_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"duty" text,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "em_posts_kind_ck" CHECK ("em_posts"."kind" in ('dutyPost','responsibilityArea'))
);
--> statement-breakpoint
CREATE TABLE "em_roster" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "em_roster_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"post_id" integer NOT NULL,
	"party_member_id" integer,
	"account_id" integer,
	"name" text NOT NULL,
	"shift" text,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "em_task_assignees" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "em_task_assignees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"task_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"check_in_note" text
);
--> statement-breakpoint
CREATE TABLE "em_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "em_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"post_id" integer,
	"title" text NOT NULL,
	"detail" text,
	"due_at" timestamp with time zone,
	"scope_path" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "em_visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "em_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"order_id" integer,
	"visited_at" timestamp with time zone NOT NULL,
	"by_account_id" integer,
	"by_name" text NOT NULL,
	CONSTRAINT "em_visits_result_ck" CHECK ("em_visits"."result" in ('visited','notHome','needsHelp'))
);
--> statement-breakpoint
CREATE TABLE "recruit_candidates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruit_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"branch_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"birth_date" date,
	"stage" text DEFAULT 'applicant' NOT NULL,
	"applied_on" date NOT NULL,
	"talked_on" date,
	"activist_on" date,
	"target_on" date,
	"probation_on" date,
	"full_on" date,
	"training_hours" integer DEFAULT 0 NOT NULL,
	"introducers" text[] DEFAULT '{}'::text[] NOT NULL,
	"review" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruit_candidates_stage_ck" CHECK ("recruit_candidates"."stage" in ('applicant','activist','target','probationary','full'))
);
--> statement-breakpoint
CREATE TABLE "recruit_moves" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruit_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"candidate_id" integer NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "river_alerts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"station_id" integer NOT NULL,
	"reading_row_id" integer NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"bound" double precision NOT NULL,
	"direction" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"close_note" text,
	CONSTRAINT "river_alerts_status_ck" CHECK ("river_alerts"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE TABLE "river_patrols" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_patrols_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"route_id" integer NOT NULL,
	"patroller_account_id" integer,
	"patroller_name" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"walked" jsonb,
	"note" text,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "river_problems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"patrol_id" integer NOT NULL,
	"description" text NOT NULL,
	"order_id" integer,
	"scope_path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "river_readings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_readings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"station_id" integer NOT NULL,
	"reading_id" text NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"scope_path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "river_rivers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_rivers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"chief" text,
	"course" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "river_routes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_routes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"river_id" integer NOT NULL,
	"name" text NOT NULL,
	"territory_id" integer NOT NULL,
	"line" jsonb NOT NULL,
	"length_m" integer NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "river_stations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_stations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"river_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"location" jsonb,
	"key_hash" text,
	"key_issued_at" timestamp with time zone,
	"responsible_account_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "river_thresholds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "river_thresholds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"station_id" integer NOT NULL,
	"metric" text NOT NULL,
	"min" double precision,
	"max" double precision
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
ALTER TABLE "accounts" ADD COLUMN "temporary_password_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "em_campaigns" ADD CONSTRAINT "em_campaigns_event_id_em_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."em_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_events" ADD CONSTRAINT "em_events_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_events" ADD CONSTRAINT "em_events_started_by_accounts_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_events" ADD CONSTRAINT "em_events_ended_by_accounts_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_posts" ADD CONSTRAINT "em_posts_event_id_em_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."em_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_posts" ADD CONSTRAINT "em_posts_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_roster" ADD CONSTRAINT "em_roster_post_id_em_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."em_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_roster" ADD CONSTRAINT "em_roster_party_member_id_party_members_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_roster" ADD CONSTRAINT "em_roster_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_task_assignees" ADD CONSTRAINT "em_task_assignees_task_id_em_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."em_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_task_assignees" ADD CONSTRAINT "em_task_assignees_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_tasks" ADD CONSTRAINT "em_tasks_event_id_em_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."em_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_tasks" ADD CONSTRAINT "em_tasks_post_id_em_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."em_posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_tasks" ADD CONSTRAINT "em_tasks_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_visits" ADD CONSTRAINT "em_visits_campaign_id_em_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."em_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_visits" ADD CONSTRAINT "em_visits_household_id_territories_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_visits" ADD CONSTRAINT "em_visits_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "em_visits" ADD CONSTRAINT "em_visits_by_account_id_accounts_id_fk" FOREIGN KEY ("by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruit_candidates" ADD CONSTRAINT "recruit_candidates_branch_id_party_orgs_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD CONSTRAINT "recruit_moves_candidate_id_recruit_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."recruit_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD CONSTRAINT "recruit_moves_by_account_id_accounts_id_fk" FOREIGN KEY ("by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_alerts" ADD CONSTRAINT "river_alerts_station_id_river_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."river_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_alerts" ADD CONSTRAINT "river_alerts_reading_row_id_river_readings_id_fk" FOREIGN KEY ("reading_row_id") REFERENCES "public"."river_readings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_alerts" ADD CONSTRAINT "river_alerts_closed_by_accounts_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_patrols" ADD CONSTRAINT "river_patrols_route_id_river_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."river_routes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_patrols" ADD CONSTRAINT "river_patrols_patroller_account_id_accounts_id_fk" FOREIGN KEY ("patroller_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_problems" ADD CONSTRAINT "river_problems_patrol_id_river_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."river_patrols"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_problems" ADD CONSTRAINT "river_problems_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_readings" ADD CONSTRAINT "river_readings_station_id_river_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."river_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_rivers" ADD CONSTRAINT "river_rivers_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_routes" ADD CONSTRAINT "river_routes_river_id_river_rivers_id_fk" FOREIGN KEY ("river_id") REFERENCES "public"."river_rivers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_routes" ADD CONSTRAINT "river_routes_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_stations" ADD CONSTRAINT "river_stations_river_id_river_rivers_id_fk" FOREIGN KEY ("river_id") REFERENCES "public"."river_rivers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "river_thresholds" ADD CONSTRAINT "river_thresholds_station_id_river_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."river_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_client_id_open311_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."open311_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "account_grants_pending_idx" ON "account_grants" USING btree ("state","scope_path");--> statement-breakpoint
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
CREATE INDEX "em_campaigns_event_idx" ON "em_campaigns" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "em_campaigns_scope_idx" ON "em_campaigns" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "em_events_scope_idx" ON "em_events" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "em_posts_event_idx" ON "em_posts" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "em_posts_scope_idx" ON "em_posts" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "em_roster_post_idx" ON "em_roster" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "em_roster_account_idx" ON "em_roster" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "em_task_assignees_uq" ON "em_task_assignees" USING btree ("task_id","account_id");--> statement-breakpoint
CREATE INDEX "em_task_assignees_account_idx" ON "em_task_assignees" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "em_tasks_event_idx" ON "em_tasks" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "em_tasks_scope_idx" ON "em_tasks" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "em_visits_household_uq" ON "em_visits" USING btree ("campaign_id","household_id");--> statement-breakpoint
CREATE INDEX "em_visits_scope_idx" ON "em_visits" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "recruit_candidates_scope_idx" ON "recruit_candidates" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "recruit_candidates_branch_idx" ON "recruit_candidates" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "recruit_moves_candidate_idx" ON "recruit_moves" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "river_alerts_reading_uq" ON "river_alerts" USING btree ("reading_row_id");--> statement-breakpoint
CREATE INDEX "river_alerts_scope_idx" ON "river_alerts" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "river_patrols_scope_idx" ON "river_patrols" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "river_patrols_route_idx" ON "river_patrols" USING btree ("route_id");--> statement-breakpoint
CREATE INDEX "river_problems_patrol_idx" ON "river_problems" USING btree ("patrol_id");--> statement-breakpoint
CREATE UNIQUE INDEX "river_readings_uq" ON "river_readings" USING btree ("station_id","reading_id");--> statement-breakpoint
CREATE INDEX "river_readings_station_idx" ON "river_readings" USING btree ("station_id","measured_at");--> statement-breakpoint
CREATE INDEX "river_readings_scope_idx" ON "river_readings" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "river_rivers_scope_idx" ON "river_rivers" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "river_routes_scope_idx" ON "river_routes" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "river_stations_code_uq" ON "river_stations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "river_stations_scope_idx" ON "river_stations" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "river_thresholds_uq" ON "river_thresholds" USING btree ("station_id","metric");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_clients_key_uq" ON "open311_clients" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "open311_clients_scope_idx" ON "open311_clients" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_token_uq" ON "open311_requests" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_order_uq" ON "open311_requests" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "open311_requests_scope_idx" ON "open311_requests" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
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
CREATE INDEX "vol_teams_scope_idx" ON "vol_teams" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_phone_hash_uq" ON "accounts" USING btree ("phone_hash");