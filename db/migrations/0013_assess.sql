ALTER TABLE "service_orders" DROP CONSTRAINT "service_orders_origin_ck";--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_origin_ck" CHECK ("service_orders"."origin" in ('report','patrol','oneWindow'));--> statement-breakpoint
-- Orders already started from the one-window catalogue show as their own kind (decision 045).
UPDATE "service_orders" SET "origin" = 'oneWindow' WHERE "id" IN (SELECT "order_id" FROM "as_service_item_orders");
