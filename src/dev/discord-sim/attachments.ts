import { snowflake } from "../snowflake.ts";
import type { SimState } from "./state.ts";

/** A file a user attached to an interaction, as the simulated CDN keeps it. */
interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string | Uint8Array;
}

/** An attachment as Discord puts it in `data.resolved.attachments`. */
export interface AttachmentJson {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

const stored = (state: SimState) =>
  state.feature<Record<string, StoredAttachment>>("attachments", () => ({}));

/** Where attachments are served, under the simulator's mount (`/attachments/<id>/<name>`). */
export const ATTACHMENT_PATH = "/attachments";

/**
 * Stores a file (text, or raw bytes) as if a user had uploaded it with an interaction, and
 * returns the resolved attachment object; `cdnBase` is the origin (and mount) the CDN is
 * served from.
 */
export function addAttachment(
  state: SimState,
  cdnBase: string,
  file: { filename: string; content: string | Uint8Array; contentType?: string },
): AttachmentJson {
  const id = snowflake();
  const contentType = file.contentType ?? "text/plain; charset=utf-8";
  stored(state)[id] = { filename: file.filename, contentType, content: file.content };
  const url = `${cdnBase}${ATTACHMENT_PATH}/${id}/${encodeURIComponent(file.filename)}`;
  return {
    id,
    filename: file.filename,
    size:
      typeof file.content === "string"
        ? new TextEncoder().encode(file.content).byteLength
        : file.content.byteLength,
    url,
    proxy_url: url,
    content_type: contentType,
  };
}

/** Serves `<id>/<name>` (under `/attachments/`) as Discord's CDN does: the bytes, or a 404. */
export function serveAttachment(state: SimState, path: string): Response {
  const [id, name] = path.split("/");
  const file = id ? stored(state)[id] : undefined;
  if (!file || decodeURIComponent(name ?? "") !== file.filename)
    return new Response("Not Found", { status: 404 });
  const body =
    typeof file.content === "string" ? file.content : new Blob([new Uint8Array(file.content)]);
  return new Response(body, { headers: { "content-type": file.contentType } });
}
