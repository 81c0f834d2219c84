import { createParser, type EventSourceMessage } from "eventsource-parser";
import { AiProviderError } from "../../ports/ai.ts";

/**
 * The `data` fields of a Server-Sent Events body, in order, parsed with eventsource-parser.
 * A body that breaks off (socket reset, abort) ends with the reader's error.
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const queue: string[] = [];
  let malformed: Error | null = null;
  const parser = createParser({
    onEvent(event: EventSourceMessage) {
      queue.push(event.data);
    },
    onError(error) {
      malformed = error;
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      if (malformed) {
        throw new AiProviderError("bad_stream", "The provider sent a malformed event stream.");
      }
      while (queue.length > 0) yield queue.shift() as string;
    }
    parser.feed(decoder.decode());
    while (queue.length > 0) yield queue.shift() as string;
  } finally {
    reader.releaseLock();
  }
}

/** Cancels a response body we will not read, so its connection is released. */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
