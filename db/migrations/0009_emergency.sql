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
CREATE UNIQUE INDEX "river_thresholds_uq" ON "river_thresholds" USING btree ("station_id","metric");