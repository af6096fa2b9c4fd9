// An article page's text: Mozilla's Readability (the Firefox Reader View
// algorithm) run over a linkedom document, then the article's block elements
// turned into plain paragraphs. Also the plain text of a feed item's own
// content (an HTML fragment or plain text), the fallback when a page yields
// too little.
//
// extractArticle, step by step: input that looks binary gives ""; the rest is
// cut at maxHtmlChars, and again where its nesting would pass MAX_DEPTH;
// parsed; the canonical URL read; <svg>/<math>/<template> dropped; a document
// too big for Readability (MAX_ELEMENTS, MAX_DEPTH_SUM) gives ""; small
// promotion boxes Readability would keep (newsletter sign-ups and the like,
// see PROMOTION) dropped; Readability run; its article element walked into
// paragraphs. Short text from a page that did not look like an article (an
// index page's menus and headlines) is dropped.
//
// Neither function throws: garbage in gives text "" out. Work is bounded: the
// input is cut before it is parsed, the text walk stops at the output cap, and
// every walk is a loop, not recursion.
//
// linkedom, as used here (v0.18), differs from a browser's parser in ways that
// matter, each handled below:
// - It builds no <html>/<head>/<body> around a fragment or plain text: the
//   first element becomes the documentElement (or there is none at all, and
//   `document.head` then throws), and content after </head> that is not inside
//   a <body> stays outside `document.body`, where Readability never looks.
//   `parseDocument` reparses such input wrapped, or moves the stray nodes in.
// - A document's URL comes from its window's `location`, which must be passed
//   as a "global" to parseHTML (its window is a proxy over globalThis: setting
//   `location` on it would set it for the whole process). `baseURI` returns a
//   <base href> verbatim, unresolved, so the base is resolved here first.
// - `documentURI` is undefined, so Readability resolves "#fragment" links
//   against the base too (harmless: the text keeps no links).
// - getElementsByTagName("*") matches nothing, which disables Readability's
//   own element cap (`maxElemsToParse`); documentSize does that job.
// - Its parser (htmlparser2) pays time in proportion to the nesting depth for
//   every start tag; cutAtDepth keeps that bounded.

import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface ArticleText {
  /** Plain text: paragraphs separated by "\n\n"; "" when no article was found. */
  text: string;
  title?: string;
  /** Absolute http(s) URL from <link rel=canonical>, resolved against the page (and its <base>), unnormalised. */
  canonical?: string;
  byline?: string;
}

export interface ArticleLimits {
  /** Input beyond this many characters is cut off before parsing. */
  maxHtmlChars: number;
  /** The text is cut to at most this many characters. */
  maxTextChars: number;
}

export const DEFAULT_ARTICLE_LIMITS: Readonly<ArticleLimits> = Object.freeze({
  maxHtmlChars: 2_000_000,
  maxTextChars: 100_000,
});

/**
 * Readability is not run (text "") on a document with more elements than this,
 * or whose elements' depths sum to more than MAX_DEPTH_SUM. Its cost, measured
 * over linkedom, is roughly 50 µs per element plus 1-2 µs per element per
 * level of nesting (it takes the text of each candidate's whole subtree, and
 * retries up to four times with relaxed rules when the text is short). A
 * 2 MB news page is typically 10-30 thousand elements at an average depth of
 * 10-20; 40,000 elements or a depth sum of 1,000,000 is a few seconds' work.
 * (Readability's own `maxElemsToParse` does not work over linkedom, whose
 * getElementsByTagName("*") matches nothing.)
 */
const MAX_ELEMENTS = 40_000;
const MAX_DEPTH_SUM = 1_000_000;

/**
 * Markup nested deeper than this (as estimated by `cutAtDepth`) is cut off
 * before parsing: linkedom's parser, htmlparser2, keeps its open-element stack
 * with Array.unshift, so each start tag costs time in proportion to the depth,
 * and 400,000 nested <div>s (2 MB) would take minutes. Real pages nest a few
 * dozen levels, rarely a few hundred.
 */
const MAX_DEPTH = 500;

/** Readability's default `charThreshold`: the length of text it counts as an article. */
const READABILITY_CHAR_THRESHOLD = 500;

// ---------------------------------------------------------------------------
// The slice of linkedom's DOM used here. The package is compiled without the
// DOM lib, so linkedom's own types (which refer to it) are not usable.

interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly localName?: string;
  readonly textContent: string | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly parentNode: DomNode | null;
}

interface DomElement extends DomNode {
  readonly className: string;
  readonly id: string;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): DomElement | null;
  remove(): void;
  setAttribute(name: string, value: string): void;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  prepend(...nodes: DomNode[]): void;
  append(...nodes: DomNode[]): void;
}

interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly head: DomElement;
  readonly body: DomElement;
  readonly title: string;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

// ---------------------------------------------------------------------------

/**
 * The article of a page: its text (paragraphs separated by blank lines), title,
 * byline and canonical URL. `pageUrl` is the URL the page was fetched from (after
 * redirects); relative URLs resolve against it. Never throws.
 */
export function extractArticle(html: string, pageUrl: string, limits?: Partial<ArticleLimits>): ArticleText {
  const maxHtmlChars = positiveInt(limits?.maxHtmlChars, DEFAULT_ARTICLE_LIMITS.maxHtmlChars);
  const maxTextChars = positiveInt(limits?.maxTextChars, DEFAULT_ARTICLE_LIMITS.maxTextChars);
  if (typeof html !== "string" || html.length === 0 || looksBinary(html)) return { text: "" };

  let doc: DomDocument;
  let base: string | undefined;
  try {
    const input = cutAtDepth(html.length > maxHtmlChars ? html.slice(0, maxHtmlChars) : html, MAX_DEPTH);
    const page = absoluteUrl(pageUrl);
    doc = parseDocument(input, page);
    base = resolveBase(doc, page);
  } catch {
    return { text: "" };
  }

  const result: ArticleText = { text: "" };
  try {
    const canonical = findCanonical(doc, base);
    if (canonical !== undefined) result.canonical = canonical;
  } catch {
    // no canonical
  }

  try {
    dropAll(doc, "svg, math, template"); // no text, and an inline chart can be thousands of elements
    const size = documentSize(doc);
    if (size.elements > MAX_ELEMENTS || size.depthSum > MAX_DEPTH_SUM) {
      const title = cleanLine(doc.title);
      if (title) result.title = title;
      return result;
    }
    dropPromotions(doc);
    // Asked before Readability, which rewrites the document as it goes.
    const readerable = isProbablyReaderable(doc as never);
    const reader = new Readability<DomElement>(doc as never, {
      // The content as the element itself, not serialised HTML to parse again.
      serializer: (node) => node as unknown as DomElement,
    });
    const article = reader.parse();
    const title = cleanLine(article?.title ?? doc.title);
    if (title) result.title = title;
    const byline = cleanLine(article?.byline);
    if (byline) result.byline = byline;
    const text = article?.content ? blockText(article.content, maxTextChars, false) : "";
    // Readability returns its best attempt even when no candidate reached its
    // 500-character threshold: on an index or error page that is a handful of
    // menu and headline lines. Such short text counts only where the page
    // looked like an article before extraction (a paragraph of some length).
    result.text = text.length >= READABILITY_CHAR_THRESHOLD || readerable ? text : "";
  } catch {
    // Readability or the DOM under it did something unexpected: no text.
  }
  return result;
}

/**
 * Plain text of a feed item's content, HTML fragment or plain text: paragraphs
 * (block elements, and runs of text between <br>s) separated by "\n\n",
 * whitespace within a paragraph collapsed, entities decoded, scripts, styles and
 * other non-text elements dropped. Where the content has no block markup at all
 * (plain text, or text with only inline tags), its blank lines separate
 * paragraphs. At most `maxChars` characters (default 100,000). Never throws.
 */
export function htmlToText(html: string, maxChars: number = DEFAULT_ARTICLE_LIMITS.maxTextChars): string {
  if (typeof html !== "string" || html.length === 0 || looksBinary(html)) return "";
  const max = positiveInt(maxChars, DEFAULT_ARTICLE_LIMITS.maxTextChars);
  try {
    const maxHtml = DEFAULT_ARTICLE_LIMITS.maxHtmlChars;
    const input = cutAtDepth(html.length > maxHtml ? html.slice(0, maxHtml) : html, MAX_DEPTH);
    const doc = wrappedDocument(input, undefined);
    return blockText(doc.body, max, !BLOCK_TAG_PATTERN.test(input));
  } catch {
    return "";
  }
}

// ---------------------------------------------------------------------------
// Parsing

/** Elements with no content or end tag. */
const VOID = new Set([
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
  "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
]);

/** Elements closed by the start of a sibling (or their parent's end): they do not nest by themselves. */
const SELF_CLOSING_SIBLINGS = new Set([
  "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
  "rb", "rt", "rp", "rtc",
]);

/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe"]);

/**
 * The markup up to the first start tag that would take the element nesting past
 * `maxDepth`, or all of it. One pass, constant work per tag: a stack of open
 * element names with a count per name, so that an end tag with no open element
 * of its name is ignored at once (as the parser does) and a matching one pops
 * everything opened since. An estimate, not a parse: implied end tags other
 * than the sibling-closing elements above are not modelled, so sloppy markup
 * (unclosed <span>s, say) reads deeper than the parser would build it.
 */
function cutAtDepth(html: string, maxDepth: number): string {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let foreign = 0; // open <svg>/<math>: inside them "<x/>" is self-closed
  let i = 0;
  while ((i = html.indexOf("<", i)) !== -1) {
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    const closing = html.charCodeAt(i + 1) === 0x2f; // "/"
    const nameMatch = /^[a-zA-Z][^\s/>]*/.exec(html.slice(i + (closing ? 2 : 1), i + 80));
    const tagEnd = html.indexOf(">", i + 1);
    if (tagEnd === -1) break;
    if (!nameMatch) {
      i += 1;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const start = i;
    i = tagEnd + 1;
    if (closing) {
      const count = open.get(name) ?? 0;
      if (count === 0) continue;
      for (;;) {
        const top = stack.pop();
        if (top === undefined) break;
        open.set(top, (open.get(top) ?? 1) - 1);
        if (top === "svg" || top === "math") foreign -= 1;
        if (top === name) break;
      }
      continue;
    }
    if (VOID.has(name) || SELF_CLOSING_SIBLINGS.has(name)) continue;
    if (foreign > 0 && html.charCodeAt(tagEnd - 1) === 0x2f) continue;
    if (RAW_TEXT.has(name)) {
      const endTag = new RegExp(`</${name}[\\s/>]`, "gi");
      endTag.lastIndex = i;
      const found = endTag.exec(html);
      if (!found) break;
      i = found.index;
      continue;
    }
    if (stack.length >= maxDepth) return html.slice(0, start);
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (name === "svg" || name === "math") foreign += 1;
  }
  return html;
}

function parseDocument(html: string, pageUrl: string | undefined): DomDocument {
  const doc = rawDocument(html, pageUrl);
  const root = doc.documentElement;
  if (!root || lowerName(root) !== "html") return wrappedDocument(html, pageUrl);
  // Nodes that linkedom left beside <head> and <body> (content after </head>
  // with no <body> tag, or after </body>) belong in the body.
  const body = doc.body; // creates an empty <body> after <head> when there is none
  const before: DomNode[] = [];
  const after: DomNode[] = [];
  let seenBody = false;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node === body) seenBody = true;
    else if (node.nodeType === ELEMENT_NODE && lowerName(node) === "head") continue;
    else (seenBody ? after : before).push(node);
  }
  if (before.length > 0) body.prepend(...before);
  if (after.length > 0) body.append(...after);
  return doc;
}

/** The number of elements in the document, and the sum of their depths (a walk, no recursion). */
function documentSize(doc: DomDocument): { elements: number; depthSum: number } {
  let elements = 0;
  let depthSum = 0;
  let depth = 0;
  let node = doc.firstChild;
  while (node) {
    if (node.nodeType === ELEMENT_NODE) {
      elements += 1;
      depthSum += depth;
      if (node.firstChild) {
        depth += 1;
        node = node.firstChild;
        continue;
      }
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      depth -= 1;
      if (node === doc) node = null;
    }
    node = node ? node.nextSibling : null;
  }
  return { elements, depthSum };
}

/** The input inside an explicit document skeleton: for fragments and plain text. */
function wrappedDocument(html: string, pageUrl: string | undefined): DomDocument {
  return rawDocument(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, pageUrl);
}

function rawDocument(html: string, pageUrl: string | undefined): DomDocument {
  const globals = pageUrl === undefined ? null : { location: new URL(pageUrl) };
  return parseHTML(html, globals).document as unknown as DomDocument;
}

/**
 * The document's base URL: its first <base href> resolved against the page URL
 * (written back, absolute, so that linkedom's `baseURI`, which Readability uses
 * to absolutise links, is usable), else the page URL.
 */
function resolveBase(doc: DomDocument, pageUrl: string | undefined): string | undefined {
  const baseElement = firstOf(doc.querySelectorAll("base[href]"));
  if (!baseElement) return pageUrl;
  const resolved = absoluteUrl(baseElement.getAttribute("href") ?? "", pageUrl);
  if (resolved === undefined) {
    // An unusable <base>: browsers fall back to the document's URL.
    if (pageUrl !== undefined) baseElement.setAttribute("href", pageUrl);
    return pageUrl;
  }
  baseElement.setAttribute("href", resolved);
  return resolved;
}

/** The first <link> whose rel includes "canonical" (any case) with an href resolving to http(s). */
function findCanonical(doc: DomDocument, base: string | undefined): string | undefined {
  const links = doc.querySelectorAll("link[rel][href]");
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    if (!link) continue;
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/[\t\n\f\r ]+/);
    if (!rel.includes("canonical")) continue;
    const href = (link.getAttribute("href") ?? "").trim();
    if (!href) continue;
    const url = absoluteUrl(href, base);
    if (url !== undefined && /^https?:$/.test(new URL(url).protocol)) return url;
  }
  return undefined;
}

/**
 * Class or id words of the promotions news sites put inside article bodies, which
 * Readability (whose own lists cover ads, share bars, related links, comments,
 * footers and sidebars) keeps: newsletter sign-ups, subscription pitches, cookie
 * and consent notices, content-recommendation widgets. Matched as whole words
 * (letters on neither side: "subscriber-content" does not match "subscribe").
 */
const PROMOTION = /(?:^|[^a-z])(?:newsletters?|subscribe|subscription|sign-?up|cookies?|consent|gdpr|promo|outbrain|taboola|advert|advertisement)(?:[^a-z]|$)/;

/** Class or id words of a content container: such an element is kept whatever else its class says. */
const CONTENT_WORDS = /article|body|column|content|main|story|entry/;

/** A promotion-like element with more text than this is kept: it may hold the article. */
const PROMOTION_MAX_TEXT = 1_000;

/** At most this many promotion-like elements are examined (each costs a text walk). */
const PROMOTION_MAX_CANDIDATES = 200;

/** Elements that mark article content: a promotion-like wrapper holding one is kept. */
const ARTICLE_MARKERS = "article, main, [itemprop=articleBody]";

function dropAll(doc: DomDocument, selectors: string): void {
  const elements = doc.querySelectorAll(selectors);
  for (let i = 0; i < elements.length; i++) elements[i]?.remove();
}

/** Removes small promotion boxes (see PROMOTION) before Readability looks at the page. */
function dropPromotions(doc: DomDocument): void {
  const elements = doc.querySelectorAll("[class], [id]");
  let examined = 0;
  for (let i = 0; i < elements.length && examined < PROMOTION_MAX_CANDIDATES; i++) {
    const element = elements[i];
    if (!element) continue;
    const name = lowerName(element);
    if (name === "html" || name === "body" || name === "main" || name === "article") continue;
    const words = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`.toLowerCase();
    if (!PROMOTION.test(words) || CONTENT_WORDS.test(words)) continue;
    examined += 1;
    if ((element.textContent ?? "").length > PROMOTION_MAX_TEXT) continue;
    if (element.querySelector(ARTICLE_MARKERS)) continue;
    element.remove();
  }
}

// ---------------------------------------------------------------------------
// Text

/** Elements whose content is not text a reader sees. */
const SKIPPED = new Set([
  "script", "style", "noscript", "template", "head", "title", "meta", "link",
  "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas",
  "audio", "video", "picture", "img", "map", "button", "input", "select", "option",
  "textarea", "datalist",
]);

/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
  "tfoot", "tr", "ul", "br",
]);

/** Cells are inline within their row, kept apart by a space. */
const CELLS = new Set(["td", "th"]);

/** Block markup in a fragment: without any, blank lines in its text separate paragraphs. */
const BLOCK_TAG_PATTERN =
  /<(?:p|div|br|li|ul|ol|h[1-6]|blockquote|pre|table|tr|section|article|header|footer|aside|figure|figcaption|dl|dt|dd|hr|main|nav|address|details|summary)(?:[\s/>]|$)/i;

const BLANK_LINE = /\n[^\S\n]*\n/;

/**
 * Paragraphs of the element's content, walked in document order without
 * recursion, stopping once `maxChars` is reached.
 */
function blockText(root: DomNode, maxChars: number, blankLinesSeparate: boolean): string {
  const paragraphs: string[] = [];
  let length = 0;
  let buffer: string[] = [];

  const flush = (): void => {
    if (buffer.length === 0) return;
    const paragraph = collapse(buffer.join(""));
    buffer = [];
    if (paragraph) {
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
  };

  const enter = (node: DomNode): boolean => {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      const text = node.textContent ?? "";
      if (blankLinesSeparate && BLANK_LINE.test(text)) {
        const parts = text.split(BLANK_LINE);
        parts.forEach((part, i) => {
          if (i > 0) flush();
          buffer.push(part);
        });
      } else {
        buffer.push(text);
      }
      return false;
    }
    if (node.nodeType !== ELEMENT_NODE) return false;
    const name = lowerName(node);
    if (SKIPPED.has(name)) return false;
    if (BLOCKS.has(name)) flush();
    else if (CELLS.has(name)) buffer.push(" ");
    return true;
  };

  const leave = (node: DomNode): void => {
    if (node.nodeType !== ELEMENT_NODE) return;
    const name = lowerName(node);
    if (BLOCKS.has(name)) flush();
    else if (CELLS.has(name)) buffer.push(" ");
  };

  let node = root.firstChild;
  while (node && node !== root && length <= maxChars) {
    if (enter(node) && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Leave this node, and every ancestor it is the last child of.
    let next: DomNode | null = node;
    while (next && next !== root) {
      leave(next);
      if (next.nextSibling) {
        next = next.nextSibling;
        break;
      }
      next = next.parentNode;
    }
    node = next;
  }
  flush();
  return cut(paragraphs.join("\n\n"), maxChars);
}

/** Control characters other than whitespace, which no reader sees. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

/** Whitespace runs (including no-break spaces) to one space, control characters dropped, trimmed. */
function collapse(text: string): string {
  return text.replace(CONTROL, "").replace(/\s+/g, " ").trim();
}

function cleanLine(text: string | null | undefined): string | undefined {
  if (typeof text !== "string") return undefined;
  const line = collapse(text);
  return line ? line : undefined;
}

/**
 * At most `max` characters: cut at the last space within the final 100
 * characters where there is one (not mid-word), never splitting a surrogate
 * pair, trailing whitespace dropped.
 */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  if (!/\s/.test(text.charAt(end))) {
    const space = text.slice(Math.max(0, end - 100), end).search(/\s\S*$/);
    if (space !== -1) end = Math.max(0, end - 100) + space;
  }
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end).trimEnd();
}

// ---------------------------------------------------------------------------
// Small helpers

/** Characters rare in text but common in binary data decoded as text: C0 and C1 controls (not whitespace), U+FFFD. */
const BINARY_CHARACTER = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/g;

/**
 * Whether the input's first 8,192 characters are more than 10% control or
 * replacement characters: an image, a PDF, a compressed body, not markup or
 * text. (A Windows-1252 page misdecoded as Latin-1 has a few C1 controls where
 * its curly quotes were; a random byte is one in four.)
 */
function looksBinary(text: string): boolean {
  const sample = text.length > 8_192 ? text.slice(0, 8_192) : text;
  const matches = sample.match(BINARY_CHARACTER);
  return matches !== null && matches.length > sample.length / 10;
}

function lowerName(node: DomNode): string {
  return (node.localName ?? node.nodeName).toLowerCase();
}

function firstOf<T>(list: ArrayLike<T>): T | undefined {
  return list.length > 0 ? list[0] : undefined;
}

function absoluteUrl(url: unknown, base?: string): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    return new URL(url.trim(), base).href;
  } catch {
    return undefined;
  }
}

function positiveInt(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}
