CREATE TABLE "cadre_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cadre_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cadre_name" text NOT NULL,
	"unit_name" text NOT NULL,
	"position" text,
	"kind" text NOT NULL,
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"duties" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cadre_assignments_kind_ck" CHECK ("cadre_assignments"."kind" in ('liaison', 'sentDown')),
	CONSTRAINT "cadre_assignments_period_ck" CHECK ("cadre_assignments"."to_on" is null or "cadre_assignments"."to_on" >= "cadre_assignments"."from_on")
);
--> statement-breakpoint
CREATE TABLE "cadre_work_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cadre_work_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"assignment_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"worked_on" date NOT NULL,
	"found" text,
	"handled" text,
	"order_id" integer,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cadre_work_records_content_ck" CHECK ("cadre_work_records"."found" is not null or "cadre_work_records"."handled" is not null)
);
--> statement-breakpoint
CREATE TABLE "community_worker_posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_worker_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"worker_id" integer NOT NULL,
	"post" text NOT NULL,
	"title" text,
	"from_on" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_worker_posts_post_ck" CHECK ("community_worker_posts"."post" in ('head', 'deputy', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "community_workers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_workers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"phone" text,
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"started_on" date NOT NULL,
	"degree" text DEFAULT 'none' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_workers_degree_ck" CHECK ("community_workers"."degree" in ('none', 'bachelor', 'master', 'doctorate')),
	CONSTRAINT "community_workers_status_ck" CHECK ("community_workers"."status" in ('active', 'left'))
);
--> statement-breakpoint
CREATE TABLE "reserve_talents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reserve_talents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"source" text NOT NULL,
	"birth_year" integer,
	"status" text DEFAULT 'pool' NOT NULL,
	"note" text,
	"entered_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reserve_talents_source_ck" CHECK ("reserve_talents"."source" in ('gridWorker', 'veteran', 'graduate', 'migrant', 'entrepreneur', 'other')),
	CONSTRAINT "reserve_talents_status_ck" CHECK ("reserve_talents"."status" in ('pool', 'training', 'appointed', 'left'))
);
--> statement-breakpoint
CREATE TABLE "reserve_trainings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reserve_trainings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"talent_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reserve_trainings_kind_ck" CHECK ("reserve_trainings"."kind" in ('course', 'secondment', 'practice', 'degree')),
	CONSTRAINT "reserve_trainings_period_ck" CHECK ("reserve_trainings"."to_on" is null or "reserve_trainings"."to_on" >= "reserve_trainings"."from_on")
);
--> statement-breakpoint
ALTER TABLE "cadre_assignments" ADD CONSTRAINT "cadre_assignments_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_work_records" ADD CONSTRAINT "cadre_work_records_assignment_id_cadre_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."cadre_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_work_records" ADD CONSTRAINT "cadre_work_records_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_work_records" ADD CONSTRAINT "cadre_work_records_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_worker_posts" ADD CONSTRAINT "community_worker_posts_worker_id_community_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."community_workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_worker_posts" ADD CONSTRAINT "community_worker_posts_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_workers" ADD CONSTRAINT "community_workers_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_talents" ADD CONSTRAINT "reserve_talents_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_trainings" ADD CONSTRAINT "reserve_trainings_talent_id_reserve_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."reserve_talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_trainings" ADD CONSTRAINT "reserve_trainings_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cadre_assignments_scope_idx" ON "cadre_assignments" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cadre_work_records_scope_idx" ON "cadre_work_records" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cadre_work_records_assignment_idx" ON "cadre_work_records" USING btree ("assignment_id","worked_on");--> statement-breakpoint
CREATE INDEX "community_worker_posts_worker_idx" ON "community_worker_posts" USING btree ("worker_id","from_on");--> statement-breakpoint
CREATE INDEX "community_workers_scope_idx" ON "community_workers" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "community_workers_community_idx" ON "community_workers" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "reserve_talents_scope_idx" ON "reserve_talents" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "reserve_trainings_talent_idx" ON "reserve_trainings" USING btree ("talent_id");