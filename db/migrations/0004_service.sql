CREATE TABLE "mediation_cases" (
	"order_id" integer PRIMARY KEY NOT NULL,
	"team_id" integer,
	"mediator_id" integer,
	"agreement_text" text,
	"agreement_signed_on" date,
	"agreement_attachment_id" integer,
	"outcome" text,
	"outcome_note" text,
	"outcome_at" timestamp with time zone,
	"follow_up_due_on" date,
	"follow_up_on" date,
	"follow_up_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_cases_outcome_ck" CHECK ("mediation_cases"."outcome" is null or "mediation_cases"."outcome" in ('agreed','partlyAgreed','failed','referredJudicial','referredCourt'))
);
--> statement-breakpoint
CREATE TABLE "mediation_parties" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediation_parties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"contact_enc" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_parties_role_ck" CHECK ("mediation_parties"."role" in ('applicant','respondent','other'))
);
--> statement-breakpoint
CREATE TABLE "mediation_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediation_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"attendees" jsonb NOT NULL,
	"notes" text NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mediation_team_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediation_team_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"team_id" integer NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"phone_enc" text,
	"party_member_id" integer,
	"account_id" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_team_members_role_ck" CHECK ("mediation_team_members"."role" in ('leader','mediator','member'))
);
--> statement-breakpoint
CREATE TABLE "mediation_teams" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mediation_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"place" text,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"mode" text DEFAULT 'instant' NOT NULL,
	"digest_hour" smallint DEFAULT 18 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_mode_ck" CHECK ("notification_preferences"."mode" in ('instant','dailyDigest')),
	CONSTRAINT "notification_preferences_hour_ck" CHECK ("notification_preferences"."digest_hour" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"order_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"held" boolean DEFAULT false NOT NULL,
	"digest_id" integer,
	"digest_day" text
);
--> statement-breakpoint
CREATE TABLE "order_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"event_id" integer,
	"stage" text NOT NULL,
	"original_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploader_id" integer,
	"uploader_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_attachments_stage_ck" CHECK ("order_attachments"."stage" in ('report','resolve','other')),
	CONSTRAINT "order_attachments_sha_ck" CHECK ("order_attachments"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "order_co_reporters" (
	"order_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"source_order_id" integer,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_co_reporters_order_id_account_id_pk" PRIMARY KEY("order_id","account_id"),
	CONSTRAINT "order_co_reporters_rating_ck" CHECK ("order_co_reporters"."rating" is null or "order_co_reporters"."rating" in ('satisfied','basic','unsatisfied'))
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" integer,
	"actor_name" text,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "order_menu_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_menu_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"description" text,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_routing_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_routing_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"category" text NOT NULL,
	"handler_kind" text NOT NULL,
	"unit_id" integer,
	"department" text,
	"respond_hours" integer NOT NULL,
	"resolve_hours" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_routing_rules_kind_ck" CHECK ("order_routing_rules"."handler_kind" in ('unit','department','gridWorker'))
);
--> statement-breakpoint
CREATE TABLE "order_unit_contacts" (
	"account_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "order_unit_contacts_account_id_unit_id_pk" PRIMARY KEY("account_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "service_order_rollups" (
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"node_path" text NOT NULL,
	"handler_unit_id" integer DEFAULT 0 NOT NULL,
	"found" integer DEFAULT 0 NOT NULL,
	"claimed" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"responded_on_time" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"resolve_ms" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "service_order_rollups_grain_period_node_path_handler_unit_id_pk" PRIMARY KEY("grain","period","node_path","handler_unit_id"),
	CONSTRAINT "service_order_rollups_grain_ck" CHECK ("service_order_rollups"."grain" in ('d','m','y'))
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"menu_item_id" integer,
	"community_id" integer NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"address" text,
	"grid_id" integer,
	"reporter_account_id" integer,
	"handler_kind" text,
	"handler_unit_id" integer,
	"handler_member_id" integer,
	"handler_account_id" integer,
	"handler_department" text,
	"respond_hours" integer NOT NULL,
	"resolve_hours" integer NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"resolve_by" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"remind_at" timestamp with time zone,
	"escalate_at" timestamp with time zone,
	"escalation_level" text,
	"escalated_to_id" integer,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"return_count" integer DEFAULT 0 NOT NULL,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"merged_into_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_orders_kind_ck" CHECK ("service_orders"."kind" in ('menuService','problem','microWish','mediation')),
	CONSTRAINT "service_orders_status_ck" CHECK ("service_orders"."status" in ('submitted','dispatched','open','accepted','inProgress','resolved','rated','closed','merged')),
	CONSTRAINT "service_orders_rating_ck" CHECK ("service_orders"."rating" is null or "service_orders"."rating" in ('satisfied','basic','unsatisfied'))
);
--> statement-breakpoint
CREATE TABLE "signup_codes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "signup_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"phone_hash" text NOT NULL,
	"ip" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"verified_at" timestamp with time zone,
	"ticket_hash" text,
	"ticket_expires_at" timestamp with time zone,
	"name" text,
	"password_hash" text,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signup_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "signup_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL,
	"status" text NOT NULL,
	"resident_id" integer,
	"reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "signup_requests_status_ck" CHECK ("signup_requests"."status" in ('linked','pending','confirmed','rejected'))
);
--> statement-breakpoint
ALTER TABLE "mediation_cases" ADD CONSTRAINT "mediation_cases_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_cases" ADD CONSTRAINT "mediation_cases_team_id_mediation_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."mediation_teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_cases" ADD CONSTRAINT "mediation_cases_mediator_id_mediation_team_members_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."mediation_team_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_parties" ADD CONSTRAINT "mediation_parties_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_team_members" ADD CONSTRAINT "mediation_team_members_team_id_mediation_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."mediation_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_team_members" ADD CONSTRAINT "mediation_team_members_party_member_id_party_members_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_team_members" ADD CONSTRAINT "mediation_team_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_teams" ADD CONSTRAINT "mediation_teams_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_digest_id_notifications_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_attachments" ADD CONSTRAINT "order_attachments_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_attachments" ADD CONSTRAINT "order_attachments_event_id_order_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."order_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_attachments" ADD CONSTRAINT "order_attachments_uploader_id_accounts_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_reporters" ADD CONSTRAINT "order_co_reporters_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_reporters" ADD CONSTRAINT "order_co_reporters_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_co_reporters" ADD CONSTRAINT "order_co_reporters_source_order_id_service_orders_id_fk" FOREIGN KEY ("source_order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_menu_items" ADD CONSTRAINT "order_menu_items_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_routing_rules" ADD CONSTRAINT "order_routing_rules_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_routing_rules" ADD CONSTRAINT "order_routing_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_unit_contacts" ADD CONSTRAINT "order_unit_contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_unit_contacts" ADD CONSTRAINT "order_unit_contacts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_reporter_account_id_accounts_id_fk" FOREIGN KEY ("reporter_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_handler_unit_id_units_id_fk" FOREIGN KEY ("handler_unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_handler_member_id_party_members_id_fk" FOREIGN KEY ("handler_member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_handler_account_id_accounts_id_fk" FOREIGN KEY ("handler_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_escalated_to_id_territories_id_fk" FOREIGN KEY ("escalated_to_id") REFERENCES "public"."territories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_merged_into_id_service_orders_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_household_id_territories_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mediation_cases_team_idx" ON "mediation_cases" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "mediation_parties_order_idx" ON "mediation_parties" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "mediation_sessions_order_idx" ON "mediation_sessions" USING btree ("order_id","held_at");--> statement-breakpoint
CREATE INDEX "mediation_team_members_team_idx" ON "mediation_team_members" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "mediation_teams_scope_idx" ON "mediation_teams" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "mediation_teams_community_idx" ON "mediation_teams" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "notifications_inbox_idx" ON "notifications" USING btree ("account_id","held","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("account_id") WHERE "notifications"."read_at" is null and not "notifications"."held";--> statement-breakpoint
CREATE INDEX "notifications_pending_digest_idx" ON "notifications" USING btree ("account_id","id") WHERE "notifications"."held" and "notifications"."digest_id" is null;--> statement-breakpoint
CREATE INDEX "notifications_order_idx" ON "notifications" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_digest_day_uq" ON "notifications" USING btree ("account_id","digest_day");--> statement-breakpoint
CREATE INDEX "order_attachments_order_idx" ON "order_attachments" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_co_reporters_account_idx" ON "order_co_reporters" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "order_menu_items_scope_idx" ON "order_menu_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "order_routing_rules_scope_idx" ON "order_routing_rules" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "order_routing_rules_lookup_idx" ON "order_routing_rules" USING btree ("community_id","category");--> statement-breakpoint
CREATE INDEX "order_unit_contacts_unit_idx" ON "order_unit_contacts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "service_order_rollups_node_idx" ON "service_order_rollups" USING btree ("grain","node_path" text_pattern_ops,"period");--> statement-breakpoint
CREATE INDEX "service_orders_scope_idx" ON "service_orders" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_orders_status_idx" ON "service_orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_reporter_idx" ON "service_orders" USING btree ("reporter_account_id");--> statement-breakpoint
CREATE INDEX "service_orders_handler_unit_idx" ON "service_orders" USING btree ("handler_unit_id");--> statement-breakpoint
CREATE INDEX "service_orders_handler_member_idx" ON "service_orders" USING btree ("handler_member_id");--> statement-breakpoint
CREATE INDEX "service_orders_handler_account_idx" ON "service_orders" USING btree ("handler_account_id");--> statement-breakpoint
CREATE INDEX "service_orders_escalate_idx" ON "service_orders" USING btree ("escalate_at");--> statement-breakpoint
CREATE INDEX "service_orders_remind_idx" ON "service_orders" USING btree ("remind_at");--> statement-breakpoint
CREATE INDEX "service_orders_escalated_to_idx" ON "service_orders" USING btree ("escalated_to_id");--> statement-breakpoint
CREATE INDEX "service_orders_duplicates_idx" ON "service_orders" USING btree ("community_id","category","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_merged_into_idx" ON "service_orders" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "service_orders_created_idx" ON "service_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "service_orders_open_idx" ON "service_orders" USING btree ("scope_path" text_pattern_ops) WHERE status in ('submitted','dispatched','open','accepted','inProgress');--> statement-breakpoint
CREATE INDEX "signup_codes_phone_idx" ON "signup_codes" USING btree ("phone_hash","created_at");--> statement-breakpoint
CREATE INDEX "signup_codes_ip_idx" ON "signup_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "signup_codes_ticket_idx" ON "signup_codes" USING btree ("ticket_hash");--> statement-breakpoint
CREATE INDEX "signup_requests_scope_idx" ON "signup_requests" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "signup_requests_account_idx" ON "signup_requests" USING btree ("account_id");