// Who is on the other end of a request, for the sign-in throttles. X-Forwarded-For is a list the
// client starts: anyone can send "X-Forwarded-For: 1.2.3.4". Each proxy appends the address it saw,
// so only entries added by proxies we run can be believed, and those are at the right-hand end.
// Our server (lib/cli/next-server.ts) appends the socket's address as the last entry; with
// TRUSTED_PROXY_HOPS=N (N proxies of ours in front, each appending), the client is N entries
// further left. Anything else in the header is the client's own claim and is ignored.
import net from "node:net";

export const FORWARDED_FOR = "x-forwarded-for";
const MAX_HOPS = 10;

export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const hops = Number(value || 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= MAX_HOPS ? hops : 0;
}

/** The X-Forwarded-For a proxy sends on: what it received, then the address it saw. */
export function appendForwardedFor(received: string | string[] | undefined, peer: string | undefined): string {
  const previous = Array.isArray(received) ? received.join(", ") : (received ?? "");
  const self = canonicalAddress(peer ?? "") ?? "unknown";
  return previous.trim() ? `${previous}, ${self}` : self;
}

/** The client's address, canonical (no IPv4-mapped IPv6), or "unknown". Never longer than an address. */
export function clientAddress(forwardedFor: string | null | undefined, hops = trustedProxyHops()): string {
  // Only the last hops + 1 entries matter; a client can make the rest as long as it likes.
  const tail = (forwardedFor ?? "").slice(-(MAX_HOPS + 1) * 48).split(",").map((s) => s.trim());
  const entries = tail.filter(Boolean);
  const candidate = entries[Math.max(0, entries.length - 1 - hops)] ?? "";
  return canonicalAddress(candidate) ?? canonicalAddress(entries[entries.length - 1] ?? "") ?? "unknown";
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
