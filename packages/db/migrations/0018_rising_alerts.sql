ALTER TABLE "alert_firings" ADD COLUMN "rising" jsonb;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "trigger" text DEFAULT 'story' NOT NULL;