ALTER TABLE "feeds" ADD COLUMN "poll_interval_seconds" integer;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "last_success_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "websub_hub" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "websub_topic" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "websub_secret" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "websub_state" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "websub_expires_at" timestamp with time zone;