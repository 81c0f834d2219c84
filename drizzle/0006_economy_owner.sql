ALTER TABLE "economy_auctions" ADD COLUMN "application_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "economy_games" ADD COLUMN "application_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "economy_heists" ADD COLUMN "application_id" text NOT NULL;