CREATE TABLE "economy_accounts" (
	"guild_id" text NOT NULL,
	"account" text NOT NULL,
	"balance" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "economy_accounts_guild_id_account_pk" PRIMARY KEY("guild_id","account"),
	CONSTRAINT "economy_accounts_no_negative" CHECK ("economy_accounts"."balance" >= 0 OR "economy_accounts"."account" IN ('mint', 'house'))
);
--> statement-breakpoint
CREATE TABLE "economy_auction_bids" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"auction_id" bigint NOT NULL,
	"bidder_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_auctions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"key" text NOT NULL,
	"seller_id" text NOT NULL,
	"item" text NOT NULL,
	"starting_bid" bigint NOT NULL,
	"high_bid" bigint,
	"high_bidder_id" text,
	"bid_count" integer DEFAULT 0 NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"channel_id" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "economy_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"transfer_id" bigint NOT NULL,
	"account" text NOT NULL,
	"delta" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_game_moves" (
	"game_id" bigint NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_game_moves_game_id_key_pk" PRIMARY KEY("game_id","key")
);
--> statement-breakpoint
CREATE TABLE "economy_games" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"game" text NOT NULL,
	"key" text NOT NULL,
	"seed_id" bigint NOT NULL,
	"nonce" integer NOT NULL,
	"bet" bigint NOT NULL,
	"stake" bigint NOT NULL,
	"choice" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"moves" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" jsonb,
	"payout" bigint,
	"status" text NOT NULL,
	"channel_id" text,
	"message_id" text,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "economy_heist_members" (
	"heist_id" bigint NOT NULL,
	"user_id" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_heist_members_heist_id_user_id_pk" PRIMARY KEY("heist_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "economy_heists" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"key" text NOT NULL,
	"starter_id" text NOT NULL,
	"stake" bigint NOT NULL,
	"state" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"channel_id" text,
	"message_id" text,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "economy_inventory" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"item_id" bigint,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"role_id" text,
	"price" bigint NOT NULL,
	"state" text NOT NULL,
	"key" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "economy_members" (
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"daily_streak" integer DEFAULT 0 NOT NULL,
	"last_daily_at" timestamp with time zone,
	"last_work_at" timestamp with time zone,
	CONSTRAINT "economy_members_guild_id_user_id_pk" PRIMARY KEY("guild_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "economy_seeds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"user_id" text NOT NULL,
	"seed" text NOT NULL,
	"seed_hash" text NOT NULL,
	"next_nonce" integer DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "economy_settings" (
	"guild_id" text PRIMARY KEY NOT NULL,
	"currency_name" text NOT NULL,
	"currency_emoji" text NOT NULL,
	"daily_amount" bigint NOT NULL,
	"min_bet" bigint NOT NULL,
	"max_bet" bigint NOT NULL,
	"work_min" bigint NOT NULL,
	"work_max" bigint NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "economy_shop_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"price" bigint NOT NULL,
	"kind" text NOT NULL,
	"role_id" text,
	"stock" integer,
	"per_member_limit" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "economy_shop_items_stock" CHECK ("economy_shop_items"."stock" IS NULL OR "economy_shop_items"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "economy_transfers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"key" text NOT NULL,
	"leg" smallint NOT NULL,
	"from_account" text NOT NULL,
	"to_account" text NOT NULL,
	"amount" bigint NOT NULL,
	"kind" text NOT NULL,
	"ref" text,
	"actor_id" text,
	"memo" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_transfers_positive" CHECK ("economy_transfers"."amount" > 0),
	CONSTRAINT "economy_transfers_two_accounts" CHECK ("economy_transfers"."from_account" <> "economy_transfers"."to_account")
);
--> statement-breakpoint
CREATE INDEX "economy_accounts_rich_idx" ON "economy_accounts" USING btree ("guild_id","balance" DESC NULLS LAST) WHERE "economy_accounts"."account" LIKE 'user:%';--> statement-breakpoint
CREATE INDEX "economy_auction_bids_auction_idx" ON "economy_auction_bids" USING btree ("auction_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "economy_auctions_key_idx" ON "economy_auctions" USING btree ("guild_id","key");--> statement-breakpoint
CREATE INDEX "economy_auctions_open_idx" ON "economy_auctions" USING btree ("guild_id","state","ends_at");--> statement-breakpoint
CREATE INDEX "economy_auctions_due_idx" ON "economy_auctions" USING btree ("ends_at") WHERE "economy_auctions"."state" = 'open';--> statement-breakpoint
CREATE INDEX "economy_entries_account_idx" ON "economy_entries" USING btree ("guild_id","account","id");--> statement-breakpoint
CREATE UNIQUE INDEX "economy_games_key_idx" ON "economy_games" USING btree ("guild_id","key");--> statement-breakpoint
CREATE INDEX "economy_games_user_idx" ON "economy_games" USING btree ("guild_id","user_id","id");--> statement-breakpoint
CREATE INDEX "economy_games_due_idx" ON "economy_games" USING btree ("due_at") WHERE "economy_games"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "economy_heists_key_idx" ON "economy_heists" USING btree ("guild_id","key");--> statement-breakpoint
CREATE INDEX "economy_heists_due_idx" ON "economy_heists" USING btree ("due_at") WHERE "economy_heists"."state" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "economy_inventory_key_idx" ON "economy_inventory" USING btree ("guild_id","key");--> statement-breakpoint
CREATE INDEX "economy_inventory_owner_idx" ON "economy_inventory" USING btree ("guild_id","user_id","id");--> statement-breakpoint
CREATE INDEX "economy_inventory_pending_idx" ON "economy_inventory" USING btree ("created_at") WHERE "economy_inventory"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "economy_seeds_active_idx" ON "economy_seeds" USING btree ("guild_id","user_id") WHERE "economy_seeds"."state" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "economy_shop_items_name_idx" ON "economy_shop_items" USING btree ("guild_id",lower("name")) WHERE "economy_shop_items"."removed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "economy_transfers_key_idx" ON "economy_transfers" USING btree ("guild_id","key","leg");