import { Routes } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { BULK_BAN_FAILED_STATUS } from "./fake-discord.ts";
import { rejection, useFakeDiscordFixture } from "./fake-discord-fixture.ts";
import { snowflake } from "./snowflake.ts";

const fixture = useFakeDiscordFixture();
const { applicationId, guildId, ownerId, channelId, roleId } = fixture;

describe("fake discord: documented limits", () => {
  const send = (body: unknown) => fixture.rest.post(Routes.channelMessages(channelId), { body });

  it("rejects over-long content, embeds and components with Invalid Form Body", async () => {
    const tooLong = await rejection(send({ content: "x".repeat(2001) }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.rawError).toEqual({
      code: 50035,
      message: "Invalid Form Body",
      errors: {
        content: {
          _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }],
        },
      },
    });

    const bigEmbeds = await rejection(
      send({ embeds: [{ description: "a".repeat(4000) }, { description: "b".repeat(2001) }] }),
    );
    expect(bigEmbeds.rawError).toMatchObject({
      errors: { embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED" }] } },
    });

    const button = (n: number) => ({ type: 2, style: 1, label: `b${n}`, custom_id: `b${n}` });
    const wideRow = await rejection(
      send({
        content: "hi",
        components: [{ type: 1, components: [1, 2, 3, 4, 5, 6].map(button) }],
      }),
    );
    expect(wideRow.rawError).toMatchObject({
      errors: {
        components: { "0": { components: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } } },
      },
    });

    const longId = await rejection(
      send({
        content: "hi",
        components: [{ type: 1, components: [{ ...button(1), custom_id: "c".repeat(101) }] }],
      }),
    );
    expect(longId.message).toContain("components[0].components[0].custom_id[BASE_TYPE_MAX_LENGTH]");

    expect(await send({ content: "x".repeat(2000) })).toMatchObject({ channel_id: channelId });
  });

  it("caps bulk bans at 200 users and fails with 500000 when nobody is banned", async () => {
    const ids = (n: number) => Array.from({ length: n }, () => snowflake());
    const tooMany = await rejection(
      fixture.rest.post(Routes.guildBulkBan(guildId), { body: { user_ids: ids(201) } }),
    );
    expect(tooMany.rawError).toMatchObject({
      code: 50035,
      errors: { user_ids: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } },
    });
    const tooOld = await rejection(
      fixture.rest.post(Routes.guildBulkBan(guildId), {
        body: { user_ids: ids(1), delete_message_seconds: 604801 },
      }),
    );
    expect(tooOld.rawError).toMatchObject({
      errors: { delete_message_seconds: { _errors: [{ code: "NUMBER_TYPE_MAX" }] } },
    });

    const [a, b, shielded] = ids(3) as [string, string, string];
    fixture.discord.markUnbannable(guildId, shielded);
    const result = await fixture.rest.post(Routes.guildBulkBan(guildId), {
      body: { user_ids: [a, b, shielded, applicationId], delete_message_seconds: 3600 },
      reason: "raid: spam wave",
    });
    expect(result).toEqual({ banned_users: [a, b], failed_users: [shielded] });
    expect(fixture.discord.state.bans.get(guildId)?.get(a)).toEqual({ reason: "raid: spam wave" });
    expect(fixture.discord.callsTo("/guilds/:id/bulk-ban", "POST").at(-1)?.auditLogReason).toBe(
      "raid: spam wave",
    );

    const nobody = await rejection(
      fixture.rest.post(Routes.guildBulkBan(guildId), {
        body: { user_ids: [a, shielded, ownerId] },
      }),
    );
    expect([nobody.status, nobody.code, nobody.message]).toEqual([
      BULK_BAN_FAILED_STATUS,
      500000,
      "Failed to ban users",
    ]);

    await fixture.rest.delete(Routes.guildBan(guildId, a));
    const notBanned = await rejection(fixture.rest.delete(Routes.guildBan(guildId, a)));
    expect([notBanned.status, notBanned.code]).toEqual([404, 10026]);
  });

  it("validates application commands and returns them as Discord does", async () => {
    const [ping] = (await fixture.rest.put(Routes.applicationCommands(applicationId), {
      body: [{ name: "ping", description: "Replies pong" }],
    })) as [Record<string, unknown>];
    expect(ping).toMatchObject({
      application_id: applicationId,
      type: 1,
      default_member_permissions: null,
      nsfw: false,
    });
    expect(ping.id).toMatch(/^\d{17,20}$/);
    const again = (await fixture.rest.put(Routes.applicationCommands(applicationId), {
      body: [{ name: "ping", description: "Replies pong" }],
    })) as [Record<string, unknown>];
    expect(again[0]).toEqual(ping);

    const bad = await rejection(
      fixture.rest.put(Routes.applicationCommands(applicationId), {
        body: [{ name: "Ping!", description: "" }],
      }),
    );
    expect(bad.rawError).toMatchObject({
      errors: {
        "0": {
          name: { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME" }] },
          description: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] },
        },
      },
    });
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `c${i}`, description: "d" }));
    expect(
      (await rejection(fixture.rest.put(Routes.applicationCommands(applicationId), { body: many })))
        .status,
    ).toBe(400);
  });
});

describe("fake discord: channel permission overwrites", () => {
  it("stores exactly what was sent and returns it normalised", async () => {
    await fixture.rest.put(Routes.channelPermission(channelId, roleId), {
      body: { allow: "1024", deny: "2048", type: 0 },
      reason: "lockdown",
    });
    expect(fixture.discord.state.overwrites(channelId)).toEqual([
      { id: roleId, type: 0, allow: "1024", deny: "2048" },
    ]);
    expect(await fixture.rest.get(Routes.channel(channelId))).toMatchObject({
      permission_overwrites: [{ id: roleId, type: 0, allow: "1024", deny: "2048" }],
    });
    await fixture.rest.delete(Routes.channelPermission(channelId, roleId));
    expect(fixture.discord.state.overwrites(channelId)).toEqual([]);
  });
});
