CREATE TABLE "moderation_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"guild_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"step" text NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"moderator_id" text NOT NULL,
	"moderator_name" text NOT NULL,
	"channel_id" text,
	"input" jsonb NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"case_number" integer,
	"lockdown_id" uuid,
	"massban_request_id" uuid,
	"after_job_id" uuid,
	"cancel_requested_at" timestamp with time zone,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"runs" integer DEFAULT 0 NOT NULL,
	"interaction_token" text,
	"token_expires_at" timestamp with time zone,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "moderation_jobs_state_lease_idx" ON "moderation_jobs" USING btree ("state","lease_until");--> statement-breakpoint
CREATE INDEX "moderation_jobs_case_idx" ON "moderation_jobs" USING btree ("guild_id","case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_jobs_one_running_idx" ON "moderation_jobs" USING btree ("application_id","guild_id","kind") WHERE state = 'running' and kind in ('lockdown', 'unlock');