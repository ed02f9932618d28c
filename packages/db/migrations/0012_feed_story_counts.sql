ALTER TABLE "feeds" ADD COLUMN "story_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "newest_story_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "oldest_story_at" timestamp with time zone;--> statement-breakpoint
UPDATE "feeds" SET "story_count" = "counts"."n", "newest_story_at" = "counts"."newest", "oldest_story_at" = "counts"."oldest"
FROM (SELECT "feed_id", count(*)::int AS "n", max("published_at") AS "newest", min("published_at") AS "oldest" FROM "stories" WHERE "feed_id" IS NOT NULL GROUP BY "feed_id") AS "counts"
WHERE "feeds"."id" = "counts"."feed_id";
