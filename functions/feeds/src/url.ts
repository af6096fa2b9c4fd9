// URL normalisation: one spelling per article URL, so the same story found
// under different spellings (tracking parameters, default port, fragment,
// trailing slash, case of scheme and host) is collected once.
//
// Deterministic and idempotent: normaliseUrl(normaliseUrl(x)) === normaliseUrl(x).
// It never changes what a server would answer: the path keeps its case,
// "www." is kept, and only parameters known to be tracking are dropped.

import { createHash } from "node:crypto";

/** Longest normalised URL accepted; longer ones are not usable. */
export const MAX_URL_LENGTH = 2048;

/** Longest input looked at (tracking parameters may make a long URL short). */
const MAX_RAW_LENGTH = 32 * 1024;

/** Longest post id; a longer URL is replaced by its hash. */
const MAX_POST_ID_LENGTH = 200;

/**
 * Query parameters dropped as tracking (compared lower-case), besides every
 * parameter whose name starts with "utm_". They identify a click, a mailing or
 * a campaign, never the document:
 * - ad and click ids: fbclid (Meta), gclid, gclsrc, dclid, gbraid, wbraid, srsltid (Google),
 *   msclkid (Microsoft), yclid (Yandex), twclid (X), ttclid (TikTok), li_fat_id (LinkedIn),
 *   igshid, igsh (Instagram), epik (Pinterest), rb_clickid (Rakuten), s_kwcid, ef_id (Adobe)
 * - mailings: mc_cid, mc_eid (Mailchimp), _hsenc, _hsmi, __hstc, __hssc, __hsfp (HubSpot),
 *   mkt_tok (Marketo), vero_id, vero_conv (Vero), oly_anon_id, oly_enc_id (Omeda)
 * - analytics and referrers: _ga, _gl (Google Analytics linker), ref_src (X embeds), ocid (Microsoft Start / MSN)
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "srsltid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "li_fat_id",
  "igshid",
  "igsh",
  "epik",
  "rb_clickid",
  "s_kwcid",
  "ef_id",
  "mc_cid",
  "mc_eid",
  "_hsenc",
  "_hsmi",
  "__hstc",
  "__hssc",
  "__hsfp",
  "mkt_tok",
  "vero_id",
  "vero_conv",
  "oly_anon_id",
  "oly_enc_id",
  "_ga",
  "_gl",
  "ref_src",
  "ocid",
]);

function isTrackingParameter(pair: string): boolean {
  const eq = pair.indexOf("=");
  let name = eq === -1 ? pair : pair.slice(0, eq);
  try {
    name = decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    // a malformed escape: compare the name as written
  }
  name = name.toLowerCase();
  return name.startsWith("utm_") || TRACKING_PARAMETERS.has(name);
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Decodes %XX of unreserved characters (RFC 3986 2.3) and upper-cases the hex of the rest. */
function normalisePercents(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const ch = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}

function parse(raw: string, base?: string): URL | undefined {
  let baseUrl: URL | undefined;
  if (base !== undefined) {
    try {
      baseUrl = new URL(base.trim());
    } catch {
      baseUrl = undefined; // an unusable base: only an absolute raw URL can succeed
    }
  }
  try {
    return new URL(raw, baseUrl);
  } catch {
    return undefined;
  }
}

function normaliseOnce(raw: string, base?: string): string | undefined {
  const url = parse(raw.trim(), base);
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return undefined;
  // WHATWG URL has lower-cased the scheme and host, encoded the host (IDNA),
  // dropped the default port and resolved dot segments. Userinfo and fragment
  // are left out by building the string from the parts kept.
  let path = normalisePercents(url.pathname);
  if (path.length > 1) path = path.replace(/\/+$/, "") || "/";
  const query = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !isTrackingParameter(pair))
    .map(normalisePercents)
    .join("&");
  return `${url.protocol}//${url.host}${path}${query === "" ? "" : `?${query}`}`;
}

/**
 * The one spelling of an http(s) URL (resolved against `base` when relative),
 * or undefined when it is not a usable http(s) URL (another scheme, unparsable,
 * no host, longer than MAX_URL_LENGTH once normalised, or over 32 KiB as given).
 *
 * Lower-case scheme and host, no default port, no userinfo, no fragment, no
 * tracking parameters (TRACKING_PARAMETERS and utm_*), the other parameters in
 * their order, no empty "?", no trailing slash on a path other than "/",
 * unreserved characters percent-decoded and other escapes' hex upper-cased.
 * The path's case and a leading "www." are kept.
 */
export function normaliseUrl(raw: string, base?: string): string | undefined {
  if (raw.length > MAX_RAW_LENGTH) return undefined;
  let current = normaliseOnce(raw, base);
  // Each step's output is parsed again until it no longer changes, which makes
  // the function idempotent even where one step exposes work for another
  // (a decoded escape that URL would then treat differently, say).
  for (let i = 0; i < 4 && current !== undefined; i++) {
    const next = normaliseOnce(current);
    if (next === current) return current.length <= MAX_URL_LENGTH ? current : undefined;
    current = next;
  }
  return undefined; // did not settle: not a URL worth keeping
}

/**
 * The post id for a normalised URL: the URL itself when at most 200
 * characters, else "url:sha256:" followed by the hex SHA-256 of the URL (75 characters).
 */
export function postIdForUrl(normalised: string): string {
  if (normalised.length <= MAX_POST_ID_LENGTH) return normalised;
  return `url:sha256:${createHash("sha256").update(normalised, "utf8").digest("hex")}`;
}

function siteHost(u: string): string | undefined {
  try {
    const host = new URL(u.trim()).hostname.toLowerCase();
    if (host === "") return undefined;
    return host.startsWith("www.") ? host.slice(4) : host;
  } catch {
    return undefined;
  }
}

/**
 * Whether two URLs are on the same site: the same host name, ignoring case, a
 * leading "www." and the port. False when either is not a URL with a host.
 */
export function sameSite(a: string, b: string): boolean {
  const ha = siteHost(a);
  const hb = siteHost(b);
  return ha !== undefined && ha === hb;
}
