CREATE TABLE "feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"site_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"interval_seconds" integer DEFAULT 300 NOT NULL,
	"etag" text,
	"last_modified" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_fetch_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"last_latency_ms" integer,
	"last_bytes" integer,
	"last_items" integer,
	"error_count" integer DEFAULT 0 NOT NULL,
	"next_poll_at" timestamp with time zone,
	CONSTRAINT "feeds_url_unique" UNIQUE("url")
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" text PRIMARY KEY NOT NULL,
	"feed_id" text,
	"dedupe_key" text NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"source_title" text DEFAULT '' NOT NULL,
	"author" text,
	"published_at" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lang" text,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"companies" text[] DEFAULT '{}'::text[] NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"relevant" boolean DEFAULT false NOT NULL,
	"score" real DEFAULT 0 NOT NULL,
	"cluster_id" text,
	"mentions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"streamed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stories_feed_dedupe_key" ON "stories" USING btree ("feed_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "stories_published" ON "stories" USING btree ("published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "stories_countries" ON "stories" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "stories_companies" ON "stories" USING gin ("companies");--> statement-breakpoint
CREATE INDEX "stories_topics" ON "stories" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "stories_cluster" ON "stories" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "stories_unstreamed" ON "stories" USING btree ("feed_id") WHERE not "stories"."streamed";