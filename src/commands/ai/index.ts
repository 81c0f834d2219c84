import { defineCommand } from "../../interactions/index.ts";
import { ask, chat } from "./answer.ts";
import { aiDefinition } from "./definitions.ts";
import { keyStatus, openKeyForm, removeKey, submitKeyForm } from "./key.ts";
import { forget } from "./memory.ts";
import { clearPersona, setPersona, showPersona } from "./persona.ts";
import { voice } from "./voice.ts";

/**
 * `/ai`. The gate applies the `default` bucket to every subcommand; answers on the bot's
 * own key also spend the `ai` bucket (checked in the handler, where it is known whether the
 * server brought its own key: servers that pay for their answers are not held to it).
 */
export const ai = defineCommand({
  name: "ai",
  bucket: "default",
  worksInDMs: true,
  definitions: [aiDefinition],
  subcommands: {
    ask,
    chat,
    voice,
    forget,
    "persona set": setPersona,
    "persona clear": clearPersona,
    "persona show": showPersona,
    "key set": openKeyForm,
    "key status": keyStatus,
    "key remove": removeKey,
  },
  modals: { key: submitKeyForm },
});
