/** Why an address may not be called, or `public` when it may. */
export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "invalid";

/** Cloud metadata endpoints, some of which sit in otherwise public ranges. */
const METADATA_V4 = new Set([
  "169.254.169.254",
  "169.254.170.2",
  "100.100.100.200",
  "168.63.129.16",
]);

type Range4 = [base: number, bits: number, kind: Exclude<AddressClass, "public" | "invalid">];

const RANGES_V4: readonly Range4[] = [
  [ip4(0, 0, 0, 0), 8, "unspecified"],
  [ip4(10, 0, 0, 0), 8, "private"],
  [ip4(100, 64, 0, 0), 10, "private"],
  [ip4(127, 0, 0, 0), 8, "loopback"],
  [ip4(169, 254, 0, 0), 16, "link-local"],
  [ip4(172, 16, 0, 0), 12, "private"],
  [ip4(192, 0, 0, 0), 24, "reserved"],
  [ip4(192, 0, 2, 0), 24, "reserved"],
  [ip4(192, 88, 99, 0), 24, "reserved"],
  [ip4(192, 168, 0, 0), 16, "private"],
  [ip4(198, 18, 0, 0), 15, "reserved"],
  [ip4(198, 51, 100, 0), 24, "reserved"],
  [ip4(203, 0, 113, 0), 24, "reserved"],
  [ip4(224, 0, 0, 0), 4, "multicast"],
  [ip4(240, 0, 0, 0), 4, "reserved"],
];

function ip4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

function classifyV4(value: number): AddressClass {
  const dotted = [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
  if (METADATA_V4.has(dotted)) return "metadata";
  for (const [base, bits, kind] of RANGES_V4) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((value & mask) >>> 0 === base) return kind;
  }
  return "public";
}

/** Parses an IPv6 address (with an optional dotted IPv4 tail) into eight 16-bit groups. */
function parseIPv6(text: string): number[] | null {
  let body = text;
  const lastColon = body.lastIndexOf(":");
  const last = body.slice(lastColon + 1);
  if (last.includes(".")) {
    // Rewrite a dotted IPv4 tail as two hex groups: ::ffff:1.2.3.4 → ::ffff:102:304.
    const v4 = parseIPv4(last);
    if (v4 === null) return null;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const group = (s: string) => (s === "" ? [] : s.split(":"));
  const head = group(halves[0] ?? "");
  const tail = halves.length === 2 ? group(halves[1] ?? "") : [];
  const explicit = head.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  const fill = halves.length === 2 ? 8 - explicit : 0;
  const groups: number[] = [];
  for (const word of [...head, ...Array<string>(fill).fill("0"), ...tail]) {
    if (!/^[0-9a-f]{1,4}$/.test(word)) return null;
    groups.push(Number.parseInt(word, 16));
  }
  return groups;
}

function classifyV6(g: number[]): AddressClass {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h7 = 0, h8 = 0] = g;
  const v4Tail = ((h7 << 16) | h8) >>> 0;
  const zeroPrefix = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (zeroPrefix && f === 0 && h7 === 0 && h8 === 0) return "unspecified";
  if (zeroPrefix && f === 0 && h7 === 0 && h8 === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 address.
  if (zeroPrefix && (f === 0xffff || f === 0)) return classifyV4(v4Tail);
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address.
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) {
    return classifyV4(v4Tail);
  }
  // 6to4 (2002::/16) embeds an IPv4 address in the next 32 bits.
  if (a === 0x2002) {
    const inner = classifyV4(((b << 16) | c) >>> 0);
    if (inner !== "public") return inner;
  }
  if (a === 0xfd00 && b === 0x0ec2 && h8 === 0x254) return "metadata";
  if ((a & 0xfe00) === 0xfc00) return "private";
  if ((a & 0xffc0) === 0xfe80) return "link-local";
  if ((a & 0xffc0) === 0xfec0) return "private";
  if ((a & 0xff00) === 0xff00) return "multicast";
  if (a === 0x2001 && b === 0x0db8) return "reserved";
  if (a === 0x0100 && b === 0 && c === 0 && d === 0) return "reserved";
  return "public";
}

/**
 * Classifies an IP address (v4 or v6, brackets and zone allowed) so a caller can refuse
 * anything but the public internet: loopback, private, link-local, cloud metadata,
 * unspecified, multicast and reserved ranges, including IPv4 hidden inside IPv6.
 */
export function classifyAddress(address: string): AddressClass {
  let text = address.trim().toLowerCase();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  // A zone (fe80::1%eth0) only exists for link-local use.
  if (text.includes("%")) return "link-local";
  const v4 = parseIPv4(text);
  if (v4 !== null) return classifyV4(v4);
  if (!text.includes(":")) return "invalid";
  const v6 = parseIPv6(text);
  return v6 ? classifyV6(v6) : "invalid";
}

/** True when `host` is written as an IP address rather than a name. */
export function isIpLiteral(host: string): boolean {
  const text = host.startsWith("[") ? host.slice(1, -1) : host;
  return parseIPv4(text) !== null || text.includes(":");
}
