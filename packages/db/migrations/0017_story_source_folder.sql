ALTER TABLE "stories" ADD COLUMN "source_folder" text;--> statement-breakpoint
UPDATE "stories" SET "source_folder" = "feeds"."folder" FROM "feeds" WHERE "feeds"."id" = "stories"."feed_id" AND "feeds"."folder" IS NOT NULL;
