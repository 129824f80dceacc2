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
ALTER TABLE "co_challenge_applicants" ADD CONSTRAINT "co_challenge_applicants_challenge_id_co_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."co_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_applicants" ADD CONSTRAINT "co_challenge_applicants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_applicants" ADD CONSTRAINT "co_challenge_applicants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_ratings" ADD CONSTRAINT "co_challenge_ratings_challenge_id_co_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."co_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_ratings" ADD CONSTRAINT "co_challenge_ratings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_reports" ADD CONSTRAINT "co_challenge_reports_challenge_id_co_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."co_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenge_reports" ADD CONSTRAINT "co_challenge_reports_reported_by_account_id_accounts_id_fk" FOREIGN KEY ("reported_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenges" ADD CONSTRAINT "co_challenges_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_challenges" ADD CONSTRAINT "co_challenges_posted_by_account_id_accounts_id_fk" FOREIGN KEY ("posted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "co_challenge_applicants_challenge_idx" ON "co_challenge_applicants" USING btree ("challenge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "co_challenge_ratings_uq" ON "co_challenge_ratings" USING btree ("challenge_id","account_id");--> statement-breakpoint
CREATE INDEX "co_challenge_reports_challenge_idx" ON "co_challenge_reports" USING btree ("challenge_id","reported_on");--> statement-breakpoint
CREATE INDEX "co_challenges_scope_idx" ON "co_challenges" USING btree ("scope_path" text_pattern_ops);