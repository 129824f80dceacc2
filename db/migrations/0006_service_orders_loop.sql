ALTER TABLE "service_orders" DROP CONSTRAINT "service_orders_status_ck";--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "rating_channel" text;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "reporter_name" text;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "cancel_kind" text;--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_rating_channel_ck" CHECK ("service_orders"."rating_channel" is null or "service_orders"."rating_channel" in ('app','phone','visit'));--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_cancel_kind_ck" CHECK ("service_orders"."cancel_kind" is null or "service_orders"."cancel_kind" in ('void','invalid'));--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_status_ck" CHECK ("service_orders"."status" in ('submitted','dispatched','open','accepted','inProgress','resolved','rated','closed','merged','cancelled'));