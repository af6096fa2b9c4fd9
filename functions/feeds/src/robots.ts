// robots.txt, per origin, cached: whether the collector may fetch a URL.
//
// Follows RFC 9309 section 2.3.1: a robots.txt that is unavailable (4xx) allows
// everything; one that is unreachable (5xx, a network failure, an address the
// fetcher refuses) disallows everything until it is asked again after the TTL.
// 429 counts as unreachable: the site is asking crawlers to back off.
import robotsParserModule from "robots-parser";
import type { Fetch } from "./fetch.js";

// robots-parser is CommonJS (module.exports = the function) typed as if it had an
// ES default export: under NodeNext the default import is module.exports itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The most of a robots.txt read (RFC 9309 asks crawlers to parse at least 500 KiB). */
export const ROBOTS_MAX_BYTES = 500 * 1024;

type Robot = ReturnType<typeof robotsParser>;

type Verdict = { kind: "rules"; robot: Robot } | { kind: "allow-all" } | { kind: "disallow-all" };

interface Entry {
  verdict: Promise<Verdict>;
  /** When the verdict must be asked again; undefined while the fetch runs. */
  expires?: number;
}

export interface RobotsOptions {
  fetch: Fetch;
  /** The crawler's User-Agent; its product token (the part before the first "/" or space) names its robots.txt group. */
  userAgent: string;
  /** How long a robots.txt (or its failure) holds before it is fetched again. */
  ttlMs: number;
  /** Origins kept at most; the oldest is forgotten first. */
  maxHosts: number;
  now?: () => number;
}

/** The product token of a User-Agent: "NewsroomBot/1.0 (+https://...)" → "NewsroomBot". */
export function productToken(userAgent: string): string {
  const token = userAgent.trim().split(/[\s/]/, 1)[0] ?? "";
  return token === "" ? "*" : token;
}

export class RobotsRules {
  private readonly fetch: Fetch;
  private readonly token: string;
  private readonly ttlMs: number;
  private readonly maxHosts: number;
  private readonly now: () => number;
  /** By origin, in insertion order: the first is the oldest. */
  private readonly cache = new Map<string, Entry>();

  constructor(options: RobotsOptions) {
    if (!(options.maxHosts >= 1)) throw new RangeError(`maxHosts must be at least 1, not ${options.maxHosts}`);
    this.fetch = options.fetch;
    this.token = productToken(options.userAgent);
    this.ttlMs = options.ttlMs;
    this.maxHosts = Math.floor(options.maxHosts);
    this.now = options.now ?? Date.now;
  }

  /** Whether robots.txt lets this crawler fetch `url`; false for a URL that is not http(s). */
  async allowed(url: string): Promise<boolean> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
    const verdict = await this.verdictFor(parsed.origin);
    switch (verdict.kind) {
      case "allow-all":
        return true;
      case "disallow-all":
        return false;
      case "rules":
        // undefined would mean the URL is not of this robots.txt's origin: not expected, refused.
        return verdict.robot.isAllowed(parsed.href, this.token) === true;
    }
  }

  private verdictFor(origin: string): Promise<Verdict> {
    const cached = this.cache.get(origin);
    if (cached !== undefined && (cached.expires === undefined || cached.expires > this.now())) return cached.verdict;
    this.cache.delete(origin);
    while (this.cache.size >= this.maxHosts) {
      const oldest = this.cache.keys().next();
      if (oldest.done) break;
      this.cache.delete(oldest.value);
    }
    // One fetch per origin however many ask at once: they share this promise.
    const entry: Entry = { verdict: this.load(origin) };
    void entry.verdict.then(() => {
      entry.expires = this.now() + this.ttlMs;
    });
    this.cache.set(origin, entry);
    return entry.verdict;
  }

  /** Never rejects: every failure is a verdict. */
  private async load(origin: string): Promise<Verdict> {
    const robotsUrl = `${origin}/robots.txt`;
    let result;
    try {
      result = await this.fetch(robotsUrl, { maxBytes: ROBOTS_MAX_BYTES, accept: "text/plain, */*;q=0.1" });
    } catch {
      // Network failure, refused address, timeout, over the size cap: unreachable.
      return { kind: "disallow-all" };
    }
    const { status } = result;
    if (status >= 200 && status < 300) {
      const text = new TextDecoder("utf-8").decode(result.body);
      // Rules apply to the origin asked about, even when robots.txt was redirected elsewhere.
      return { kind: "rules", robot: robotsParser(robotsUrl, text) };
    }
    if (status === 429) return { kind: "disallow-all" };
    if (status >= 400 && status < 500) return { kind: "allow-all" };
    return { kind: "disallow-all" };
  }
}
