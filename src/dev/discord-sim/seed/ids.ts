/**
 * Fixed ids of the simulated guild, so the README can name them and every playground is the
 * same. Users are 2…, the guild 3…, channels 4…, roles 5…; the bot is the application.
 */
export const PLAYGROUND = {
  applicationId: "100000000000000001",
  botUserId: "100000000000000001",
  guildId: "300000000000000001",
  /** You: the user `npm run interact` acts as. */
  userId: "200000000000000001",
  ownerId: "200000000000000002",
  roles: {
    members: "500000000000000001",
    regulars: "500000000000000002",
    helpers: "500000000000000003",
    moderators: "500000000000000004",
    chopsticks: "500000000000000005",
    admin: "500000000000000006",
  },
  channels: {
    general: "400000000000000001",
    announcements: "400000000000000002",
    rules: "400000000000000003",
    offTopic: "400000000000000004",
    memes: "400000000000000005",
    botCommands: "400000000000000006",
    modLog: "400000000000000007",
    staff: "400000000000000008",
    lounge: "400000000000000009",
  },
} as const;

/** The playground's ids, as seeds receive them. */
export type PlaygroundIds = typeof PLAYGROUND;
