import { truncate } from "../domain/text.ts";
import { COLORS, embed } from "../interactions/index.ts";
import type { MessageBody } from "../ports/index.ts";

/** Answers never ping anyone: no @everyone, roles or users, whatever the model writes. */
export function noPings(): { parse: [] } {
  return { parse: [] };
}

/** Room left in an embed description for the typing cursor. */
export const PAGE_CHARS = 4090;

const CURSOR = " ▌";

/** What one page of an answer shows. */
export interface PageView {
  text: string;
  /** Page 0 names the question it answers. */
  question?: string;
  /** The last page carries the footer: the model, and "writing…" while it streams. */
  footer?: string;
  streaming?: boolean;
  /** A note under the text: why the answer stopped early. */
  note?: string;
}

/** One page of an answer as a message body. */
export function pageBody(view: PageView): MessageBody {
  const description = view.streaming ? `${view.text}${CURSOR}` : view.text || "…";
  return {
    embeds: [
      embed("", description, view.note ? COLORS.warning : COLORS.info, {
        title: undefined,
        ...(view.question ? { author: { name: truncate(`“${view.question}”`, 256) } } : {}),
        ...(view.footer ? { footer: { text: view.footer } } : {}),
        ...(view.note
          ? { fields: [{ name: "Stopped early", value: truncate(view.note, 1024) }] }
          : {}),
      }),
    ],
    allowed_mentions: noPings(),
  };
}

/** The "thinking" view shown before the first token. */
export function waitingBody(question: string | undefined, model: string): MessageBody {
  return pageBody({ text: "", question, footer: `${model} · thinking…`, streaming: true });
}
