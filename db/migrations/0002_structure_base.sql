CREATE TABLE "building_leads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "building_leads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"building_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"party_member_id" integer,
	"resident_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "party_orgs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"parent_id" integer,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"secretary_name" text,
	"unit_id" integer,
	"founded_on" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_orgs_kind_ck" CHECK ("party_orgs"."kind" in ('workingCommittee','committee','generalBranch','branch','group'))
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"is_new_organization" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_kind_ck" CHECK ("units"."kind" in ('agency','institution','stateOwned','privateFirm','socialOrganization','propertyCompany'))
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "party_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"home_branch_id" integer NOT NULL,
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"resident_id" integer,
	"account_id" integer,
	"joined_on" date,
	"posts" text[] DEFAULT '{}'::text[] NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_members_kind_ck" CHECK ("party_members"."kind" in ('resident','inService','retired','mobile'))
);
--> statement-breakpoint
ALTER TABLE "building_leads" ADD CONSTRAINT "building_leads_building_id_territories_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_leads" ADD CONSTRAINT "building_leads_party_member_id_party_members_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_parent_id_party_orgs_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_home_branch_id_party_orgs_id_fk" FOREIGN KEY ("home_branch_id") REFERENCES "public"."party_orgs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "building_leads_building_uq" ON "building_leads" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "building_leads_scope_idx" ON "building_leads" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_orgs_scope_idx" ON "party_orgs" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_orgs_territory_idx" ON "party_orgs" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "party_orgs_parent_idx" ON "party_orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "units_scope_idx" ON "units" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_territory_idx" ON "units" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "party_members_scope_idx" ON "party_members" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_members_branch_idx" ON "party_members" USING btree ("home_branch_id");--> statement-breakpoint
CREATE INDEX "party_members_account_idx" ON "party_members" USING btree ("account_id");