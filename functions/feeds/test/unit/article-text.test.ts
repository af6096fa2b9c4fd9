import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { DEFAULT_ARTICLE_LIMITS, extractArticle, htmlToText } from "../../src/article-text.js";

/** The package root: the nearest directory above this file holding package.json (tests run from .test-build/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("no package.json above the test");
    dir = parent;
  }
  return dir;
}

const PAGES = join(packageRoot(), "test", "fixtures", "pages");
const page = (name: string): string => readFileSync(join(PAGES, name), "utf8");

const collapse = (text: string): string => text.replace(/\s+/g, " ").trim();
const paragraphsOf = (text: string): string[] => text.split("\n\n").map(collapse).filter(Boolean);

interface Fixture {
  name: string;
  url: string;
  title: string;
  canonical: string;
  byline?: string;
  /** Text on the page outside the article, none of which may be extracted. */
  boilerplate: string[];
}

const FIXTURES: Fixture[] = [
  {
    name: "harbour-bridge",
    url: "https://www.riversidegazette.example/news/local/harbour-bridge-closure-repairs?utm_source=rss",
    title: "Harbour bridge to close for six weeks of repairs",
    // <link rel="canonical" href="/news/local/..."> resolved against the page URL
    canonical: "https://www.riversidegazette.example/news/local/harbour-bridge-closure-repairs",
    byline: "Priya Natarajan",
    boilerplate: [
      // cookie banner
      "We use cookies",
      "Accept all",
      "Manage preferences",
      // navigation, search, ticker, breadcrumbs
      "Family Notices",
      "What's On",
      "Search the Gazette",
      "Flood warning issued for the lower valley",
      // share bar, tags
      "Share on Facebook",
      "Email this story",
      "14 comments",
      "Topics:",
      // ads
      "Advertisement",
      "Advertise with the Gazette",
      // inline "read more" aside and related stories
      "Read more",
      "Millbrook crossing resurfacing finished ahead of schedule",
      "Bus fares frozen",
      "Related stories",
      "Ferry timetable changes announced for the Easter holidays",
      "Quay Street market returns with forty new stalls",
      // newsletter
      "Subscribe to our newsletter",
      "delivered to your inbox",
      "Sign me up",
      // comments
      "That bridge has been rattling",
      "Absolute madness from the council",
      "Show all comments",
      // sidebar
      "Most read",
      "Village school reopens after roof collapse",
      // footer
      "Contact the newsroom",
      "Complaints procedure",
      "Registered in England and Wales",
      // scripts, styles
      "dataLayer",
      "googletag",
      "min-height",
      "addEventListener",
    ],
  },
  {
    name: "council-budget",
    url: "https://www.northerntimes.example/politics/2024/03/council-approves-budget-tax-rise?ref=feed",
    title: "Council approves budget with 4.99% tax rise and library cuts",
    // protocol-relative href, resolved against the page's https
    canonical: "https://www.northerntimes.example/politics/2024/03/council-approves-budget-tax-rise",
    byline: "Daniel Whitcombe",
    boilerplate: [
      // top bar, menu
      "Log in",
      "Register",
      "Obituaries",
      "Motors",
      "Education",
      // cookie notice
      "This website uses cookies",
      "cookie policy",
      // ads
      "ADVERTISEMENT",
      "Harrisons Furniture",
      "loadAd",
      // share buttons
      "Facebook",
      "Tweet",
      "WhatsApp",
      "Print",
      // after the article
      "Spotted a mistake",
      "All rights reserved",
      // comments
      "Have your say",
      "Comments are moderated",
      "Shameful decision",
      "Everybody wants services",
      "rubbish everywhere",
      // sidebar newsletter, related
      "Subscribe to our newsletter",
      "straight to your inbox",
      "Related stories",
      "Library consultation draws record 3,800 responses",
      "Labour hold Ashfield in by-election",
      // footer
      "Work for us",
      "Regulated by IPSO",
      "Terms of use",
      // scripts, styles
      "_sf_async_config",
      "font-family",
      "$(function",
    ],
  },
  {
    name: "cloud-outage",
    url: "https://circuitdaily.example/2024/04/18/cloud-outage-payment-apps-offline/",
    title: "Cloud outage knocks payment apps offline for five hours",
    // rel="CANONICAL", already absolute
    canonical: "https://circuitdaily.example/2024/04/18/cloud-outage-payment-apps-offline/",
    boilerplate: [
      // consent banner
      "Your privacy choices",
      "214 partners",
      "Reject all",
      "I agree",
      // navigation
      "Gadgets",
      "Artificial Intelligence",
      "Podcasts",
      "Deals",
      "Subscribe for $1/week",
      // ads
      "Advertisement",
      // share buttons
      "Copy link",
      "Share on LinkedIn",
      "Post to Reddit",
      // newsletter box inside the article body
      "Subscribe to our newsletter",
      "The Circuit Daily briefing",
      "By signing up you agree",
      // tags, related stories
      "Fintech",
      "Related stories",
      "Bank app crash leaves customers unable to log in",
      "Regulators draw up new rules for critical cloud suppliers",
      "Data centre cooling failures blamed on record heatwave",
      "prompted calls for compensation",
      // comments
      "Comments (3)",
      "This is Ops 101",
      "carrying notes in my wallet",
      "Load more comments",
      // trending, footer
      "Trending now",
      "The best foldable phone of 2024",
      "Ethics policy",
      "Do not sell my personal information",
      "Circuit Media Inc",
      // scripts, styles
      "__articleMetrics",
      "font-size",
      "pageProps",
    ],
  },
];

describe("extractArticle on news pages", () => {
  for (const fixture of FIXTURES) {
    describe(fixture.name, () => {
      const html = page(`${fixture.name}.html`);
      const expected = paragraphsOf(page(`${fixture.name}.expected.txt`));
      const article = extractArticle(html, fixture.url);
      const paragraphs = paragraphsOf(article.text);

      it("has the article's paragraphs, each whole", () => {
        assert.ok(expected.length >= 4, "fixture has at least four paragraphs");
        for (const paragraph of expected) {
          assert.ok(paragraphs.includes(paragraph), `missing paragraph: ${paragraph.slice(0, 60)}...`);
        }
      });

      it("has none of the page's boilerplate", () => {
        for (const text of fixture.boilerplate) {
          assert.ok(!article.text.includes(text), `boilerplate extracted: ${text}`);
        }
      });

      it("is plain text: paragraphs apart by one blank line, whitespace collapsed, no markup", () => {
        assert.equal(article.text, article.text.trim());
        assert.doesNotMatch(article.text, /\n{3,}/);
        for (const paragraph of article.text.split("\n\n")) {
          assert.equal(paragraph, collapse(paragraph), "whitespace collapsed within a paragraph");
          assert.ok(paragraph.length > 0);
        }
        assert.doesNotMatch(article.text, /<\/?[a-z][^>]*>/i);
        assert.doesNotMatch(article.text, /&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i, "entities decoded");
      });

      it("has the title, canonical URL and byline", () => {
        assert.equal(article.title, fixture.title);
        assert.equal(article.canonical, fixture.canonical);
        if (fixture.byline !== undefined) assert.equal(article.byline, fixture.byline);
      });
    });
  }

  it("takes milliseconds per page (timings reported as diagnostics)", (t) => {
    for (const fixture of FIXTURES) {
      const html = page(`${fixture.name}.html`);
      extractArticle(html, fixture.url); // warm up
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        extractArticle(html, fixture.url);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const median = times[2] ?? 0;
      t.diagnostic(`${fixture.name} (${html.length} chars): median ${median.toFixed(1)} ms over 5 runs`);
      assert.ok(median < 1_000, `${fixture.name} took ${median} ms`);
    }
  });
});

describe("extractArticle on pages without an article", () => {
  it("an index page of headlines gives no text, but its title and canonical", () => {
    const article = extractArticle(page("index-page.html"), "https://www.riversidegazette.example/news/local/?page=1");
    assert.equal(article.text, "");
    assert.equal(article.title, "Local news | The Riverside Gazette");
    assert.equal(article.canonical, "https://www.riversidegazette.example/news/local/");
  });

  it("garbage gives text \"\" without throwing", () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    const inputs: unknown[] = [
      "",
      "<<<",
      ">>>",
      "<",
      "<html",
      "<!--",
      "<script>",
      "<![CDATA[",
      "</p></div></body>",
      "\u0000\u0001\u0002\ufffd",
      bytes.toString("latin1"),
      bytes.toString("utf8"), // replacement characters where the bytes are not UTF-8
      Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n"), bytes]).toString("latin1"),
      "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj",
      "{\"json\": true}",
      "<div>".repeat(10_000),
      null,
      undefined,
      42,
      {},
    ];
    for (const input of inputs) {
      const article = extractArticle(input as string, "https://example.com/a");
      assert.equal(article.text, "", `text for ${JSON.stringify(String(input).slice(0, 20))}`);
    }
  });

  it("a bad page URL only loses relative URL resolution", () => {
    const html = page("cloud-outage.html");
    const article = extractArticle(html, "not a url");
    assert.match(article.text, /^Millions of people were unable to pay/);
    assert.equal(article.canonical, "https://circuitdaily.example/2024/04/18/cloud-outage-payment-apps-offline/");
    const relative = extractArticle(page("harbour-bridge.html"), "");
    assert.equal(relative.canonical, undefined);
    assert.match(relative.text, /^The Old Harbour Bridge will close/);
  });
});

describe("extractArticle's canonical URL", () => {
  const body = "<body><p>Short.</p></body>";
  const canonicalOf = (head: string, url = "https://news.example/a/b/story?id=7"): string | undefined =>
    extractArticle(`<!DOCTYPE html><html><head>${head}</head>${body}</html>`, url).canonical;

  it("resolves a relative href against the page URL", () => {
    assert.equal(canonicalOf('<link rel="canonical" href="../c/story">'), "https://news.example/a/c/story");
    assert.equal(canonicalOf('<link rel="canonical" href="/c/story">'), "https://news.example/c/story");
    assert.equal(canonicalOf('<link rel="canonical" href="?id=8">'), "https://news.example/a/b/story?id=8");
    assert.equal(canonicalOf('<link rel="canonical" href="//other.example/x">'), "https://other.example/x");
  });

  it("resolves against <base href>, itself resolved against the page URL", () => {
    assert.equal(
      canonicalOf('<base href="/archive/2024/"><link rel="canonical" href="story">'),
      "https://news.example/archive/2024/story",
    );
    assert.equal(
      canonicalOf('<base href="https://cdn.example/m/"><link rel="canonical" href="story">'),
      "https://cdn.example/m/story",
    );
  });

  it("is left unnormalised", () => {
    assert.equal(
      canonicalOf('<link rel="canonical" href="HTTPS://News.Example:443/Story/?utm_source=x&b=2&a=1#top">'),
      "https://news.example/Story/?utm_source=x&b=2&a=1#top",
    );
  });

  it("matches rel as a case-insensitive token list, skipping empty and non-http hrefs", () => {
    assert.equal(canonicalOf('<link rel="alternate CANONICAL" href="/x">'), "https://news.example/x");
    assert.equal(
      canonicalOf('<link rel="canonical" href=""><link rel="canonical" href="javascript:void(0)"><link rel="canonical" href="/y">'),
      "https://news.example/y",
    );
    assert.equal(canonicalOf('<link rel="canonicalx" href="/x"><link rel="alternate" href="/z">'), undefined);
    assert.equal(canonicalOf('<link rel="canonical" href="mailto:desk@news.example">'), undefined);
    assert.equal(canonicalOf(""), undefined);
  });
});

describe("extractArticle's limits", () => {
  const harbour = page("harbour-bridge.html");
  const url = "https://www.riversidegazette.example/news/local/harbour-bridge-closure-repairs";

  it("cuts the input at maxHtmlChars before parsing", () => {
    const whole = extractArticle(harbour, url);
    assert.match(whole.text, /A public drop-in session/);
    const cutAt = harbour.indexOf("The council said it would waive");
    const cut = extractArticle(harbour, url, { maxHtmlChars: cutAt });
    assert.match(cut.text, /^The Old Harbour Bridge will close/);
    assert.doesNotMatch(cut.text, /waive parking charges|A public drop-in session/);
  });

  it("cuts the text at maxTextChars, between words", () => {
    const article = extractArticle(harbour, url, { maxTextChars: 300 });
    assert.ok(article.text.length <= 300, `${article.text.length} chars`);
    assert.ok(article.text.length > 200);
    const whole = extractArticle(harbour, url).text;
    assert.ok(whole.startsWith(article.text));
    assert.match(whole.charAt(article.text.length), /\s/, "not cut mid-word");
  });

  it("ignores nonsense limits", () => {
    const article = extractArticle(harbour, url, { maxHtmlChars: Number.NaN, maxTextChars: -1 });
    assert.equal(article.text, extractArticle(harbour, url).text);
    assert.equal(DEFAULT_ARTICLE_LIMITS.maxHtmlChars, 2_000_000);
    assert.equal(DEFAULT_ARTICLE_LIMITS.maxTextChars, 100_000);
  });

  it("handles a 5 MB page quickly: cut at 2 MB, the article at its top still found", (t) => {
    const comment =
      '<div class="comment"><p class="comment-text">Another reader comment about the bridge closure and the council.</p></div>\n';
    const tail = comment.repeat(Math.ceil(5_000_000 / comment.length));
    const big = harbour.replace('<section id="comments" class="comments">', `<section id="comments" class="comments">${tail}`);
    assert.ok(big.length > 5_000_000);
    const start = performance.now();
    const article = extractArticle(big, url);
    const ms = performance.now() - start;
    t.diagnostic(`${(big.length / 1e6).toFixed(1)} MB page: ${ms.toFixed(0)} ms`);
    assert.match(article.text, /^The Old Harbour Bridge will close/);
    assert.match(article.text, /A public drop-in session/);
    assert.doesNotMatch(article.text, /Another reader comment/);
    assert.ok(ms < 10_000, `${ms} ms`);
  });

  it("handles hostile markup in bounded time: deep nesting, element floods", (t) => {
    // Each of these nests hundreds of thousands deep in the parser, or would without the depth cut:
    // before it, the first took minutes.
    const nest = (unit: string): string => `<html><body>${unit.repeat(Math.ceil(2_000_000 / unit.length))}`;
    const hostile: Array<[string, string]> = [
      ["nested <div>s", nest("<div>")],
      ["<li><p> (neither closes the other)", nest("<li><p>")],
      ["an end tag inside a quoted attribute", nest('<div><a title="</div>"></a>')],
      ["\"<div/>\" inside <svg><foreignObject>", `<html><body><svg><foreignObject>${"<div/>".repeat(330_000)}`],
      ["a quote opening no attribute value", `<html><body><div =">${"<div>".repeat(400_000)}`],
      ["unclosed <svg>s (the parser's foreign-context stack)", nest("<div><svg></div>")],
      ["nesting then unmatched end tags", `<html><body>${"<div>".repeat(450)}${"</span>".repeat(200_000)}`],
      ["125,000 <span>s in a paragraph", `<html><body><p>${"<span>w</span> ".repeat(125_000)}</p></body></html>`],
      ["depth 400, repeated", `<html><body>${`${"<div>".repeat(400)}<p>a, b, c</p>${"</div>".repeat(400)}`.repeat(150)}`],
    ];
    for (const [label, html] of hostile) {
      const start = performance.now();
      const article = extractArticle(html, "https://example.com/");
      const ms = performance.now() - start;
      t.diagnostic(`${label} (${(html.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0)} ms, ${article.text.length} chars`);
      assert.ok(ms < 10_000, `${label}: ${ms} ms`);
      assert.equal(typeof htmlToText(html), "string");
    }
  });
});

describe("extractArticle on awkward documents", () => {
  const story = Array.from(
    { length: 5 },
    (_, i) => `<p>Paragraph ${i + 1} of the story, long enough to look like prose: the committee met on Tuesday, heard from residents, and postponed its decision until the spring after a long debate about costs.</p>`,
  ).join("");

  it("finds content that linkedom leaves outside <body> (no <body> tag)", () => {
    const article = extractArticle(`<html><head><title>T</title></head><div>${story}</div></html>`, "https://e.example/");
    assert.match(article.text, /^Paragraph 1 of the story/);
    assert.match(article.text, /Paragraph 5 of the story/);
  });

  it("finds content that linkedom leaves inside <head> (neither </head> nor <body>)", () => {
    const article = extractArticle(`<html><head><title>T</title><meta charset="utf-8"><div>${story}</div></html>`, "https://e.example/");
    assert.match(article.text, /^Paragraph 1 of the story/);
    assert.match(article.text, /Paragraph 5 of the story/);
    assert.equal(article.title, "T");
  });

  it("reads a fragment with no <html> at all", () => {
    const article = extractArticle(`<article>${story}</article>`, "https://e.example/");
    assert.match(article.text, /^Paragraph 1 of the story/);
    assert.equal(paragraphsOf(article.text).length, 5);
  });

  it("keeps an article whose container's class mentions a newsletter", () => {
    const html = `<html><body><div class="article-body has-newsletter"><h1>T</h1>${story}</div></body></html>`;
    assert.match(extractArticle(html, "https://e.example/").text, /Paragraph 3 of the story/);
  });
});

describe("htmlToText", () => {
  it("separates block elements by blank lines, collapses whitespace, decodes entities", () => {
    assert.equal(
      htmlToText("<p>One &amp; two&nbsp;three\n   four</p><h2>Head</h2><p>Caf&eacute; &#8220;quoted&#x201D;</p>"),
      "One & two three four\n\nHead\n\nCafé “quoted”",
    );
    assert.equal(htmlToText("<ul><li>a</li><li>b <em>c</em></li></ul><blockquote><p>q1</p><p>q2</p></blockquote>"), "a\n\nb c\n\nq1\n\nq2");
    assert.equal(htmlToText("<div>Intro<p>para</p>tail</div>"), "Intro\n\npara\n\ntail");
    assert.equal(htmlToText("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>"), "a b\n\nc d");
  });

  it("joins inline elements without adding or losing spaces", () => {
    assert.equal(htmlToText("<p><b>Bold</b>text and <a href='/x'>a link</a>.</p>"), "Boldtext and a link.");
  });

  it("breaks paragraphs at <br>", () => {
    assert.equal(htmlToText("First line<br>second line<br/><br />third"), "First line\n\nsecond line\n\nthird");
  });

  it("drops scripts, styles and other non-text elements", () => {
    assert.equal(
      htmlToText(
        '<p>Kept</p><script>var a = "<p>not</p>";</script><style>p { color: red }</style><noscript>Enable JS</noscript>' +
          '<iframe src="x">frame</iframe><svg><text>chart</text></svg><button>Share</button><template><p>t</p></template><p>Also kept</p>',
      ),
      "Kept\n\nAlso kept",
    );
  });

  it("treats blank lines as paragraph breaks in plain text and inline-only HTML", () => {
    assert.equal(htmlToText("Para one.\n\nPara two &amp; more\nwrapped line.\n \n\nThree"), "Para one.\n\nPara two & more wrapped line.\n\nThree");
    assert.equal(htmlToText('Text with <a href="x">a link</a>.\n\nSecond <b>bold</b>.'), "Text with a link.\n\nSecond bold.");
    // ... but not where the content has block markup, as a browser would not
    assert.equal(htmlToText("<p>One\n\ncontinued</p>"), "One continued");
  });

  it("keeps text that merely looks like markup", () => {
    assert.equal(htmlToText("a < b and c > d"), "a < b and c > d");
    assert.equal(htmlToText("&lt;p&gt;escaped&lt;/p&gt;"), "<p>escaped</p>");
  });

  it("cuts at maxChars between words", () => {
    const text = htmlToText(`<p>${"word ".repeat(100)}</p><p>more</p>`, 42);
    assert.equal(text, "word word word word word word word word");
    assert.equal(htmlToText("<p>abc</p><p>def</p>", 1_000), "abc\n\ndef");
    const long = htmlToText(`<p>${"x".repeat(500)}</p>`, 100);
    assert.equal(long.length, 100, "a word longer than the cap is cut inside it");
  });

  it("does not split a surrogate pair at the cut", () => {
    const text = htmlToText(`<p>${"😀".repeat(10)}</p>`, 5);
    assert.equal(text, "😀😀");
  });

  it("never throws, and drops control characters", () => {
    for (const input of ["", "<<<", "<", "<!--", "<script>", "</p>", null, undefined, 5, {}]) {
      const text = htmlToText(input as string);
      assert.equal(typeof text, "string");
    }
    assert.equal(htmlToText(""), "");
    assert.equal(htmlToText("<<<"), "<<<");
    assert.equal(htmlToText("a\u0000b\u0007c\u001fd and the rest of a sentence with some length to it"), "abcd and the rest of a sentence with some length to it");
    assert.equal(htmlToText(Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97) % 256)).toString("latin1")), "");
  });

  it("handles a deeply nested fragment without recursion", () => {
    const text = htmlToText(`${"<div>".repeat(450)}deep${"</div>".repeat(450)}after`);
    assert.equal(text, "deep\n\nafter");
  });
});
