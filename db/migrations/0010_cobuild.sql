CREATE TABLE "co_alliance_chairs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_chairs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"term_from" date NOT NULL,
	"term_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_alliance_chairs_term_ck" CHECK ("co_alliance_chairs"."term_to" >= "co_alliance_chairs"."term_from")
);
--> statement-breakpoint
CREATE TABLE "co_alliance_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"minutes" text NOT NULL,
	"attending_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_alliance_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"unit_post" text,
	"committee_post" text NOT NULL,
	"term_from" date NOT NULL,
	"term_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_alliance_members_term_ck" CHECK ("co_alliance_members"."term_to" is null or "co_alliance_members"."term_to" >= "co_alliance_members"."term_from")
);
--> statement-breakpoint
CREATE TABLE "co_alliance_units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliance_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"alliance_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "co_alliance_units_left_ck" CHECK ("co_alliance_units"."left_on" is null or "co_alliance_units"."left_on" >= "co_alliance_units"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "co_alliances" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "co_alliances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"founded_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "co_agreements" ADD COLUMN "alliance_id" integer;--> statement-breakpoint
ALTER TABLE "co_alliance_chairs" ADD CONSTRAINT "co_alliance_chairs_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_chairs" ADD CONSTRAINT "co_alliance_chairs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_meetings" ADD CONSTRAINT "co_alliance_meetings_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_members" ADD CONSTRAINT "co_alliance_members_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_members" ADD CONSTRAINT "co_alliance_members_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_units" ADD CONSTRAINT "co_alliance_units_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliance_units" ADD CONSTRAINT "co_alliance_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_alliances" ADD CONSTRAINT "co_alliances_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "co_alliance_chairs_uq" ON "co_alliance_chairs" USING btree ("alliance_id","term_from");--> statement-breakpoint
CREATE INDEX "co_alliance_meetings_alliance_idx" ON "co_alliance_meetings" USING btree ("alliance_id","held_on");--> statement-breakpoint
CREATE INDEX "co_alliance_members_alliance_idx" ON "co_alliance_members" USING btree ("alliance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "co_alliance_units_uq" ON "co_alliance_units" USING btree ("alliance_id","unit_id");--> statement-breakpoint
CREATE INDEX "co_alliances_scope_idx" ON "co_alliances" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "co_alliances_name_uq" ON "co_alliances" USING btree ("territory_id","name");--> statement-breakpoint
ALTER TABLE "co_agreements" ADD CONSTRAINT "co_agreements_alliance_id_co_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."co_alliances"("id") ON DELETE restrict ON UPDATE no action;