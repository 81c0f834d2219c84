import type { AttachmentDownload, AttachmentsArea } from "../../ports/index.ts";

/**
 * Reads attached files from Discord's CDN (the URL comes from the signed interaction). Bounded
 * twice: by time (an abort signal covering the whole body) and by size (counted as the bytes
 * arrive, since the size Discord reported is not the body).
 */
export class AttachmentsApi implements AttachmentsArea {
  constructor(
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async download(url: string, maxBytes: number): Promise<AttachmentDownload> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await this.fetchImpl(url, { signal, redirect: "follow" });
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        return { ok: false, problem: "unavailable" };
      }
      const chunks: Uint8Array[] = [];
      let received = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > maxBytes) {
          await reader.cancel();
          return { ok: false, problem: "too_large" };
        }
        chunks.push(value);
      }
      const bytes = new Uint8Array(received);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return { ok: true, bytes };
    } catch {
      // A timeout, a refused connection or a cut body: nothing the user can fix but a retry.
      return { ok: false, problem: "unavailable" };
    }
  }
}
