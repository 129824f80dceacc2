DROP INDEX "building_leads_building_uq";--> statement-breakpoint
ALTER TABLE "building_leads" ADD COLUMN "role" text DEFAULT 'lead' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "building_leads_building_role_uq" ON "building_leads" USING btree ("building_id","role");