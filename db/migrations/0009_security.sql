CREATE TABLE "account_grants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"account_id" integer NOT NULL,
	"roles" text[],
	"territory_id" integer,
	"before_roles" text[] NOT NULL,
	"before_territory_id" integer NOT NULL,
	"password_hash" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"requested_by" integer NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"scope_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_grants_kind_ck" CHECK ("account_grants"."kind" in ('grant','resetPassword')),
	CONSTRAINT "account_grants_state_ck" CHECK ("account_grants"."state" in ('pending','approved','rejected')),
	CONSTRAINT "account_grants_not_self_ck" CHECK ("account_grants"."requested_by" <> "account_grants"."account_id"),
	CONSTRAINT "account_grants_four_eyes_ck" CHECK ("account_grants"."state" <> 'approved' or ("account_grants"."decided_by" is not null and "account_grants"."decided_by" <> "account_grants"."requested_by" and "account_grants"."decided_by" <> "account_grants"."account_id"))
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "temporary_password_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_grants_pending_idx" ON "account_grants" USING btree ("state","scope_path");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_phone_hash_uq" ON "accounts" USING btree ("phone_hash");