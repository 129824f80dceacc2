ALTER TABLE "service_order_rollups" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "service_order_rollups" DROP CONSTRAINT "service_order_rollups_grain_period_node_path_handler_unit_id_pk";--> statement-breakpoint
ALTER TABLE "service_order_rollups" ADD CONSTRAINT "service_order_rollups_grain_period_node_path_handler_unit_id_slot_pk" PRIMARY KEY("grain","period","node_path","handler_unit_id","slot");
