ALTER TABLE "dual_registrations" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "signup_codes" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "signup_codes" ADD COLUMN "consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "signup_requests" ADD COLUMN "consent_at" timestamp with time zone;