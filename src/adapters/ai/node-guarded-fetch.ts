import { type LookupAddress, type LookupOptions, lookup } from "node:dns";
import { Agent, fetch as undiciFetch } from "undici";
import { classifyAddress, isIpLiteral } from "../../domain/ai/index.ts";

/** Raised inside the connection when a name resolves to an address we will not call. */
class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup that fails when any address of the name is not on the public internet. It
 * runs at connect time, for the connection actually made, so a name cannot pass a check and
 * then resolve elsewhere (DNS rebinding).
 */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((a) => classifyAddress(a.address) !== "public");
    if (blocked || addresses.length === 0) {
      return callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}

/**
 * The fetch used for guild-supplied provider URLs on Node: connections only to public
 * addresses (checked on the resolved address), never a redirect, connect timeout 5 s.
 * Origins on the operator's allowlist go through unchecked.
 */
export function createNodeGuardedFetch(allowlist: readonly string[]): typeof fetch {
  const agent = new Agent({ connect: { lookup: guardedLookup, timeout: 5000 } });
  const open = new Agent({ connect: { timeout: 5000 } });
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const allowlisted = allowlist.includes(url.origin);
    if (!allowlisted && isIpLiteral(url.hostname) && classifyAddress(url.hostname) !== "public") {
      throw new TypeError("fetch failed", {
        cause: new BlockedAddressError(`${url.hostname} is not a public address`),
      });
    }
    const response = await undiciFetch(url, {
      ...(init as Record<string, unknown>),
      redirect: "manual",
      dispatcher: allowlisted ? open : agent,
    });
    return response as unknown as Response;
  };
  return guarded as typeof fetch;
}
