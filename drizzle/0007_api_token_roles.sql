ALTER TABLE "api_tokens" ADD COLUMN "role" text DEFAULT 'partner' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "read_only" boolean DEFAULT false NOT NULL;