CREATE TABLE "org_life_corrections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_life_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"target" text NOT NULL,
	"member_id" integer,
	"member_name" text,
	"status_before" text,
	"status_after" text,
	"leave_reason" text,
	"minutes_before" text,
	"minutes_after" text,
	"points" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"by" integer,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_life_corrections_target_ck" CHECK ("org_life_corrections"."target" in ('attendance','minutes'))
);
--> statement-breakpoint
ALTER TABLE "org_life_corrections" ADD CONSTRAINT "org_life_corrections_session_id_org_life_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."org_life_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_corrections" ADD CONSTRAINT "org_life_corrections_by_accounts_id_fk" FOREIGN KEY ("by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_life_corrections_session_idx" ON "org_life_corrections" USING btree ("session_id");