CREATE TABLE "feed_polls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"pushed" boolean DEFAULT false NOT NULL,
	"status" integer,
	"latency_ms" integer,
	"bytes" integer,
	"items" integer,
	"new_stories" integer DEFAULT 0 NOT NULL,
	"updated_stories" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "feed_polls" ADD CONSTRAINT "feed_polls_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_polls_feed" ON "feed_polls" USING btree ("feed_id","id" DESC NULLS LAST);