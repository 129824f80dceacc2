CREATE TABLE "co_agreement_ratings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_agreement_ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agreement_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_agreement_ratings_stars_ck" CHECK ("co_agreement_ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "co_agreements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_agreements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"year" integer NOT NULL,
	"status" text DEFAULT 'negotiating' NOT NULL,
	"signed_on" date,
	"published_at" timestamp with time zone,
	"evaluated_at" timestamp with time zone,
	"score" double precision,
	"score_parts" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_agreements_status_ck" CHECK ("co_agreements"."status" in ('negotiating','signed','published','fulfilling','evaluated'))
);
--> statement-breakpoint
CREATE TABLE "co_deliverables" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_deliverables_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agreement_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"done_on" date,
	"evidence" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_deliverables_status_ck" CHECK ("co_deliverables"."status" in ('pending','done','notDone'))
);
--> statement-breakpoint
ALTER TABLE "co_agreement_ratings" ADD CONSTRAINT "co_agreement_ratings_agreement_id_co_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."co_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_agreement_ratings" ADD CONSTRAINT "co_agreement_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_agreements" ADD CONSTRAINT "co_agreements_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_agreements" ADD CONSTRAINT "co_agreements_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_deliverables" ADD CONSTRAINT "co_deliverables_agreement_id_co_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."co_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "co_agreement_ratings_uq" ON "co_agreement_ratings" USING btree ("agreement_id","account_id");--> statement-breakpoint
CREATE INDEX "co_agreements_scope_idx" ON "co_agreements" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "co_agreements_unit_idx" ON "co_agreements" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "co_deliverables_agreement_idx" ON "co_deliverables" USING btree ("agreement_id");