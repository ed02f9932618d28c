CREATE TABLE "story_outbox" (
	"story_id" text PRIMARY KEY NOT NULL,
	"feed_id" text
);
--> statement-breakpoint
DROP INDEX "stories_unstreamed";--> statement-breakpoint
ALTER TABLE "story_outbox" ADD CONSTRAINT "story_outbox_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_outbox_feed" ON "story_outbox" USING btree ("feed_id");--> statement-breakpoint
INSERT INTO "story_outbox" ("story_id", "feed_id") SELECT "id", "feed_id" FROM "stories" WHERE NOT "streamed";--> statement-breakpoint
ALTER TABLE "stories" DROP COLUMN "streamed";