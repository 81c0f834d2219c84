import { BITS as P } from "../authority.ts";
import type { SeedChannel, SeedOverwrite, UserProfile } from "../state.ts";
import type { PlaygroundSeed } from "./types.ts";

/** Discord's default @everyone permissions for a new server. */
const EVERYONE = "1071698660929";

const MODERATOR =
  P.banMembers |
  P.kickMembers |
  P.manageGuild |
  P.manageChannels |
  P.manageMessages |
  P.moderateMembers |
  P.viewAuditLog;
/** What Chopsticks' invite asks for: moderation, roles for the shop, voice for music. */
const CHOPSTICKS =
  P.viewChannel |
  P.sendMessages |
  P.embedLinks |
  P.readMessageHistory |
  P.banMembers |
  P.manageGuild |
  P.manageChannels |
  P.manageRoles |
  P.manageMessages |
  P.moderateMembers |
  P.connect |
  P.speak;

const role = (id: string, overwrite: { allow?: bigint; deny?: bigint }): SeedOverwrite => ({
  id,
  type: 0,
  allow: String(overwrite.allow ?? 0n),
  deny: String(overwrite.deny ?? 0n),
});

/** Regular members: user id → name. */
const MEMBERS: Record<string, string> = {
  "200000000000000011": "ben",
  "200000000000000012": "cleo",
  "200000000000000013": "dmitri",
  "200000000000000014": "elif",
  "200000000000000015": "farah",
  "200000000000000016": "gus",
  "200000000000000017": "hana",
  "200000000000000018": "ivo",
  "200000000000000019": "jun",
  "200000000000000020": "kai",
  "200000000000000021": "lea",
  "200000000000000022": "milo",
  "200000000000000023": "nia",
  "200000000000000024": "otto",
  "200000000000000025": "pia",
};
const REGULARS = new Set(["200000000000000011", "200000000000000014", "200000000000000019"]);

/**
 * The server itself: an owner, six roles by position, about twenty members (you are a
 * moderator), eight text channels whose overwrites differ, and one ban from before.
 */
export const guildSeed: PlaygroundSeed = {
  name: "guild",
  apply(state, ids) {
    const { roles, channels } = ids;
    const everyone = ids.guildId;
    const text = (
      id: string,
      name: string,
      position: number,
      topic: string,
      overwrites: SeedOverwrite[] = [],
    ): SeedChannel => ({ id, type: 0, name, position, topic, permission_overwrites: overwrites });
    const users: Record<string, UserProfile> = {
      [ids.userId]: { username: "playground", global_name: "You (playground)" },
      [ids.ownerId]: { username: "ada", global_name: "Ada (owner)" },
      "200000000000000003": { username: "bea", global_name: "Bea" },
      "200000000000000004": { username: "cyd", global_name: "Cyd" },
      "200000000000000005": { username: "dex", global_name: "Dex" },
      [ids.botUserId]: { username: "Chopsticks", bot: true },
      "200000000000000099": { username: "free_nitro_4u" },
    };
    const members: Record<string, string[]> = {
      [ids.ownerId]: [roles.admin],
      [ids.userId]: [roles.moderators, roles.members],
      "200000000000000003": [roles.moderators, roles.members],
      "200000000000000004": [roles.helpers, roles.members],
      "200000000000000005": [roles.helpers, roles.members],
      [ids.botUserId]: [roles.chopsticks],
    };
    for (const [id, name] of Object.entries(MEMBERS)) {
      users[id] = { username: name };
      members[id] = REGULARS.has(id) ? [roles.members, roles.regulars] : [roles.members];
    }
    state.addGuild({
      id: ids.guildId,
      ownerId: ids.ownerId,
      name: "Chopsticks Playground",
      roles: [
        { id: everyone, name: "@everyone", permissions: EVERYONE, position: 0 },
        { id: roles.members, name: "Members", permissions: "0", position: 1 },
        { id: roles.regulars, name: "Regulars", permissions: "0", position: 2, hoist: true },
        {
          id: roles.helpers,
          name: "Helpers",
          permissions: P.manageMessages | P.moderateMembers,
          position: 3,
        },
        { id: roles.moderators, name: "Moderators", permissions: MODERATOR, position: 4 },
        {
          id: roles.chopsticks,
          name: "Chopsticks",
          permissions: CHOPSTICKS,
          position: 5,
          managed: true,
        },
        { id: roles.admin, name: "Admin", permissions: P.administrator, position: 6 },
      ],
      channels: [
        text(channels.general, "general", 0, "Say hi"),
        text(channels.announcements, "announcements", 1, "News from the team", [
          role(everyone, { deny: P.sendMessages }),
          role(roles.moderators, { allow: P.sendMessages }),
        ]),
        text(channels.rules, "rules", 2, "Read before posting", [
          role(everyone, { deny: P.sendMessages | P.addReactions }),
        ]),
        text(channels.offTopic, "off-topic", 3, "Anything goes", [
          role(everyone, { allow: P.attachFiles | P.embedLinks }),
        ]),
        text(channels.memes, "memes", 4, "Reactions welcome", [
          role(everyone, { allow: P.attachFiles | P.addReactions }),
        ]),
        text(channels.botCommands, "bot-commands", 5, "Try commands here"),
        text(channels.modLog, "mod-log", 6, "Moderation cases", [
          role(everyone, { deny: P.viewChannel }),
          role(roles.moderators, { allow: P.viewChannel }),
          role(roles.chopsticks, { allow: P.viewChannel | P.sendMessages | P.embedLinks }),
        ]),
        text(channels.staff, "staff", 7, "Helpers and moderators only", [
          role(everyone, { deny: P.viewChannel }),
          role(roles.helpers, { allow: P.viewChannel }),
          role(roles.moderators, { allow: P.viewChannel }),
        ]),
      ],
      members,
      users,
      bans: { "200000000000000099": "Posting scam links (seeded)" },
    });
  },
};
