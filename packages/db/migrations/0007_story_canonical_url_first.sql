DROP INDEX "stories_feed_canonical_url";--> statement-breakpoint
CREATE INDEX "stories_canonical_url" ON "stories" USING btree ("canonical_url","feed_id");