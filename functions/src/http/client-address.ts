// Which address a request comes from, for limits per client address.
//
// Cloud Run's front end appends the address that connected to it to
// X-Forwarded-For; whatever comes before that entry, the client could have
// written. So the client is that last entry, unless it is a proxy the deployer
// runs in front and names in TRUSTED_PROXIES (Firebase Hosting's CDN for the
// read API), whose own entry before it is then taken, and so on. The socket's
// peer is the front end itself (locally, the stack's router), always trusted.
// Without X-Forwarded-For (a local server hit directly) the socket's peer is
// the client.
//
// IPv6 clients usually hold a whole /64, so an IPv6 address counts as its /64;
// an IPv4-mapped IPv6 address counts as the IPv4 one.
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

export type AddressedRequest = Pick<IncomingMessage, "headers" | "socket">;

/** A resolver for a comma-separated list of trusted proxy ranges (CIDR, or proxy-addr's loopback, linklocal, uniquelocal). */
export function clientAddressResolver(trustedProxies: string): (req: AddressedRequest) => string {
  const ranges = trustedProxies.split(",").map((r) => r.trim()).filter(Boolean);
  // compile throws on a malformed range: a configuration error should stop the function, not trust everyone.
  const trusted = ranges.length > 0 ? proxyaddr.compile(ranges) : () => false;
  return (req) => limitKey(proxyaddr(req as IncomingMessage, (addr, i) => i === 0 || trusted(addr, i)));
}

/** The key an address is limited under: IPv4 as is, IPv6 by its /64. */
export function limitKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return address || "unknown";
  const parsed = ipaddr.process(address); // an IPv4-mapped IPv6 address becomes the IPv4 one
  if (parsed.kind() === "ipv4") return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16)).join(":")}::/64`;
}
