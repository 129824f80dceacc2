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
ALTER TABLE "co_item_events" ADD CONSTRAINT "co_item_events_item_id_co_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."co_shared_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_events" ADD CONSTRAINT "co_item_events_loan_id_co_item_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."co_item_loans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_events" ADD CONSTRAINT "co_item_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_item_id_co_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."co_shared_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_borrower_account_id_accounts_id_fk" FOREIGN KEY ("borrower_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_lent_by_account_id_accounts_id_fk" FOREIGN KEY ("lent_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_item_loans" ADD CONSTRAINT "co_item_loans_received_by_account_id_accounts_id_fk" FOREIGN KEY ("received_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_shared_items" ADD CONSTRAINT "co_shared_items_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_shared_items" ADD CONSTRAINT "co_shared_items_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "co_item_events_item_idx" ON "co_item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "co_item_loans_open_uq" ON "co_item_loans" USING btree ("item_id") WHERE "co_item_loans"."status" in ('out', 'returnRequested');--> statement-breakpoint
CREATE INDEX "co_item_loans_scope_idx" ON "co_item_loans" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_item_loans_borrower_idx" ON "co_item_loans" USING btree ("borrower_account_id");--> statement-breakpoint
CREATE INDEX "co_item_loans_due_idx" ON "co_item_loans" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "co_shared_items_scope_idx" ON "co_shared_items" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_shared_items_community_idx" ON "co_shared_items" USING btree ("community_id","status");