ALTER TABLE "feeds" ADD COLUMN "found_on" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "also_announced" jsonb;