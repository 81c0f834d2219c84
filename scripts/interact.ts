/**
 * The local playground's client: signs a realistic interaction with the dev key pair, posts it
 * to the running bot and prints the answer (and any follow-ups the bot sent "to Discord").
 *
 *   npm run interact -- /help
 *   npm run interact -- /ping
 *   npm run interact -- /ratelimit show guild_id:123456789012345678
 *   npm run interact -- --press 2          press button 2 of the last response
 *   npm run interact -- --submit users="1 2 3"   submit the last modal
 *   flags: --dm, --user <id>, --guild <id>, --permissions <bitfield>, --url <base>
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { commands } from "../src/commands/index.ts";
import { readDevKeys } from "../src/dev/dev-keys.ts";
import {
  buildCommandInteraction,
  buildComponentInteraction,
  buildModalSubmit,
  type Invoker,
} from "../src/dev/payloads.ts";
import { listControls, renderMessage } from "../src/dev/render.ts";

const dataDir = resolve(process.env.CHOPSTICKS_DATA_DIR ?? ".data");
const statePath = resolve(dataDir, "interact-last.json");

interface LastState {
  message?: Record<string, unknown> & { id: string };
  modal?: { custom_id: string; components: unknown[] };
  invoker: Invoker;
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
    if (arg === "--dm") flags.set("dm", "1");
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

async function main(): Promise<void> {
  const { flags, words } = parseArgs(process.argv.slice(2));
  const base = flags.get("url") ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
  const keys =
    readDevKeys(dataDir) ?? fail(`No dev key pair in ${dataDir}. Start the bot first: npm start`);
  const last: LastState | null = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, "utf8")) as LastState)
    : null;
  const invoker: Invoker = {
    userId: flags.get("user") ?? last?.invoker.userId ?? "200000000000000001",
    guildId: flags.has("dm") ? null : (flags.get("guild") ?? "300000000000000001"),
    channelId: "400000000000000001",
    permissions: flags.get("permissions") ?? String((1n << 41n) - 1n),
  };

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
      last?.invoker ?? invoker,
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
    interaction = buildModalSubmit(modal.custom_id, fields, last?.invoker ?? invoker);
  } else {
    if (!words[0]?.startsWith("/"))
      fail(
        "Usage: npm run interact -- /command [subcommand] [option:value …] | --press N | --submit id=value",
      );
    interaction = buildCommandInteraction(commands, words, invoker);
  }

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

  const state: LastState = { invoker, message: last?.message };
  const show = (label: string, message: Record<string, unknown>, id: string) => {
    console.log(`\n— ${label} —\n${renderMessage(message)}`);
    state.message = { ...message, id };
  };
  const token = interaction.token as string;
  switch (answer.type) {
    case 4:
      show("reply", answer.data ?? {}, String(interaction.id));
      break;
    case 7:
      show("message updated", answer.data ?? {}, state.message?.id ?? String(interaction.id));
      break;
    case 8:
      console.log(JSON.stringify(answer.data, null, 2));
      break;
    case 9:
      console.log(
        `\n— form: ${answer.data?.title} —\n${JSON.stringify(answer.data?.components, null, 2)}\nSubmit with: npm run interact -- --submit <field>=<value>`,
      );
      state.modal = answer.data as LastState["modal"];
      break;
    case 5:
    case 6: {
      console.log(answer.type === 5 ? "(thinking…)" : "(working…)");
      const sent = (await (await fetch(`${base}/_local/discord/interactions/${token}`)).json()) as {
        original: { id: string; body: Record<string, unknown> } | null;
        followUps: { id: string; body: Record<string, unknown> }[];
      };
      if (sent.original) show("response (edited)", sent.original.body, sent.original.id);
      for (const f of sent.followUps) show("follow-up", f.body, f.id);
      break;
    }
    default:
      console.log(JSON.stringify(answer, null, 2));
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(statePath, JSON.stringify(state, null, 2));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
