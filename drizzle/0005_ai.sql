CREATE TABLE "ai_conversations" (
	"scope" text NOT NULL,
	"channel_id" text NOT NULL,
	"user_id" text NOT NULL,
	"messages" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ai_conversations_scope_channel_id_user_id_pk" PRIMARY KEY("scope","channel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ai_guild_settings" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"persona" text,
	"persona_set_by" text,
	"persona_updated_at" timestamp with time zone,
	"provider_base_url" text,
	"provider_model" text,
	"provider_key_last4" text,
	"provider_set_by" text,
	"provider_set_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "guild_data_keys" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL,
	"master_version" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "guild_key_rotation_guilds" (
	"rotation_id" bigint NOT NULL,
	"guild_id" text NOT NULL,
	"outcome" text NOT NULL,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guild_key_rotation_guilds_rotation_id_guild_id_pk" PRIMARY KEY("rotation_id","guild_id")
);
--> statement-breakpoint
CREATE TABLE "guild_key_rotations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"scope" text NOT NULL,
	"target_master_version" text NOT NULL,
	"new_data_keys" boolean NOT NULL,
	"status" text NOT NULL,
	"guilds_done" integer DEFAULT 0 NOT NULL,
	"guilds_failed" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "guild_secrets" (
	"guild_id" text NOT NULL,
	"field" text NOT NULL,
	"ciphertext" text NOT NULL,
	"data_key_generation" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guild_secrets_guild_id_field_pk" PRIMARY KEY("guild_id","field")
);
--> statement-breakpoint
ALTER TABLE "guild_key_rotation_guilds" ADD CONSTRAINT "guild_key_rotation_guilds_rotation_id_guild_key_rotations_id_fk" FOREIGN KEY ("rotation_id") REFERENCES "public"."guild_key_rotations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_conversations_expires_idx" ON "ai_conversations" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "guild_data_keys_master_version_idx" ON "guild_data_keys" USING btree ("master_version");