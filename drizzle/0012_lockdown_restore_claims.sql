ALTER TABLE "lockdown_channels" ADD COLUMN "restoring_by" text;--> statement-breakpoint
ALTER TABLE "lockdown_channels" ADD COLUMN "restoring_until" timestamp with time zone;