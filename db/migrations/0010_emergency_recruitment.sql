CREATE TABLE "recruit_candidates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruit_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"branch_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"birth_date" date,
	"stage" text DEFAULT 'applicant' NOT NULL,
	"applied_on" date NOT NULL,
	"talked_on" date,
	"activist_on" date,
	"target_on" date,
	"probation_on" date,
	"full_on" date,
	"training_hours" integer DEFAULT 0 NOT NULL,
	"introducers" text[] DEFAULT '{}'::text[] NOT NULL,
	"review" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruit_candidates_stage_ck" CHECK ("recruit_candidates"."stage" in ('applicant','activist','target','probationary','full'))
);
--> statement-breakpoint
CREATE TABLE "recruit_moves" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recruit_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"candidate_id" integer NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recruit_candidates" ADD CONSTRAINT "recruit_candidates_branch_id_party_orgs_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD CONSTRAINT "recruit_moves_candidate_id_recruit_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."recruit_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruit_moves" ADD CONSTRAINT "recruit_moves_by_account_id_accounts_id_fk" FOREIGN KEY ("by_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recruit_candidates_scope_idx" ON "recruit_candidates" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "recruit_candidates_branch_idx" ON "recruit_candidates" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "recruit_moves_candidate_idx" ON "recruit_moves" USING btree ("candidate_id");