CREATE TABLE "music_players" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"voice_channel_id" text,
	"text_channel_id" text,
	"current_entry_id" bigint,
	"position_ms" integer DEFAULT 0 NOT NULL,
	"position_at" timestamp with time zone,
	"paused" boolean DEFAULT false NOT NULL,
	"volume" integer DEFAULT 100 NOT NULL,
	"loop_mode" text DEFAULT 'off' NOT NULL,
	"idle_since" timestamp with time zone,
	"node_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "music_players_volume_range" CHECK ("music_players"."volume" between 0 and 150),
	CONSTRAINT "music_players_loop_mode" CHECK ("music_players"."loop_mode" in ('off', 'track', 'queue')),
	CONSTRAINT "music_players_position" CHECK ("music_players"."position_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "music_queue_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"sort_key" numeric NOT NULL,
	"encoded" text NOT NULL,
	"title" text NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"uri" text,
	"artwork_url" text,
	"source_name" text DEFAULT '' NOT NULL,
	"length_ms" bigint DEFAULT 0 NOT NULL,
	"is_stream" boolean DEFAULT false NOT NULL,
	"is_seekable" boolean DEFAULT true NOT NULL,
	"requested_by" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"gateway" text NOT NULL,
	"lavalink" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"gateway_sessions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"players" integer DEFAULT 0 NOT NULL,
	"version" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "music_queue_entries" ADD CONSTRAINT "music_queue_entries_guild_id_music_players_guild_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."music_players"("guild_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "music_queue_entries_order_idx" ON "music_queue_entries" USING btree ("guild_id","sort_key");--> statement-breakpoint
CREATE INDEX "voice_nodes_heartbeat_idx" ON "voice_nodes" USING btree ("heartbeat_at");