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
ALTER TABLE "service_orders" ADD COLUMN "origin" text DEFAULT 'report' NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_worker_id_grid_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."grid_workers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_order_id_service_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."service_orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visits_scope_idx" ON "visits" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "visits_worker_idx" ON "visits" USING btree ("worker_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_member_idx" ON "visits" USING btree ("member_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_territory_idx" ON "visits" USING btree ("territory_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_order_idx" ON "visits" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_origin_ck" CHECK ("service_orders"."origin" in ('report','patrol'));