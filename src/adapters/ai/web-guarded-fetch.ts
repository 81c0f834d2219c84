import { classifyAddress, isIpLiteral } from "../../domain/ai/index.ts";

class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

interface DnsAnswer {
  Answer?: { type: number; data: string }[];
}

const RESOLVER = "https://cloudflare-dns.com/dns-query";

async function resolve(
  host: string,
  type: "A" | "AAAA",
  signal?: AbortSignal | null,
): Promise<string[]> {
  const url = `${RESOLVER}?name=${encodeURIComponent(host)}&type=${type}`;
  const response = await fetch(url, {
    headers: { accept: "application/dns-json" },
    signal: signal ?? AbortSignal.timeout(3000),
  });
  if (!response.ok) throw new Error(`DNS lookup failed (${response.status})`);
  const body = (await response.json()) as DnsAnswer;
  const wanted = type === "A" ? 1 : 28;
  return (body.Answer ?? []).filter((a) => a.type === wanted).map((a) => a.data);
}

/**
 * The fetch used for guild-supplied provider URLs on Workers, which has no DNS API: the
 * name is resolved over DNS-over-HTTPS and refused unless every address is public; the
 * platform itself also refuses private destinations. Redirects are never followed.
 */
export function createWebGuardedFetch(allowlist: readonly string[]): typeof fetch {
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (!allowlist.includes(url.origin)) {
      const addresses = isIpLiteral(url.hostname)
        ? [url.hostname]
        : (
            await Promise.all([
              resolve(url.hostname, "A", init?.signal),
              resolve(url.hostname, "AAAA", init?.signal),
            ])
          ).flat();
      if (addresses.length === 0 || addresses.some((a) => classifyAddress(a) !== "public")) {
        throw new TypeError("fetch failed", {
          cause: new BlockedAddressError(`${url.hostname} is not a public address`),
        });
      }
    }
    return fetch(url, { ...init, redirect: "manual" });
  };
  return guarded as typeof fetch;
}
