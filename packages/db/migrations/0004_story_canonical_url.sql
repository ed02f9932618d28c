ALTER TABLE "stories" ADD COLUMN "canonical_url" text;--> statement-breakpoint
CREATE INDEX "stories_feed_canonical_url" ON "stories" USING btree ("feed_id","canonical_url");