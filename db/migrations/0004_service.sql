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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_orders_kind_ck" CHECK ("service_orders"."kind" in ('menuService','problem','microWish')),
	CONSTRAINT "service_orders_status_ck" CHECK ("service_orders"."status" in ('submitted','dispatched','open','accepted','inProgress','resolved','rated','closed')),
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
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_household_id_territories_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "order_menu_items_scope_idx" ON "order_menu_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "order_routing_rules_scope_idx" ON "order_routing_rules" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "order_routing_rules_lookup_idx" ON "order_routing_rules" USING btree ("community_id","category");--> statement-breakpoint
CREATE INDEX "order_unit_contacts_unit_idx" ON "order_unit_contacts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "service_orders_scope_idx" ON "service_orders" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "service_orders_status_idx" ON "service_orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_reporter_idx" ON "service_orders" USING btree ("reporter_account_id");--> statement-breakpoint
CREATE INDEX "service_orders_handler_unit_idx" ON "service_orders" USING btree ("handler_unit_id");--> statement-breakpoint
CREATE INDEX "service_orders_handler_member_idx" ON "service_orders" USING btree ("handler_member_id");--> statement-breakpoint
CREATE INDEX "service_orders_handler_account_idx" ON "service_orders" USING btree ("handler_account_id");--> statement-breakpoint
CREATE INDEX "service_orders_escalate_idx" ON "service_orders" USING btree ("escalate_at");--> statement-breakpoint
CREATE INDEX "service_orders_remind_idx" ON "service_orders" USING btree ("remind_at");--> statement-breakpoint
CREATE INDEX "service_orders_escalated_to_idx" ON "service_orders" USING btree ("escalated_to_id");--> statement-breakpoint
CREATE INDEX "signup_codes_phone_idx" ON "signup_codes" USING btree ("phone_hash","created_at");--> statement-breakpoint
CREATE INDEX "signup_codes_ip_idx" ON "signup_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "signup_codes_ticket_idx" ON "signup_codes" USING btree ("ticket_hash");--> statement-breakpoint
CREATE INDEX "signup_requests_scope_idx" ON "signup_requests" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "signup_requests_account_idx" ON "signup_requests" USING btree ("account_id");