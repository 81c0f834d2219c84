CREATE TABLE "lockdown_channels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lockdown_id" uuid NOT NULL,
	"guild_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"saved_overwrite" jsonb,
	"state" text NOT NULL,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"restored_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lockdowns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"guild_id" text NOT NULL,
	"scope" text NOT NULL,
	"reason" text,
	"locked_by" text NOT NULL,
	"case_number" integer NOT NULL,
	"state" text NOT NULL,
	"expires_at" timestamp with time zone,
	"settling_at" timestamp with time zone,
	"end_case_number" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "massban_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"application_id" text NOT NULL,
	"guild_id" text NOT NULL,
	"moderator_id" text NOT NULL,
	"moderator_name" text NOT NULL,
	"targets" text[] NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"invalid" text[] DEFAULT '{}'::text[] NOT NULL,
	"reason" text,
	"delete_message_seconds" integer DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"case_number" integer,
	"undoes_case_number" integer,
	"next_index" integer DEFAULT 0 NOT NULL,
	"done_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"gone_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"failed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"in_flight" boolean DEFAULT false NOT NULL,
	"heartbeat_at" timestamp with time zone,
	"interaction_token" text,
	"token_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_case_counters" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"next" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"number" integer NOT NULL,
	"action" text NOT NULL,
	"targets" text[] NOT NULL,
	"moderator_id" text NOT NULL,
	"reason" text,
	"undo_case_number" integer,
	"undoes_case_number" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason_updated_by" text,
	"reason_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lockdown_channels" ADD CONSTRAINT "lockdown_channels_lockdown_id_lockdowns_id_fk" FOREIGN KEY ("lockdown_id") REFERENCES "public"."lockdowns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lockdown_channels_live_idx" ON "lockdown_channels" USING btree ("channel_id") WHERE state in ('saved', 'applied');--> statement-breakpoint
CREATE INDEX "lockdown_channels_lockdown_idx" ON "lockdown_channels" USING btree ("lockdown_id");--> statement-breakpoint
CREATE INDEX "lockdown_channels_guild_idx" ON "lockdown_channels" USING btree ("guild_id","state");--> statement-breakpoint
CREATE INDEX "lockdowns_state_expires_idx" ON "lockdowns" USING btree ("state","expires_at");--> statement-breakpoint
CREATE INDEX "massban_requests_state_idx" ON "massban_requests" USING btree ("state","heartbeat_at");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_cases_guild_number_idx" ON "moderation_cases" USING btree ("guild_id","number");--> statement-breakpoint
CREATE INDEX "moderation_cases_targets_idx" ON "moderation_cases" USING gin ("targets");