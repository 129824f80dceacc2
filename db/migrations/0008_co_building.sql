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
CREATE INDEX "co_matches_need_idx" ON "co_matches" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "co_matches_resource_idx" ON "co_matches" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "co_needs_scope_idx" ON "co_needs" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_needs_community_idx" ON "co_needs" USING btree ("community_id","status");--> statement-breakpoint
CREATE INDEX "co_project_ratings_project_idx" ON "co_project_ratings" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "co_project_ratings_uq" ON "co_project_ratings" USING btree ("project_id","account_id");--> statement-breakpoint
CREATE INDEX "co_projects_scope_idx" ON "co_projects" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_resources_scope_idx" ON "co_resources" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_tasks_project_idx" ON "co_tasks" USING btree ("project_id");