// Who is on the other end of a request, for the sign-in and webhook throttles. X-Forwarded-For is a
// list the client starts: anyone can send "X-Forwarded-For: 1.2.3.4". Each proxy appends the address
// it saw, so an entry can be believed only when the hop to its right is a proxy we run. Our server
// (lib/startup/next-server.ts) appends the socket's address as the last entry; reading from the right,
// every entry that is a trusted proxy (TRUSTED_PROXIES: addresses or CIDRs) is skipped, and the
// first one that is not is the client. A direct client is therefore always its socket's address,
// whatever it wrote in the header, as nginx's real_ip_recursive and Express's "trust proxy" do.
import net from "node:net";

export const FORWARDED_FOR = "x-forwarded-for";
const MAX_HOPS = 10;

export type TrustedProxies = net.BlockList;

/** TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8, ::1". Throws on an entry it cannot read, so a typo stops the start. */
export function trustedProxies(value = process.env.TRUSTED_PROXIES): TrustedProxies {
  const list = new net.BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, bits, ...rest] = entry.split("/");
    const family = net.isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (family === 0 || rest.length > 0 || !/^\d+$/.test(bits ?? "0") || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range (like 10.0.0.0/8)`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

let fromEnv: { value: string | undefined; list: TrustedProxies } | undefined;
function proxiesFromEnv(): TrustedProxies {
  if (!fromEnv || fromEnv.value !== process.env.TRUSTED_PROXIES) fromEnv = { value: process.env.TRUSTED_PROXIES, list: trustedProxies() };
  return fromEnv.list;
}

/** The X-Forwarded-For a proxy sends on: what it received, then the address it saw. */
export function appendForwardedFor(received: string | string[] | undefined, peer: string | undefined): string {
  const previous = Array.isArray(received) ? received.join(", ") : (received ?? "");
  const self = canonicalAddress(peer ?? "") ?? "unknown";
  return previous.trim() ? `${previous}, ${self}` : self;
}

/** The client's address, canonical (no IPv4-mapped IPv6), or "unknown". Never longer than an address. */
export function clientAddress(forwardedFor: string | null | undefined, proxies: TrustedProxies = proxiesFromEnv()): string {
  // Only the last few entries can matter; a client can make the rest as long as it likes.
  const entries = (forwardedFor ?? "")
    .slice(-(MAX_HOPS + 1) * 48)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let client: string | null = null;
  for (let i = entries.length - 1; i >= Math.max(0, entries.length - 1 - MAX_HOPS); i--) {
    const address = canonicalAddress(entries[i]);
    // Garbage where a trusted proxy's entry should be: the last address we could read stands.
    if (!address) break;
    client = address;
    if (!isTrusted(proxies, address)) break;
  }
  return client ?? "unknown";
}

function isTrusted(proxies: TrustedProxies, address: string): boolean {
  return proxies.check(address, net.isIPv6(address) ? "ipv6" : "ipv4");
}

/**
 * The key a throttle counts an address under. One IPv6 user usually holds a whole /64, and could
 * rotate through it, so IPv6 addresses count by their /64.
 */
export function addressThrottleKey(address: string): string {
  if (net.isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
  return address;
}

function canonicalAddress(value: string): string | null {
  const bare = value.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped && net.isIPv4(mapped[1])) return mapped[1];
  return net.isIP(bare) ? bare : null;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const middle = address.includes("::") ? Array(8 - left.length - right.length).fill("0") : [];
  return [...left, ...middle, ...right].map((h) => h.padStart(4, "0"));
}
