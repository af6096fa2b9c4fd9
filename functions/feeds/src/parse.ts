// Feed and sitemap parsing: RSS 2.0 and RSS 1.0 (RDF), Atom, JSON Feed,
// Google News sitemaps, plain sitemaps and sitemap indexes, the kind found
// from the document itself.
//
// Every document is hostile input. XML is read by fast-xml-parser, after
// fast-xml-parser's validator has found it well-formed (a truncated document
// is refused, not half-read), with entity processing off; a document with a
// DTD is refused before either sees it, so no entity is ever expanded and
// nothing external is ever loaded. The five XML entities and numeric character
// references are decoded here, nothing else.

import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { FeedItem, FeedKind, ParsedFeed } from "./types.js";
import { normaliseUrl } from "./url.js";

/** The document is not a feed or sitemap that can be read; the message says what is wrong. */
export class FeedParseError extends Error {
  override name = "FeedParseError";
}

export interface ParseLimits {
  /** Items kept, the first in document order (a sitemap index's child sitemaps: the newest). Default 500. */
  maxItems: number;
  /** Characters kept of each text field (titles, dates, content). Default 100,000. */
  maxTextChars: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({ maxItems: 500, maxTextChars: 100_000 });

// ---------------------------------------------------------------------------
// Text

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));/g;
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; leaves anything else as written. */
export function decodeXmlEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
    const allowed = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff));
    return allowed ? String.fromCodePoint(cp) : whole;
  });
}

/**
 * The text of an element's raw content (stop nodes keep it as written): CDATA
 * sections taken as they are, comments dropped, entities decoded in the rest.
 * Markup inside (HTML that a feed did not escape) is kept as it is.
 */
function rawToText(raw: string): string {
  if (!raw.includes("<")) return decodeXmlEntities(raw);
  let out = "";
  let i = 0;
  for (;;) {
    const cdata = raw.indexOf("<![CDATA[", i);
    const comment = raw.indexOf("<!--", i);
    const next = cdata === -1 ? comment : comment === -1 ? cdata : Math.min(cdata, comment);
    if (next === -1) break;
    out += decodeXmlEntities(raw.slice(i, next));
    if (next === cdata) {
      const end = raw.indexOf("]]>", next + 9);
      if (end === -1) return out + raw.slice(next + 9); // not reached: the validator refuses it
      out += raw.slice(next + 9, end);
      i = end + 3;
    } else {
      const end = raw.indexOf("-->", next + 4);
      if (end === -1) return out;
      i = end + 3;
    }
  }
  return out + decodeXmlEntities(raw.slice(i));
}

// ---------------------------------------------------------------------------
// The parser's output, read defensively

type Node = Record<string, unknown>;

const TEXT = "#text";
const CDATA = "#cdata";
const ATTR = "@_";

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function get(node: unknown, key: string): unknown {
  return isNode(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

/** A child in a namespace: by its usual prefix, else by its local name under any prefix. */
function getNs(node: unknown, prefix: string, local: string): unknown {
  const usual = get(node, `${prefix}:${local}`);
  if (usual !== undefined || !isNode(node)) return usual;
  const key = Object.keys(node).find((k) => k.endsWith(`:${local}`));
  return key === undefined ? undefined : node[key];
}

function list(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function attr(node: unknown, name: string): string | undefined {
  const v = get(first(node), ATTR + name);
  return typeof v === "string" ? decodeXmlEntities(v) : undefined;
}

/** An element's text, whatever shape the parser gave it; undefined when empty. */
function textOf(v: unknown): string | undefined {
  const node = first(v);
  let s: string;
  if (typeof node === "string") s = rawToText(node);
  else if (typeof node === "number" || typeof node === "boolean") s = String(node);
  else if (isNode(node)) {
    s = "";
    const text = get(node, TEXT);
    if (typeof text === "string") s += rawToText(text);
    else if (typeof text === "number" || typeof text === "boolean") s += String(text);
    for (const c of list(get(node, CDATA))) {
      const part = isNode(c) ? get(c, TEXT) : c;
      if (typeof part === "string") s += part;
    }
  } else return undefined;
  s = s.trim();
  return s === "" ? undefined : s;
}

/** Atom text constructs: XHTML content is markup, kept as written; text and HTML are decoded. */
function atomTextOf(v: unknown): string | undefined {
  const node = first(v);
  if (attr(node, "type")?.toLowerCase() === "xhtml") {
    const raw = typeof node === "string" ? node : get(node, TEXT);
    if (typeof raw === "string") return raw.trim() || undefined;
  }
  return textOf(node);
}

// ---------------------------------------------------------------------------
// URLs

/** `href` made absolute against `base`; undefined when it cannot be. */
function resolve(href: string, base: string | undefined): URL | undefined {
  try {
    return new URL(href, base);
  } catch {
    try {
      return new URL(href);
    } catch {
      return undefined;
    }
  }
}

/** An absolute http(s) URL, or undefined. */
function httpUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  const url = resolve(href, base);
  return url && (url.protocol === "http:" || url.protocol === "https:") ? url.href : undefined;
}

/** The base for an element's children: its xml:base resolved against its parent's. */
function baseOf(node: unknown, parentBase: string | undefined): string | undefined {
  const own = attr(node, "xml:base")?.trim();
  if (!own) return parentBase;
  return resolve(own, parentBase)?.href ?? parentBase;
}

// ---------------------------------------------------------------------------
// Collecting items

function clip(s: string | undefined, max: number): string | undefined {
  if (s === undefined || s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not split a surrogate pair
  return s.slice(0, end);
}

/** Keeps the first item for each URL (compared normalised) and at most maxItems. */
class Collector {
  readonly items: FeedItem[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly limits: ParseLimits) {}

  get full(): boolean {
    return this.items.length >= this.limits.maxItems;
  }

  add(url: string | undefined, fields: Omit<FeedItem, "url">): void {
    if (url === undefined || this.full) return;
    const key = normaliseUrl(url);
    if (key === undefined || this.seen.has(key)) return;
    this.seen.add(key);
    const item: FeedItem = { url };
    const max = this.limits.maxTextChars;
    if (fields.title !== undefined) item.title = clip(fields.title, max);
    if (fields.published !== undefined) item.published = clip(fields.published, max);
    if (fields.content !== undefined) item.content = clip(fields.content, max);
    this.items.push(item);
  }
}

function feed(kind: FeedKind, title: string | undefined, items: FeedItem[], limits: ParseLimits, sitemaps: string[] = []): ParsedFeed {
  const out: ParsedFeed = { kind, items, sitemaps };
  const t = clip(title, limits.maxTextChars);
  if (t !== undefined) out.title = t;
  return out;
}

// ---------------------------------------------------------------------------
// RSS 2.0 (and 0.9x) and RSS 1.0 (RDF)

function rssItems(items: unknown[], base: string | undefined, limits: ParseLimits): FeedItem[] {
  const out = new Collector(limits);
  for (const item of items) {
    if (out.full) break;
    const itemBase = baseOf(item, base);
    let url = httpUrl(textOf(get(item, "link")), itemBase);
    if (url === undefined) {
      const guid = get(item, "guid");
      if (attr(guid, "isPermaLink")?.trim().toLowerCase() !== "false") url = httpUrl(textOf(guid), undefined); // absolute only: a guid is no relative link
    }
    url ??= httpUrl(attr(item, "rdf:about"), undefined);
    out.add(url, {
      title: textOf(get(item, "title")),
      published: textOf(get(item, "pubDate")) ?? textOf(getNs(item, "dc", "date")),
      content: textOf(getNs(item, "content", "encoded")) ?? textOf(get(item, "description")),
    });
  }
  return out.items;
}

function parseRss(root: Node, feedUrl: string, limits: ParseLimits): ParsedFeed {
  const channel = first(get(root, "channel"));
  const base = baseOf(channel, baseOf(root, feedUrl));
  return feed("rss", textOf(get(channel, "title")), rssItems(list(get(channel, "item")), base, limits), limits);
}

function parseRdf(root: Node, feedUrl: string, limits: ParseLimits): ParsedFeed {
  const channel = first(get(root, "channel"));
  // RSS 1.0 puts items beside the channel; some put them inside it.
  const items = list(get(root, "item"));
  const inside = items.length > 0 ? [] : list(get(channel, "item"));
  return feed("rss", textOf(get(channel, "title")), rssItems(items.length > 0 ? items : inside, baseOf(root, feedUrl), limits), limits);
}

// ---------------------------------------------------------------------------
// Atom (1.0, and 0.3's element names for dates)

const ATOM_NAMESPACES = new Set(["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]);

function atomLink(entry: unknown, base: string | undefined): string | undefined {
  const links = list(get(entry, "link")).filter((l) => {
    const rel = attr(l, "rel")?.trim().toLowerCase();
    return rel === undefined || rel === "" || rel === "alternate" || rel === "http://www.iana.org/assignments/relation/alternate";
  });
  const type = (l: unknown) => attr(l, "type")?.trim().toLowerCase();
  const ordered = [
    ...links.filter((l) => type(l) === "text/html"),
    ...links.filter((l) => type(l) === undefined || type(l) === ""),
    ...links.filter((l) => type(l) !== undefined && type(l) !== "" && type(l) !== "text/html"),
  ];
  for (const l of ordered) {
    const url = httpUrl(attr(l, "href")?.trim() ?? textOf(l), baseOf(l, base));
    if (url !== undefined) return url;
  }
  return undefined;
}

function atomContent(v: unknown): string | undefined {
  return attr(v, "src") === undefined ? atomTextOf(v) : undefined; // out-of-line content is not the text
}

function parseAtom(root: Node, feedUrl: string, limits: ParseLimits): ParsedFeed {
  const base = baseOf(root, feedUrl);
  const out = new Collector(limits);
  for (const entry of list(get(root, "entry"))) {
    if (out.full) break;
    out.add(atomLink(entry, baseOf(entry, base)), {
      title: atomTextOf(get(entry, "title")),
      published:
        textOf(get(entry, "published")) ?? textOf(get(entry, "updated")) ?? textOf(get(entry, "issued")) ?? textOf(get(entry, "modified")),
      content: atomContent(get(entry, "content")) ?? atomTextOf(get(entry, "summary")),
    });
  }
  return feed("atom", atomTextOf(get(root, "title")), out.items, limits);
}

// ---------------------------------------------------------------------------
// Sitemaps

function parseUrlset(root: Node, feedUrl: string, limits: ParseLimits): ParsedFeed {
  const urls = list(get(root, "url"));
  const isNews = urls.some((u) => getNs(u, "news", "news") !== undefined);
  // Many sitemaps list their oldest pages first: the newest are kept when the cap cuts.
  const dated = urls.map((u, order) => {
    const news = first(getNs(u, "news", "news"));
    const when = Date.parse((news === undefined ? undefined : textOf(getNs(news, "news", "publication_date"))) ?? textOf(get(u, "lastmod")) ?? "");
    return { u, order, time: Number.isFinite(when) ? when : Number.NEGATIVE_INFINITY };
  });
  dated.sort((a, b) => b.time - a.time || a.order - b.order);
  const out = new Collector(limits);
  for (const { u } of dated) {
    if (out.full) break;
    const news = first(getNs(u, "news", "news"));
    const lastmod = textOf(get(u, "lastmod"));
    out.add(httpUrl(textOf(get(u, "loc")), feedUrl), {
      title: news === undefined ? undefined : textOf(getNs(news, "news", "title")),
      published: (news === undefined ? undefined : textOf(getNs(news, "news", "publication_date"))) ?? lastmod,
    });
  }
  return feed(isNews ? "news-sitemap" : "sitemap", undefined, out.items, limits);
}

function parseSitemapIndex(root: Node, feedUrl: string, limits: ParseLimits): ParsedFeed {
  const seen = new Set<string>();
  const found: { url: string; time: number; order: number }[] = [];
  for (const s of list(get(root, "sitemap"))) {
    const url = httpUrl(textOf(get(s, "loc")), feedUrl);
    const key = url === undefined ? undefined : normaliseUrl(url);
    if (url === undefined || key === undefined || seen.has(key)) continue;
    seen.add(key);
    const lastmod = textOf(get(s, "lastmod"));
    const time = lastmod === undefined ? Number.NaN : Date.parse(lastmod);
    found.push({ url, time, order: found.length });
  }
  // Newest first; undated (or unreadable dates) last, in document order.
  found.sort((a, b) => {
    const ad = !Number.isNaN(a.time);
    const bd = !Number.isNaN(b.time);
    if (ad && bd && a.time !== b.time) return b.time - a.time;
    if (ad !== bd) return ad ? -1 : 1;
    return a.order - b.order;
  });
  return feed("sitemap-index", undefined, [], limits, found.slice(0, limits.maxItems).map((f) => f.url));
}

// ---------------------------------------------------------------------------
// JSON Feed

function str(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  return s === "" ? undefined : s;
}

function parseJsonFeed(text: string, feedUrl: string, limits: ParseLimits): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FeedParseError(`The document looks like JSON but does not parse: ${(e as Error).message}.`);
  }
  const version = get(data, "version");
  if (typeof version !== "string" || !/^https?:\/\/jsonfeed\.org\/version\//.test(version)) {
    throw new FeedParseError(
      `The document is JSON but not a JSON Feed: it has no "version" starting with https://jsonfeed.org/version/ (it is ${Array.isArray(data) ? "an array" : typeof data === "object" && data !== null ? "an object" : typeof data}).`,
    );
  }
  const items = get(data, "items");
  if (!Array.isArray(items)) throw new FeedParseError('The JSON Feed has no "items" array.');
  const out = new Collector(limits);
  for (const item of items) {
    if (out.full) break;
    if (!isNode(item)) continue;
    out.add(httpUrl(str(item.url), feedUrl) ?? httpUrl(str(item.external_url), feedUrl), {
      title: str(item.title),
      published: str(item.date_published) ?? str(item.date_modified),
      content: str(item.content_html) ?? str(item.content_text) ?? str(item.summary),
    });
  }
  return feed("json-feed", str(get(data, "title")), out.items, limits);
}

// ---------------------------------------------------------------------------
// Decoding the body

/** Encodings a declaration may not name when the declaration itself was readable as ASCII. */
const NOT_ASCII_COMPATIBLE = /^utf-16/;

function decodeBody(body: Buffer): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder("utf-8").decode(body);
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder("utf-16le").decode(body);
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder("utf-16be").decode(body);
  const head = body.subarray(0, 1024).toString("latin1");
  const declared = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(head)?.[1];
  if (declared !== undefined) {
    try {
      const decoder = new TextDecoder(declared);
      if (!NOT_ASCII_COMPATIBLE.test(decoder.encoding)) return decoder.decode(body);
    } catch {
      // an encoding TextDecoder does not know: read it as UTF-8
    }
  }
  return new TextDecoder("utf-8").decode(body);
}

// ---------------------------------------------------------------------------
// Refusals before parsing

/**
 * Whether the document declares a DTD that could define entities: a DOCTYPE
 * with an internal subset, or an ENTITY declaration anywhere outside CDATA
 * sections and comments. Linear: one pass with indexOf.
 */
function hasDtd(text: string): boolean {
  let i = 0;
  for (;;) {
    const lt = text.indexOf("<!", i);
    if (lt === -1) return false;
    if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      if (end === -1) return false; // unterminated: the validator refuses it
      i = end + 3;
      continue;
    }
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end === -1) return false;
      i = end + 3;
      continue;
    }
    const word = text.slice(lt + 2, lt + 9).toUpperCase();
    if (word.startsWith("ENTITY")) return true;
    if (word === "DOCTYPE") {
      let quote = "";
      let j = lt + 9;
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote !== "") {
          if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "[") return true;
        else if (c === ">") break;
      }
      i = j + 1;
      continue;
    }
    i = lt + 2;
  }
}

const HTML_START = /^(?:<\?[^>]*>\s*|<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html\b|html[\s>/])/i;

function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, 8192));
}

// ---------------------------------------------------------------------------
// XML

const ARRAY_TAGS = new Set(["item", "entry", "url", "sitemap", "link"]);

// Text fields are stop nodes: the parser hands over their content as written,
// so CDATA, entities and unescaped markup (HTML in a description, XHTML in
// Atom content) are read here the one way.
const TEXT_FIELDS = [
  "title",
  "link",
  "guid",
  "pubDate",
  "dc:date",
  "published",
  "updated",
  "issued",
  "modified",
  "description",
  "content:encoded",
  "content",
  "summary",
  "loc",
  "lastmod",
  "news:title",
  "news:publication_date",
];

// fast-xml-parser refuses a whole document that names an element or attribute
// like one of these; renamed (to names no XML document can use), they are
// merely ignored here.
const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);
const safeName = (name: string) => (RESERVED_NAMES.has(name) ? `#${name}` : name);

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: TEXT,
  cdataPropName: CDATA,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (tagName, _path, _isLeaf, isAttribute) => !isAttribute && ARRAY_TAGS.has(tagName),
  stopNodes: TEXT_FIELDS.map((t) => `..${t}`),
  transformTagName: safeName,
  transformAttributeName: safeName,
});

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

function parseXml(text: string, feedUrl: string, limits: ParseLimits): ParsedFeed {
  if (hasDtd(text)) {
    throw new FeedParseError("The document declares a DTD (a DOCTYPE with an internal subset, or an ENTITY): DTDs are not accepted in feeds.");
  }
  if (looksLikeHtml(text)) throw new FeedParseError("The document is an HTML page, not a feed or sitemap.");
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // The validator names still-open elements as a JSON array: a truncated document.
    const what = valid.err.msg.startsWith("Invalid '[")
      ? "it ends before its elements are closed, as a truncated document does"
      : valid.err.msg.trim().replace(/\.$/, "");
    throw new FeedParseError(`The document is not well-formed XML: ${what} (line ${valid.err.line}, column ${valid.err.col}).`);
  }
  let doc: unknown;
  try {
    doc = xmlParser.parse(text);
  } catch (e) {
    throw new FeedParseError(`The XML could not be read: ${(e as Error).message.trim().replace(/\.$/, "")}.`);
  }
  const rootName = isNode(doc) ? Object.keys(doc).find((k) => !k.startsWith("?")) : undefined;
  if (rootName === undefined) throw new FeedParseError("The XML document has no root element.");
  const root = first(get(doc, rootName));
  const r: Node = isNode(root) ? root : {};
  switch (rootName) {
    case "rss":
      return parseRss(r, feedUrl, limits);
    case "feed": {
      const ns = attr(r, "xmlns");
      if (ns !== undefined && !ATOM_NAMESPACES.has(ns.trim())) {
        throw new FeedParseError(`The document's root element is <feed> in the namespace ${ns.slice(0, 100)}, not Atom.`);
      }
      return parseAtom(r, feedUrl, limits);
    }
    case "urlset":
      return parseUrlset(r, feedUrl, limits);
    case "sitemapindex":
      return parseSitemapIndex(r, feedUrl, limits);
    default:
      if (localName(rootName) === "RDF") return parseRdf(r, feedUrl, limits);
      if (rootName.toLowerCase() === "html") throw new FeedParseError("The document is an HTML page, not a feed or sitemap.");
      throw new FeedParseError(`The document is XML with the root element <${rootName.slice(0, 100)}>, not a feed or sitemap.`);
  }
}

// ---------------------------------------------------------------------------

function checkLimits(limits: Partial<ParseLimits> | undefined): ParseLimits {
  const out: ParseLimits = {
    maxItems: limits?.maxItems ?? DEFAULT_PARSE_LIMITS.maxItems,
    maxTextChars: limits?.maxTextChars ?? DEFAULT_PARSE_LIMITS.maxTextChars,
  };
  for (const [name, v] of Object.entries(out)) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer (got ${String(v)}).`);
  }
  return out;
}

/**
 * Reads a feed or sitemap, whatever kind it turns out to be. `feedUrl` is
 * where it was fetched: relative links resolve against it (or against Atom's
 * xml:base). Items without an absolute http(s) URL are dropped, a URL found
 * twice (compared normalised) is kept once, at most `maxItems` items are
 * kept and each text field is cut at `maxTextChars`.
 *
 * Throws FeedParseError when the document is refused: a DTD, malformed XML or
 * JSON, or not a feed at all (an HTML page, other XML, other JSON).
 */
export function parseFeed(body: string | Buffer, feedUrl: string, limits?: Partial<ParseLimits>): ParsedFeed {
  const lim = checkLimits(limits);
  const decoded = typeof body === "string" ? body : decodeBody(body);
  const text = decoded.replace(/^\uFEFF?\s*/, "");
  if (text === "") throw new FeedParseError("The document is empty.");
  const c = text[0];
  if (c === "{" || c === "[") return parseJsonFeed(text, feedUrl, lim);
  if (c === "<") return parseXml(text, feedUrl, lim);
  throw new FeedParseError(`The document is neither XML nor JSON: it starts with ${JSON.stringify(text.slice(0, 20))}.`);
}
