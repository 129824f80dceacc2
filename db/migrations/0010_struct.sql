CREATE TABLE "compound_areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "compound_areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"compound_id" integer NOT NULL,
	"community_id" integer NOT NULL,
	"scope_path" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compound_areas" ADD CONSTRAINT "compound_areas_compound_id_territories_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound_areas" ADD CONSTRAINT "compound_areas_community_id_territories_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "compound_areas_compound_uq" ON "compound_areas" USING btree ("compound_id");--> statement-breakpoint
CREATE INDEX "compound_areas_community_idx" ON "compound_areas" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "compound_areas_scope_idx" ON "compound_areas" USING btree ("scope_path" text_pattern_ops);