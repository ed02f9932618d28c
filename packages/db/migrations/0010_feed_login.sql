ALTER TABLE "feeds" ADD COLUMN "login_username" text;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "login_password" text;