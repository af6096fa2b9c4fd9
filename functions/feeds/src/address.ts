// Which IP addresses a fetch of a URL found on the internet may connect to: public
// unicast only. A feed, a sitemap or a redirect can name any host, and a name can
// resolve to anything; without this check a hostile feed could make the collector
// read the metadata server (169.254.169.254), the emulators, or anything else on
// the private network it runs in.
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** The words a refusal uses for ipaddr.js's range names. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local/metadata",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private",
  reserved: "reserved",
  uniqueLocal: "unique-local",
  deprecatedSiteLocal: "site-local",
  benchmarking: "benchmarking",
  discard: "discard-only",
};

function words(range: string): string {
  return RANGE_WORDS[range] ?? range;
}

function v4Refusal(address: ipaddr.IPv4, allowLoopback: boolean): string | undefined {
  const range = address.range();
  if (range === "unicast") return undefined;
  if (range === "loopback" && allowLoopback) return undefined;
  return `${words(range)} address ${address.toString()}`;
}

/** The IPv4 address held in the last 32 bits of an IPv6 address. */
function lastV4(parts: number[]): ipaddr.IPv4 {
  const high = parts[6] ?? 0;
  const low = parts[7] ?? 0;
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function v6Refusal(address: ipaddr.IPv6, text: string, allowLoopback: boolean): string | undefined {
  // A zone (fe80::1%eth0) only means something for link-local addresses.
  if (address.zoneId !== undefined) return `scoped address ${text}`;
  const parts = address.parts;
  const range = address.range();
  switch (range) {
    case "unicast":
      // Global unicast is 2000::/3; what ipaddr.js leaves as unicast outside it
      // (the deprecated IPv4-compatible ::a.b.c.d, unassigned space) is not public.
      if (((parts[0] ?? 0) & 0xe000) !== 0x2000) return `reserved address ${text}`;
      return undefined;
    case "loopback": // ::1
      return allowLoopback ? undefined : `loopback address ${text}`;
    case "ipv4Mapped": {
      // ::ffff:a.b.c.d is a.b.c.d on a dual-stack socket: judged as that address,
      // loopback included (::ffff:127.0.0.1 is 127.0.0.1 on this machine).
      const refusal = v4Refusal(address.toIPv4Address(), allowLoopback);
      return refusal === undefined ? undefined : `IPv4-mapped ${text}: ${refusal}`;
    }
    case "rfc6145": // ::ffff:0:a.b.c.d, IPv4-translated
    case "rfc6052": // 64:ff9b::/96 (NAT64's well-known prefix) and 64:ff9b:1::/48 (local use)
    case "6to4": {
      // These reach an IPv4 host through a translator or relay elsewhere: judge
      // that host, and never as loopback (it would be the relay's own loopback).
      let embedded: ipaddr.IPv4;
      if (range === "6to4") {
        const high = parts[1] ?? 0;
        const low = parts[2] ?? 0;
        embedded = new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
      } else if (range === "rfc6052" && parts[2] !== 0) {
        return `local-use NAT64 address ${text}`;
      } else {
        embedded = lastV4(parts);
      }
      const refusal = v4Refusal(embedded, false);
      return refusal === undefined ? undefined : `${range === "6to4" ? "6to4" : range === "rfc6052" ? "NAT64" : "IPv4-translated"} address ${text} embeds ${refusal}`;
    }
    default:
      // Teredo (2001::/32) is refused whatever it embeds: a deprecated tunnel
      // whose client address is obfuscated, never a feed server's address.
      return `${words(range)} address ${text}`;
  }
}

/**
 * Why `ip` may not be contacted, or undefined when it may: only public unicast
 * addresses pass (and, with `allowLoopback`, 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104,
 * for tests and local runs). Anything that is not an IP address in the standard
 * notation (dotted quad, or IPv6) is refused.
 */
export function addressRefusal(ip: string, options: { allowLoopback: boolean }): string | undefined {
  // net.isIP accepts the standard notations only; ipaddr.js would also take
  // "127.1", "0x7f.0.0.1" and "010.0.0.1" (octal), forms a resolver never answers.
  const family = isIP(ip);
  if (family === 0) return `not an IP address: ${JSON.stringify(ip.slice(0, 100))}`;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(ip);
  } catch {
    return `not an IP address: ${JSON.stringify(ip.slice(0, 100))}`;
  }
  if (parsed.kind() === "ipv4") return v4Refusal(parsed as ipaddr.IPv4, options.allowLoopback);
  return v6Refusal(parsed as ipaddr.IPv6, ip, options.allowLoopback);
}
