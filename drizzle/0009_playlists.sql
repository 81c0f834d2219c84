CREATE TABLE "music_playlist_tracks" (
	"playlist_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"encoded" text NOT NULL,
	"title" text NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"uri" text,
	"artwork_url" text,
	"source_name" text DEFAULT '' NOT NULL,
	"length_ms" bigint DEFAULT 0 NOT NULL,
	"is_stream" boolean DEFAULT false NOT NULL,
	"is_seekable" boolean DEFAULT true NOT NULL,
	CONSTRAINT "music_playlist_tracks_playlist_id_position_pk" PRIMARY KEY("playlist_id","position")
);
--> statement-breakpoint
CREATE TABLE "music_playlist_uploads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"text_channel_id" text NOT NULL,
	"filename" text NOT NULL,
	"entries" jsonb NOT NULL,
	"total" integer NOT NULL,
	"cursor" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"not_found" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"not_found_samples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"message_channel_id" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "music_playlist_uploads_status" CHECK ("music_playlist_uploads"."status" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "music_playlist_uploads_counts" CHECK ("music_playlist_uploads"."cursor" between 0 and "music_playlist_uploads"."total" and "music_playlist_uploads"."total" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "music_playlists" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"created_by" text NOT NULL,
	"track_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "music_playlists_name_length" CHECK (char_length("music_playlists"."name") between 1 and 50),
	CONSTRAINT "music_playlists_track_count" CHECK ("music_playlists"."track_count" between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "music_playlist_tracks" ADD CONSTRAINT "music_playlist_tracks_playlist_id_music_playlists_id_fk" FOREIGN KEY ("playlist_id") REFERENCES "public"."music_playlists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "music_playlist_uploads_open_idx" ON "music_playlist_uploads" USING btree ("status") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "music_playlist_uploads_guild_idx" ON "music_playlist_uploads" USING btree ("guild_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "music_playlists_name_idx" ON "music_playlists" USING btree ("guild_id","name_key");