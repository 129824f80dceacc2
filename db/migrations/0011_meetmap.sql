ALTER TABLE "meeting_agenda_items" DROP CONSTRAINT "meeting_agenda_source_ck";--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD COLUMN "need_id" integer;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD COLUMN "flag_kind" text;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD COLUMN "flag_id" integer;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_source_ck" CHECK ("meeting_agenda_items"."source" in ('staff','hotspot','overdueOrder','carriedOver','consultation','need','flag'));