CREATE TABLE "music_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"title" text NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"uri" text,
	"source_name" text DEFAULT '' NOT NULL,
	"length_ms" bigint DEFAULT 0 NOT NULL,
	"is_stream" boolean DEFAULT false NOT NULL,
	"requested_by" text NOT NULL,
	"autoplay" boolean DEFAULT false NOT NULL,
	"played_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "music_now_playing" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"message_id" text NOT NULL,
	"entry_id" bigint,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "music_settings" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"dj_role_id" text,
	"announce" boolean DEFAULT true NOT NULL,
	"autoplay" boolean DEFAULT false NOT NULL,
	"stay" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "music_players" ADD COLUMN "filter" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "music_players" ADD COLUMN "listeners" integer;--> statement-breakpoint
ALTER TABLE "music_queue_entries" ADD COLUMN "autoplay" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "music_history_guild_idx" ON "music_history" USING btree ("guild_id","id");