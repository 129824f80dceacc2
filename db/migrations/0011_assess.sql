CREATE TABLE "as_visit_scores" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "as_visit_scores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"visit_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"visitor_name" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "as_visit_scores_score_ck" CHECK ("as_visit_scores"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "as_visits" DROP CONSTRAINT "as_visits_score_ck";--> statement-breakpoint
ALTER TABLE "as_visit_scores" ADD CONSTRAINT "as_visit_scores_visit_id_as_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."as_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "as_visit_scores" ADD CONSTRAINT "as_visit_scores_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "as_visit_scores_once_uq" ON "as_visit_scores" USING btree ("visit_id","account_id");--> statement-breakpoint
ALTER TABLE "as_visits" DROP COLUMN "score";