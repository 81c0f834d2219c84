import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Snowflakes are stored as text: they overflow JavaScript numbers. */
const snowflake = (name: string) => text(name);
/** Coins: 64-bit integers, read as JavaScript bigints. No floats anywhere near money. */
const coins = (name: string) => bigint(name, { mode: "bigint" });
const at = (name: string) => timestamp(name, { withTimezone: true });
const createdAt = () => at("created_at").notNull().defaultNow();

/** A guild's economy settings; a guild without a row uses the defaults. */
export const economySettings = pgTable("economy_settings", {
  guildId: snowflake("guild_id").primaryKey(),
  currencyName: text("currency_name").notNull(),
  currencyEmoji: text("currency_emoji").notNull(),
  dailyAmount: coins("daily_amount").notNull(),
  minBet: coins("min_bet").notNull(),
  maxBet: coins("max_bet").notNull(),
  workMin: coins("work_min").notNull(),
  workMax: coins("work_max").notNull(),
  updatedBy: snowflake("updated_by"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/**
 * Every account of a guild's ledger: member wallets (`user:<id>`), `mint`, `house` and
 * `escrow:<kind>:<id>`. Only `mint` and `house` may go below zero; the database refuses
 * anything else, whatever the code does.
 */
export const economyAccounts = pgTable(
  "economy_accounts",
  {
    guildId: snowflake("guild_id").notNull(),
    account: text("account").notNull(),
    balance: coins("balance").notNull().default(sql`0`),
  },
  (table) => [
    primaryKey({ columns: [table.guildId, table.account] }),
    check(
      "economy_accounts_no_negative",
      sql`${table.balance} >= 0 OR ${table.account} IN ('mint', 'house')`,
    ),
    index("economy_accounts_rich_idx")
      .on(table.guildId, table.balance.desc())
      .where(sql`${table.account} LIKE 'user:%'`),
  ],
);

/**
 * One movement of coins between two accounts. `key` + `leg` is the idempotency key (an
 * operation of several transfers shares the key): a retried operation inserts nothing.
 */
export const economyTransfers = pgTable(
  "economy_transfers",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    key: text("key").notNull(),
    leg: smallint("leg").notNull(),
    fromAccount: text("from_account").notNull(),
    toAccount: text("to_account").notNull(),
    amount: coins("amount").notNull(),
    kind: text("kind").notNull(),
    ref: text("ref"),
    actorId: snowflake("actor_id"),
    memo: text("memo"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("economy_transfers_key_idx").on(table.guildId, table.key, table.leg),
    check("economy_transfers_positive", sql`${table.amount} > 0`),
    check("economy_transfers_two_accounts", sql`${table.fromAccount} <> ${table.toAccount}`),
  ],
);

/** The ledger: two rows per transfer (−amount, +amount). Append-only. */
export const economyEntries = pgTable(
  "economy_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    transferId: bigint("transfer_id", { mode: "number" }).notNull(),
    account: text("account").notNull(),
    delta: coins("delta").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("economy_entries_account_idx").on(table.guildId, table.account, table.id)],
);

/** Per-member timers: the daily streak and the last /work. */
export const economyMembers = pgTable(
  "economy_members",
  {
    guildId: snowflake("guild_id").notNull(),
    userId: snowflake("user_id").notNull(),
    dailyStreak: integer("daily_streak").notNull().default(0),
    lastDailyAt: at("last_daily_at"),
    lastWorkAt: at("last_work_at"),
  },
  (table) => [primaryKey({ columns: [table.guildId, table.userId] })],
);

/** Something the shop sells: a role (granted through Discord) or a text item. */
export const economyShopItems = pgTable(
  "economy_shop_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    price: coins("price").notNull(),
    kind: text("kind").notNull(),
    roleId: snowflake("role_id"),
    /** Left in stock; null: unlimited. */
    stock: integer("stock"),
    perMemberLimit: integer("per_member_limit"),
    createdBy: snowflake("created_by").notNull(),
    createdAt: createdAt(),
    removedAt: at("removed_at"),
  },
  (table) => [
    uniqueIndex("economy_shop_items_name_idx")
      .on(table.guildId, sql`lower(${table.name})`)
      .where(sql`${table.removedAt} IS NULL`),
    check("economy_shop_items_stock", sql`${table.stock} IS NULL OR ${table.stock} >= 0`),
  ],
);

/**
 * What members own: shop purchases and auction wins. A role purchase is `pending` until
 * Discord granted the role, then `owned`; `refunded` when it could not be granted.
 */
export const economyInventory = pgTable(
  "economy_inventory",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    userId: snowflake("user_id").notNull(),
    itemId: bigint("item_id", { mode: "number" }),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    roleId: snowflake("role_id"),
    price: coins("price").notNull(),
    state: text("state").notNull(),
    /** The purchase's transfer key (its refund uses `<key>:refund`). */
    key: text("key").notNull(),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: at("updated_at"),
  },
  (table) => [
    uniqueIndex("economy_inventory_key_idx").on(table.guildId, table.key),
    index("economy_inventory_owner_idx").on(table.guildId, table.userId, table.id),
    index("economy_inventory_pending_idx")
      .on(table.createdAt)
      .where(sql`${table.state} = 'pending'`),
  ],
);

/**
 * A member's server seed. Its SHA-256 is shown before any game uses it; the seed itself only
 * once it is rotated out (`revealed`). At most one active seed per member.
 */
export const economySeeds = pgTable(
  "economy_seeds",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    userId: snowflake("user_id").notNull(),
    seed: text("seed").notNull(),
    seedHash: text("seed_hash").notNull(),
    nextNonce: integer("next_nonce").notNull().default(0),
    state: text("state").notNull(),
    createdAt: createdAt(),
    revealedAt: at("revealed_at"),
  },
  (table) => [
    uniqueIndex("economy_seeds_active_idx")
      .on(table.guildId, table.userId)
      .where(sql`${table.state} = 'active'`),
  ],
);

/**
 * One casino game: its fairness inputs (seed and nonce), the bet, what the player chose and
 * did, and the outcome. Blackjack hands stay `active` between button presses.
 */
export const economyGames = pgTable(
  "economy_games",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    userId: snowflake("user_id").notNull(),
    game: text("game").notNull(),
    /** The bot that posted its message: only its token can edit it, so only it settles it. */
    applicationId: snowflake("application_id").notNull(),
    key: text("key").notNull(),
    seedId: bigint("seed_id", { mode: "number" }).notNull(),
    nonce: integer("nonce").notNull(),
    bet: coins("bet").notNull(),
    /** The stake after doubling (blackjack); equal to `bet` otherwise. */
    stake: coins("stake").notNull(),
    choice: jsonb("choice").notNull().default(sql`'{}'::jsonb`),
    /** The player's moves in order (blackjack). */
    moves: text("moves").array().notNull().default(sql`'{}'::text[]`),
    outcome: jsonb("outcome"),
    payout: coins("payout"),
    status: text("status").notNull(),
    channelId: snowflake("channel_id"),
    messageId: snowflake("message_id"),
    /** An active hand left alone until then stands automatically. */
    dueAt: at("due_at"),
    createdAt: createdAt(),
    settledAt: at("settled_at"),
  },
  (table) => [
    uniqueIndex("economy_games_key_idx").on(table.guildId, table.key),
    index("economy_games_user_idx").on(table.guildId, table.userId, table.id),
    index("economy_games_due_idx").on(table.dueAt).where(sql`${table.status} = 'active'`),
  ],
);

/** Button presses already applied to a game: a press delivered twice acts once. */
export const economyGameMoves = pgTable(
  "economy_game_moves",
  {
    gameId: bigint("game_id", { mode: "number" }).notNull(),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.gameId, table.key] })],
);

/** A heist: open for joining until `due_at`, then settled exactly once. */
export const economyHeists = pgTable(
  "economy_heists",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    key: text("key").notNull(),
    starterId: snowflake("starter_id").notNull(),
    /** The bot that posted its message: only its token can edit it, so only it settles it. */
    applicationId: snowflake("application_id").notNull(),
    stake: coins("stake").notNull(),
    state: text("state").notNull(),
    dueAt: at("due_at").notNull(),
    channelId: snowflake("channel_id"),
    messageId: snowflake("message_id"),
    outcome: jsonb("outcome"),
    createdAt: createdAt(),
    settledAt: at("settled_at"),
  },
  (table) => [
    uniqueIndex("economy_heists_key_idx").on(table.guildId, table.key),
    index("economy_heists_due_idx").on(table.dueAt).where(sql`${table.state} = 'open'`),
  ],
);

/** The crew of a heist; a member joins once. */
export const economyHeistMembers = pgTable(
  "economy_heist_members",
  {
    heistId: bigint("heist_id", { mode: "number" }).notNull(),
    userId: snowflake("user_id").notNull(),
    joinedAt: at("joined_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.heistId, table.userId] })],
);

/** An auction: bids held in `escrow:auction:<id>` until it ends, is settled or cancelled. */
export const economyAuctions = pgTable(
  "economy_auctions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    guildId: snowflake("guild_id").notNull(),
    key: text("key").notNull(),
    sellerId: snowflake("seller_id").notNull(),
    /** The bot that posted its message: only its token can edit it, so only it settles it. */
    applicationId: snowflake("application_id").notNull(),
    item: text("item").notNull(),
    startingBid: coins("starting_bid").notNull(),
    highBid: coins("high_bid"),
    highBidderId: snowflake("high_bidder_id"),
    bidCount: integer("bid_count").notNull().default(0),
    endsAt: at("ends_at").notNull(),
    state: text("state").notNull(),
    channelId: snowflake("channel_id"),
    messageId: snowflake("message_id"),
    createdAt: createdAt(),
    settledAt: at("settled_at"),
  },
  (table) => [
    uniqueIndex("economy_auctions_key_idx").on(table.guildId, table.key),
    index("economy_auctions_open_idx").on(table.guildId, table.state, table.endsAt),
    index("economy_auctions_due_idx").on(table.endsAt).where(sql`${table.state} = 'open'`),
  ],
);

/** Every accepted bid, in order. */
export const economyAuctionBids = pgTable(
  "economy_auction_bids",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    auctionId: bigint("auction_id", { mode: "number" }).notNull(),
    bidderId: snowflake("bidder_id").notNull(),
    amount: coins("amount").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("economy_auction_bids_auction_idx").on(table.auctionId, table.id)],
);

export type EconomySettingsRow = typeof economySettings.$inferSelect;
export type EconomyTransfer = typeof economyTransfers.$inferSelect;
export type ShopItem = typeof economyShopItems.$inferSelect;
export type InventoryItem = typeof economyInventory.$inferSelect;
export type FairSeed = typeof economySeeds.$inferSelect;
export type GameRow = typeof economyGames.$inferSelect;
export type Heist = typeof economyHeists.$inferSelect;
export type Auction = typeof economyAuctions.$inferSelect;
