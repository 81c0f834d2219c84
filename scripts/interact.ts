/**
 * The local playground's client: signs a realistic interaction with the dev key pair, posts it
 * to the running bot and prints the answer (and any follow-ups the bot sent "to Discord").
 * In the playground it plays Discord's part for the simulated guild: the member's roles and
 * permissions, resolved channel/user/role options and the interaction token come from it.
 *
 *   npm run interact -- /help
 *   npm run interact -- /lockdown channel channel:#general
 *   npm run interact -- --press 2          press button 2 of the last response
 *   npm run interact -- --submit users="1 2 3"   submit the last modal
 *   npm run interact -- --state            print the simulated guild
 *   npm run interact -- --posts            show the bot's newest channel post (e.g. now playing);
 *                                          --press then presses its buttons
 *   npm run interact -- --reset            seed the simulated guild afresh
 *   npm run interact -- --voice Lounge     join a voice channel (--voice leave to leave)
 *   npm run interact -- /music play query:lofi --complete query   the suggestions while typing
 *   npm run interact -- /playlist upload file:docs/examples/road-trip.m3u   a local file attached
 *   flags: --dm, --user <id>, --guild <id>, --channel <#name|id>, --permissions <bitfield>,
 *          --url <base>
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { commands } from "../src/commands/index.ts";
import { readDevKeys } from "../src/dev/dev-keys.ts";
import { PLAYGROUND } from "../src/dev/discord-sim/index.ts";
import {
  asAutocomplete,
  attachmentOptionValues,
  buildCommandInteraction,
  buildComponentInteraction,
  buildModalSubmit,
  type Invoker,
} from "../src/dev/payloads.ts";
import { StandInClient } from "../src/dev/playground/client.ts";
import { renderGuildState } from "../src/dev/playground/render-state.ts";
import { listControls, type MentionNames, renderMessage } from "../src/dev/render.ts";

const dataDir = resolve(process.env.CHOPSTICKS_DATA_DIR ?? ".data");
const statePath = resolve(dataDir, "interact-last.json");
const BOOLEAN_FLAGS = new Set(["dm", "state", "reset", "posts"]);
const ALL_PERMISSIONS = String((1n << 41n) - 1n);
/** The bot's base URL, for the message when nothing answers there. */
let target = "";

/** Who acted last, so `--press` and `--submit` act as the same member in the same place. */
interface Where {
  userId: string;
  guildId: string | null;
  channel: string | undefined;
  permissions: string | undefined;
}

interface LastState {
  message?: Record<string, unknown> & { id: string };
  modal?: { custom_id: string; components: unknown[] };
  where: Where;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function parseArgs(argv: string[]) {
  const flags = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith("--") && BOOLEAN_FLAGS.has(arg.slice(2))) flags.set(arg.slice(2), "1");
    else if (arg.startsWith("--")) flags.set(arg.slice(2), argv[++i] ?? "");
    else words.push(arg);
  }
  return { flags, words };
}

async function sign(privateKeyPkcs8: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "pkcs8",
    Buffer.from(privateKeyPkcs8, "base64"),
    { name: "Ed25519" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign(
    { name: "Ed25519" },
    key,
    new TextEncoder().encode(timestamp + body),
  );
  return Buffer.from(signature).toString("hex");
}

/** Runs the commands that only talk to the stand-in; true when one ran. */
async function standInCommand(flags: Map<string, string>, standIn: StandInClient) {
  const guildId = flags.get("guild") ?? PLAYGROUND.guildId;
  if (flags.has("state")) {
    const summary = await standIn.state(guildId);
    if (!summary) fail(`No simulated guild ${guildId} here (is the bot in playground mode?).`);
    console.log(renderGuildState(summary));
    return true;
  }
  if (flags.has("posts")) {
    const summary = await standIn.state(guildId);
    if (!summary) fail(`No simulated guild ${guildId} here (is the bot in playground mode?).`);
    const post = summary.posts.at(-1) ?? fail("Chopsticks has posted nothing in this server yet.");
    console.log(
      `\n— #${post.channel}, posted by Chopsticks${post.edited ? " (edited)" : ""} —\n${renderMessage(post.message)}`,
    );
    // The next --press acts on this post, as the playground member, where it was posted.
    const state: LastState = {
      message: { ...post.message, id: post.id },
      where: {
        userId: flags.get("user") ?? PLAYGROUND.userId,
        guildId,
        channel: String(post.message.channel_id ?? ""),
        permissions: flags.get("permissions"),
      },
    };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(statePath, JSON.stringify(state, null, 2));
    return true;
  }
  if (flags.has("reset")) {
    if (!(await standIn.reset())) fail("The bot has no local stand-in to reset.");
    console.log("The simulated guild was seeded afresh (the bot's database was not touched).");
    return true;
  }
  if (flags.has("voice")) {
    const userId = flags.get("user") ?? PLAYGROUND.userId;
    const wanted = flags.get("voice") as string;
    const context = await standIn.context(guildId, userId);
    const channel = context?.channels.find(
      (c) => c.type === 2 && (c.id === wanted || c.name === wanted.replace(/^#/, "")),
    );
    if (wanted !== "leave" && !channel) fail(`No voice channel ${wanted} in the simulated guild.`);
    const error = await standIn.setVoice(guildId, userId, channel?.id ?? null);
    if (error) fail(error);
    console.log(channel ? `Now in voice channel ${channel.name}.` : "Left voice.");
    return true;
  }
  return false;
}

async function invokerFor(where: Where, standIn: StandInClient): Promise<Invoker> {
  const context = where.guildId
    ? await standIn.context(where.guildId, where.userId, where.channel)
    : undefined;
  return {
    userId: where.userId,
    guildId: where.guildId,
    channelId: context?.channel.id ?? where.channel ?? PLAYGROUND.channels.general,
    permissions: where.permissions ?? context?.member?.permissions ?? ALL_PERMISSIONS,
    context,
  };
}

function mentionNames(invoker: Invoker): MentionNames | undefined {
  const context = invoker.context;
  if (!context) return undefined;
  return {
    user: (id) => context.members.find((m) => m.id === id)?.username,
    channel: (id) => context.channels.find((c) => c.id === id)?.name,
    role: (id) => context.roles.find((r) => r.id === id)?.name,
  };
}

async function main(): Promise<void> {
  const { flags, words } = parseArgs(process.argv.slice(2));
  const base = flags.get("url") ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
  target = base;
  const standIn = new StandInClient(base);
  if (await standInCommand(flags, standIn)) return;
  const keys =
    readDevKeys(dataDir) ?? fail(`No dev key pair in ${dataDir}. Start the bot first: npm start`);
  const last: LastState | null = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, "utf8")) as LastState)
    : null;
  const acting = flags.has("press") || flags.has("submit");
  // A press or submit acts on the last message where it was shown; `--user` presses as
  // someone else (another member joining a heist, say).
  const where: Where =
    acting && last?.where
      ? { ...last.where, userId: flags.get("user") ?? last.where.userId }
      : {
          userId: flags.get("user") ?? PLAYGROUND.userId,
          guildId: flags.has("dm") ? null : (flags.get("guild") ?? PLAYGROUND.guildId),
          channel: flags.get("channel"),
          permissions: flags.get("permissions"),
        };
  const invoker = await invokerFor(where, standIn);

  let interaction: Record<string, unknown>;
  if (flags.has("press")) {
    const message = last?.message ?? fail("There is no previous message to press a button on.");
    const target = flags.get("press") as string;
    const controls = listControls(message);
    const control = /^\d+$/.test(target)
      ? controls[Number(target) - 1]
      : controls.find((c) => c.customId === target);
    if (!control) fail(`No control ${target}; the last message has ${controls.length}.`);
    if (control.disabled) fail(`"${control.label}" is disabled.`);
    const values = flags.get("values")?.split(",");
    interaction = buildComponentInteraction(
      control.customId,
      control.type,
      message,
      invoker,
      values,
    );
  } else if (flags.has("submit")) {
    const modal = last?.modal ?? fail("There is no open modal to submit.");
    const fields = new Map(
      [flags.get("submit") as string, ...words].map((pair) => {
        const at = pair.indexOf("=");
        return [pair.slice(0, at), pair.slice(at + 1)] as [string, string];
      }),
    );
    interaction = buildModalSubmit(modal.custom_id, fields, invoker);
  } else {
    if (!words[0]?.startsWith("/"))
      fail(
        "Usage: npm run interact -- /command [subcommand] [option:value …] | --press N | --submit id=value | --state",
      );
    // File options (`file:<local path>`) are put on the stand-in's CDN first, as Discord does.
    const files = new Map<string, { id: string }>();
    for (const path of attachmentOptionValues(commands, words)) {
      const attached = await standIn.attach(basename(path), readFileSync(path));
      if (!attached)
        fail("File options need the playground's local Discord (npm start without DISCORD_*).");
      files.set(path, attached);
    }
    interaction = buildCommandInteraction(commands, words, invoker, undefined, files);
    const focused = flags.get("complete");
    if (focused) interaction = asAutocomplete(interaction, focused);
  }

  const token = interaction.token as string;
  await standIn.issue(token, invoker.channelId);
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${base}/interactions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": await sign(keys.privateKeyPkcs8, timestamp, body),
      "x-signature-timestamp": timestamp,
    },
    body,
  });
  const answer = (await response.json()) as {
    type?: number;
    data?: Record<string, unknown>;
    error?: string;
  };
  if (!response.ok) fail(`HTTP ${response.status}: ${answer.error ?? JSON.stringify(answer)}`);
  await standIn.answered(token, answer);

  const state: LastState = { where, message: last?.message };
  const names = mentionNames(invoker);
  const show = (label: string, message: Record<string, unknown>, id: string) => {
    console.log(`\n— ${label} —\n${renderMessage(message, names)}`);
    state.message = { ...message, id };
  };
  switch (answer.type) {
    case 4:
      show("reply", answer.data ?? {}, String(interaction.id));
      break;
    case 7:
      show("message updated", answer.data ?? {}, state.message?.id ?? String(interaction.id));
      break;
    case 8: {
      const choices = (answer.data?.choices as { name: string; value: unknown }[]) ?? [];
      console.log(choices.length === 0 ? "(no suggestions)" : "— suggestions —");
      for (const [i, c] of choices.entries()) {
        console.log(`${i + 1}. ${c.name}\n   → ${String(c.value)}`);
      }
      break;
    }
    case 9:
      console.log(
        `\n— form: ${answer.data?.title} —\n${JSON.stringify(answer.data?.components, null, 2)}\nSubmit with: npm run interact -- --submit <field>=<value>`,
      );
      state.modal = answer.data as LastState["modal"];
      break;
    case 5:
    case 6: {
      console.log(answer.type === 5 ? "(thinking…)" : "(working…)");
      const sent = await watch(standIn, token);
      if (sent.original) show("response (edited)", sent.original, sent.original.id);
      for (const followup of sent.followups) show("follow-up", followup, followup.id);
      break;
    }
    default:
      console.log(JSON.stringify(answer, null, 2));
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(statePath, JSON.stringify(state, null, 2));
}

/** One line of what a message shows now: the tail of its text, for watching it grow. */
function glimpse(message: Record<string, unknown> | null): string {
  const embeds = (message?.embeds as { description?: string; footer?: { text?: string } }[]) ?? [];
  const text = `${message?.content ?? ""} ${embeds.map((e) => e.description ?? "").join(" ")}`;
  const flat = text.replace(/\s+/g, " ").trim();
  const footer = embeds.at(-1)?.footer?.text;
  return `${flat.length > 70 ? `…${flat.slice(-70)}` : flat}${footer ? `  [${footer}]` : ""}`;
}

/**
 * Waits for the bot to finish with `token`, printing each edit as it lands: an answer that
 * streams (`/ai`) is seen growing, as in Discord.
 */
async function watch(standIn: StandInClient, token: string) {
  let finished = false;
  const done = standIn.sent(token).finally(() => {
    finished = true;
  });
  let last = "";
  while (!finished) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 250))]);
    if (finished) break;
    const now = glimpse((await standIn.sentSoFar(token)).original);
    if (now && now !== last) console.log(`  ✎ ${now}`);
    last = now;
  }
  return done;
}

main().catch((error: unknown) => {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code === "ECONNREFUSED")
    fail(`Nothing answers at ${target}: start the bot first (npm start), with the same PORT.`);
  fail(error instanceof Error ? error.message : String(error));
});
