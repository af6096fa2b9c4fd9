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
  getAttribute(name: string): string | null;
  querySelector(selectors: string): DomElement | null;
  remove(): void;
  setAttribute(name: string, value: string): void;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  insertBefore(node: DomNode, reference: DomNode | null): void;
  appendChild(node: DomNode): void;
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

// cutAtDepth follows htmlparser2's tokenizer and tree rules (v10: its
// Tokenizer's tag and attribute states, its Parser's void elements, implied
// end tags and foreign contexts) closely enough that its depth is never less
// than the parser's: where it differs, it sees more nesting, not less, so
// markup cannot slip deep nesting past it.

/** htmlparser2's void elements: never on the stack. */
const VOID = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input",
  "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
]);

/** htmlparser2's implied end tags: opening the key closes open elements in the set while one is innermost. */
const P_ONLY = new Set(["p"]);
const FORM_TAGS = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ["rt", new Set(["rt", "rp"])],
  ["rp", new Set(["rt", "rp"])],
  ["tbody", new Set(["thead", "tbody"])],
  ["tfoot", new Set(["thead", "tbody"])],
  ...["select", "input", "output", "button", "datalist", "textarea"].map((name): [string, Set<string>] => [name, FORM_TAGS]),
  ...[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details",
    "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav",
    "ol", "pre", "section", "table", "ul",
  ].map((name): [string, Set<string>] => [name, P_ONLY]),
]);

/** Elements whose content htmlparser2 reads as raw text, up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);

/** Where "<x/>" closes x (htmlparser2's foreign contexts), and the elements inside them where it does not again. */
const FOREIGN = new Set(["svg", "math"]);
const INTEGRATION = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);

/** htmlparser2's whitespace: space, \n, \t, \f, \r. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * The index of the ">" ending the start tag whose attributes begin at `from`,
 * and whether "/>" ended it; undefined when it never ends (an unclosed quote:
 * the rest of the input is an attribute value, and holds no elements).
 * htmlparser2's attribute states: a quote opens a value only right after "="
 * (and whitespace) following an attribute name.
 */
function startTagEnd(html: string, from: number): { end: number; selfClosing: boolean } | undefined {
  const BEFORE_NAME = 0, NAME = 1, AFTER_NAME = 2, BEFORE_VALUE = 3, UNQUOTED = 4, SELF_CLOSING = 5;
  let state = BEFORE_NAME;
  for (let j = from; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (state === SELF_CLOSING) {
      if (c === 0x3e) return { end: j, selfClosing: true };
      if (isSpace(c)) continue;
      state = BEFORE_NAME; // anything else is read again as before an attribute name
    }
    switch (state) {
      case BEFORE_NAME:
        if (c === 0x3e) return { end: j, selfClosing: false };
        if (c === 0x2f) state = SELF_CLOSING;
        else if (!isSpace(c)) state = NAME;
        break;
      case NAME:
        if (c === 0x3e) return { end: j, selfClosing: false };
        if (c === 0x2f) state = SELF_CLOSING;
        else if (c === 0x3d) state = BEFORE_VALUE;
        else if (isSpace(c)) state = AFTER_NAME;
        break;
      case AFTER_NAME:
        if (c === 0x3e) return { end: j, selfClosing: false };
        if (c === 0x2f) state = SELF_CLOSING;
        else if (c === 0x3d) state = BEFORE_VALUE;
        else if (!isSpace(c)) state = NAME;
        break;
      case BEFORE_VALUE:
        if (c === 0x22 || c === 0x27) {
          const close = html.indexOf(c === 0x22 ? '"' : "'", j + 1);
          if (close === -1) return undefined;
          j = close;
          state = BEFORE_NAME;
        } else if (c === 0x3e) {
          return { end: j, selfClosing: false };
        } else if (!isSpace(c)) {
          state = UNQUOTED;
        }
        break;
      case UNQUOTED:
        if (c === 0x3e) return { end: j, selfClosing: false };
        if (isSpace(c)) state = BEFORE_NAME;
        break;
    }
  }
  return undefined;
}

/**
 * The markup up to the first start tag that would take htmlparser2's stack of
 * open elements (or of foreign contexts) to `maxDepth`, or all of it. One pass
 * over the tags, constant work per tag besides reading it: a count of each
 * name on the stack answers "is one open?" for an end tag at once, and what an
 * end tag pops was pushed once.
 */
function cutAtDepth(html: string, maxDepth: number): string {
  const stack: string[] = []; // innermost last
  const onStack = new Map<string, number>();
  const foreign: boolean[] = [false]; // htmlparser2's foreignContext, innermost last
  const push = (name: string): void => {
    stack.push(name);
    onStack.set(name, (onStack.get(name) ?? 0) + 1);
  };
  const pop = (): string | undefined => {
    const top = stack.pop();
    if (top !== undefined) onStack.set(top, (onStack.get(top) ?? 1) - 1);
    return top;
  };

  let i = 0;
  while ((i = html.indexOf("<", i)) !== -1) {
    const start = i;
    const next = html.charCodeAt(i + 1);

    if (next === 0x21 /* ! */) {
      // A comment ends at "-->" (the "--" of "<!--" counts: "<!-->" is a whole comment);
      // declarations, CDATA and the like end at ">" (or later, which only makes this see more tags).
      if (html.startsWith("<!--", i)) {
        const end = html.indexOf("-->", i + 2);
        if (end === -1) break;
        i = end + 3;
      } else {
        i += 2;
      }
      continue;
    }

    if (next === 0x2f /* / */) {
      let j = i + 2;
      while (j < html.length && isSpace(html.charCodeAt(j))) j++;
      const end = html.indexOf(">", j);
      if (end === -1) break;
      i = end + 1;
      if (!isAsciiLetter(html.charCodeAt(j))) continue; // "</>" or a bogus comment
      let k = j + 1;
      while (k < end && !isSpace(html.charCodeAt(k))) k++;
      const name = html.slice(j, k).toLowerCase();
      if (FOREIGN.has(name) || INTEGRATION.has(name)) {
        if (foreign.length > 0) foreign.pop();
      }
      if (VOID.has(name) || (onStack.get(name) ?? 0) === 0) continue;
      while (pop() !== name) {
        // pops everything opened inside it
      }
      continue;
    }

    if (!isAsciiLetter(next)) {
      i += 1;
      continue;
    }
    let j = i + 2;
    while (j < html.length) {
      const c = html.charCodeAt(j);
      if (c === 0x2f || c === 0x3e || isSpace(c)) break;
      j++;
    }
    const name = html.slice(i + 1, j).toLowerCase();
    const tag = startTagEnd(html, j);
    if (tag === undefined) break;
    i = tag.end + 1;

    const implied = IMPLIES_CLOSE.get(name);
    if (implied) {
      while (stack.length > 0 && implied.has(stack[stack.length - 1] ?? "")) pop();
    }
    if (VOID.has(name)) continue;
    if (stack.length >= maxDepth || foreign.length >= maxDepth) return html.slice(0, start);
    push(name);
    if (FOREIGN.has(name)) foreign.push(true);
    else if (INTEGRATION.has(name)) foreign.push(false);
    if (tag.selfClosing && foreign[foreign.length - 1] === true) {
      pop();
      continue;
    }
    if (RAW_TEXT.has(name) && !tag.selfClosing) {
      const endTag = new RegExp(`</${name}[\\s/>]`, "gi");
      endTag.lastIndex = i;
      const found = endTag.exec(html);
      if (!found) break; // the rest is its text
      i = found.index;
    }
  }
  return html;
}

function parseDocument(html: string, pageUrl: string | undefined): DomDocument {
  const doc = rawDocument(html, pageUrl);
  const root = doc.documentElement;
  if (!root || lowerName(root) !== "html") return wrappedDocument(html, pageUrl);
  const body = doc.body; // creates an empty <body> after <head> when there is none
  const head = doc.head;
  // Where </head> and <body> are both missing, the parser keeps the page inside
  // <head>: from its first node that is not metadata on, it belongs in the body.
  // Likewise nodes beside <head> and <body> (content after </head> with no
  // <body> tag, or after </body>).
  const before: DomNode[] = [];
  const after: DomNode[] = [];
  let inBody = false;
  for (let node = head.firstChild; node; node = node.nextSibling) {
    if (!inBody && isMetadata(node)) continue;
    inBody = true;
    before.push(node);
  }
  let seenBody = false;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node === body) seenBody = true;
    else if (node !== head) (seenBody ? after : before).push(node);
  }
  const first = body.firstChild;
  for (const node of before) body.insertBefore(node, first);
  for (const node of after) body.appendChild(node);
  return doc;
}

/** Elements that belong in <head>. */
const METADATA = new Set(["title", "meta", "link", "style", "script", "base", "noscript", "template"]);

/** A node of <head> that belongs there: metadata, a comment, or whitespace. */
function isMetadata(node: DomNode): boolean {
  if (node.nodeType === ELEMENT_NODE) return METADATA.has(lowerName(node));
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) return !/\S/.test(node.textContent ?? "");
  return true;
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
