import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { decodeXmlEntities, DEFAULT_PARSE_LIMITS, FeedParseError, parseFeed } from "../../src/parse.js";

/** The package's directory, found from this file whether it runs from test/ or from .test-build/test/. */
function packageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "@newsroom/feeds") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("the @newsroom/feeds package directory is not above the test file");
    dir = up;
  }
}

const FIXTURES = join(packageDir(), "test", "fixtures", "feeds");
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

const refused = (pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof FeedParseError, `a FeedParseError, not ${String(e)}`);
  assert.equal(e.name, "FeedParseError");
  assert.match(e.message, pattern);
  return true;
};

function rss(items: string, channel = ""): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Generated</title>${channel}${items}</channel></rss>`;
}

describe("parseFeed: RSS", () => {
  it("reads RSS 2.0: content:encoded, CDATA, entities; drops unusable and repeated URLs", () => {
    const parsed = parseFeed(fixture("rss2.xml"), "https://news.example/feed.xml");
    assert.deepEqual(parsed, {
      kind: "rss",
      title: "The Daily & Weekly",
      sitemaps: [],
      items: [
        {
          url: "https://news.example/2024/05/budget?utm_source=rss&id=7",
          title: "Council approves budget & new <em>park</em>",
          published: "Tue, 14 May 2024 09:30:00 +0000",
          content: "<p>The council approved the budget &amp; a park.</p>",
        },
        {
          url: "https://news.example/2024/05/rates-qa",
          title: "Q&A: “Rates” — what's next <2025>",
          published: "2024-05-13T18:00:00Z",
          content: "<p>Escaped &amp; HTML</p>",
        },
        {
          url: "https://news.example/2024/05/weather",
          title: "Unknown entity kept &nbsp;",
          content: "Sunny <b>and</b> warm",
        },
      ],
    });
  });

  it("reads the same from a string as from a Buffer", () => {
    const buf = fixture("rss2.xml");
    assert.deepEqual(parseFeed(buf.toString("utf8"), "https://news.example/feed.xml"), parseFeed(buf, "https://news.example/feed.xml"));
  });

  it("resolves relative links against the feed URL and drops what is not http(s)", () => {
    const parsed = parseFeed(fixture("rss-relative.xml"), "https://site.example/feeds/main.xml");
    assert.deepEqual(
      parsed.items.map((i) => [i.title, i.url]),
      [
        ["Root-relative", "https://site.example/local/one"],
        ["Path-relative", "https://site.example/feeds/two.html"],
        ["Scheme-relative", "https://cdn.example/three"],
        ["Absolute", "http://other.example/four"],
      ],
    );
  });

  it("reads RSS 1.0 (RDF) as rss, items beside the channel, dc:date, rdf:about when there is no link", () => {
    assert.deepEqual(parseFeed(fixture("rss1-rdf.xml"), "https://rdf.example/index.rdf"), {
      kind: "rss",
      title: "RDF Site",
      sitemaps: [],
      items: [
        { url: "https://rdf.example/a", title: "First RDF item", published: "2024-05-10T08:00:00+02:00", content: "About a" },
        { url: "https://rdf.example/b", title: "Second RDF item", published: "2024-05-09" },
      ],
    });
  });

  it("is stable for one item or many, empty items, and feeds without items", () => {
    assert.deepEqual(parseFeed(rss("<item><link>https://a.example/1</link></item>"), "https://a.example/").items, [{ url: "https://a.example/1" }]);
    assert.deepEqual(parseFeed(rss("<item/><item></item><item><link/><title>t</title></item>"), "https://a.example/").items, []);
    assert.deepEqual(parseFeed(rss(""), "https://a.example/"), { kind: "rss", title: "Generated", items: [], sitemaps: [] });
    const twoLinks = parseFeed(rss("<item><link>https://a.example/first</link><link>https://a.example/second</link></item>"), "https://a.example/");
    assert.deepEqual(twoLinks.items, [{ url: "https://a.example/first" }]);
  });

  it("decodes a link's &amp; and takes numeric references only where they name a character", () => {
    const parsed = parseFeed(rss("<item><title>a&#0;b&#xD800;c&#65;&#x1F600;</title><link>https://a.example/?x=1&amp;y=2</link></item>"), "https://a.example/");
    assert.deepEqual(parsed.items, [{ url: "https://a.example/?x=1&y=2", title: "a&#0;b&#xD800;cA😀" }]);
  });

  it("does not let element names like constructor or __proto__ refuse the feed or reach prototypes", () => {
    const parsed = parseFeed(
      rss('<item><constructor>c</constructor><__proto__ polluted="yes"/><prototype constructor="x">p</prototype><toString/><title>t</title><link>https://a.example/1</link></item>'),
      "https://a.example/",
    );
    assert.deepEqual(parsed.items, [{ url: "https://a.example/1", title: "t" }]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe("parseFeed: Atom", () => {
  it("resolves links against nested xml:base, prefers alternate text/html links, published over updated, content over summary", () => {
    assert.deepEqual(parseFeed(fixture("atom.xml"), "https://feeds.example/blog.atom"), {
      kind: "atom",
      title: "Atom & Eve",
      sitemaps: [],
      items: [
        {
          url: "https://blog.example/en/posts/2024/first.html",
          title: "Relative under two bases",
          published: "2024-05-14T09:00:00Z",
          content: "<p>First &amp; foremost</p>",
        },
        {
          url: "https://blog.example/en/second",
          title: "Second <i>entry</i>",
          published: "2024-05-13T09:00:00Z",
          content: '<div xmlns="http://www.w3.org/1999/xhtml"><p>XHTML &amp; markup</p></div>',
        },
        { url: "https://elsewhere.example/x/third", title: "Out-of-line content", content: "Summary of the third" },
      ],
    });
  });

  it("resolves against the feed URL without xml:base, and accepts a feed without a namespace but not in another one", () => {
    const doc = '<feed><entry><link href="p/1"/><title>x</title></entry></feed>';
    assert.deepEqual(parseFeed(doc, "https://a.example/f/atom").items, [{ url: "https://a.example/f/p/1", title: "x" }]);
    assert.throws(() => parseFeed('<feed xmlns="urn:example:other"><entry/></feed>', "https://a.example/"), refused(/namespace urn:example:other, not Atom/));
  });
});

describe("parseFeed: JSON Feed", () => {
  it("reads JSON Feed 1.1: url else external_url, content_html else content_text else summary", () => {
    assert.deepEqual(parseFeed(fixture("jsonfeed.json"), "https://json.example/feed.json"), {
      kind: "json-feed",
      title: "JSON & Friends",
      sitemaps: [],
      items: [
        {
          url: "https://json.example/posts/1",
          title: "Plain &amp; literal",
          published: "2024-05-14T10:00:00Z",
          content: "<p>HTML body</p>",
        },
        { url: "https://other.example/linked", published: "2024-05-13T10:00:00Z", content: "Only text" },
        { url: "https://json.example/posts/3", content: "Only a summary" },
      ],
    });
  });

  it("refuses JSON that is not a JSON Feed, and JSON that does not parse", () => {
    assert.throws(() => parseFeed('{"title":"x","items":[]}', "https://a.example/"), refused(/JSON but not a JSON Feed.*an object/));
    assert.throws(() => parseFeed("[1, 2]", "https://a.example/"), refused(/JSON but not a JSON Feed.*an array/));
    assert.throws(() => parseFeed('{"version":"https://jsonfeed.org/version/1.1"}', "https://a.example/"), refused(/no "items" array/));
    assert.throws(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', "https://a.example/"), refused(/looks like JSON but does not parse/));
  });
});

describe("parseFeed: sitemaps", () => {
  it("reads a Google News sitemap: loc, news:title, news:publication_date", () => {
    assert.deepEqual(parseFeed(fixture("news-sitemap.xml"), "https://paper.example/news-sitemap.xml"), {
      kind: "news-sitemap",
      sitemaps: [],
      items: [
        { url: "https://paper.example/politics/vote-result", title: 'Vote result: "yes" wins', published: "2024-05-14T11:00:00+01:00" },
        { url: "https://paper.example/sport/final", title: "Final & overtime", published: "2024-05-13" },
      ],
    });
  });

  it("reads a plain sitemap: loc and lastmod, newest first, undated last", () => {
    assert.deepEqual(parseFeed(fixture("sitemap.xml"), "https://site.example/sitemap.xml"), {
      kind: "sitemap",
      sitemaps: [],
      items: [
        { url: "https://site.example/", published: "2024-05-01" },
        { url: "https://site.example/search?q=a&page=2", published: "2024-04-30T10:00:00Z" },
        { url: "https://site.example/about" },
      ],
    });
  });

  it("keeps a long sitemap's newest entries when the cap cuts, though it lists them last", () => {
    const urls = Array.from({ length: 30 }, (_, i) => `<url><loc>https://site.example/${i}</loc><lastmod>2024-01-${String(i + 1).padStart(2, "0")}</lastmod></url>`).join("");
    const parsed = parseFeed(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`, "https://site.example/s.xml", { maxItems: 3 });
    assert.deepEqual(parsed.items.map((i) => i.url), ["https://site.example/29", "https://site.example/28", "https://site.example/27"]);
  });

  it("reads a sitemap index: child sitemaps newest first, undated last in document order, each once", () => {
    assert.deepEqual(parseFeed(fixture("sitemap-index.xml"), "https://site.example/sitemap_index.xml"), {
      kind: "sitemap-index",
      items: [],
      sitemaps: [
        "https://site.example/sitemap-2024-05.xml",
        "https://site.example/sitemap-2024-04.xml",
        "https://site.example/sitemap-2023.xml",
        "https://site.example/sitemap-undated-1.xml",
        "https://site.example/sitemap-bad-date.xml",
      ],
    });
    assert.deepEqual(parseFeed(fixture("sitemap-index.xml"), "https://site.example/sitemap_index.xml", { maxItems: 2 }).sitemaps, [
      "https://site.example/sitemap-2024-05.xml",
      "https://site.example/sitemap-2024-04.xml",
    ]);
  });
});

describe("parseFeed: hostile and broken documents", () => {
  it("refuses a billion-laughs document before any entity is expanded", () => {
    const started = performance.now();
    assert.throws(() => parseFeed(fixture("billion-laughs.xml"), "https://a.example/"), refused(/DTDs are not accepted/));
    assert.ok(performance.now() - started < 1000);
  });

  it("refuses an XXE document", () => {
    assert.throws(() => parseFeed(fixture("xxe.xml"), "https://a.example/"), refused(/DTDs are not accepted/));
  });

  it("refuses any internal subset or ENTITY, in any case, but not a DOCTYPE without one nor the words inside CDATA", () => {
    for (const doc of [
      "<!DOCTYPE rss [<!ELEMENT rss ANY>]><rss/>",
      "<!doctype rss [ ]><rss/>",
      '<!DOCTYPE rss SYSTEM "x.dtd" [<!ENTITY a "b">]><rss/>',
      '<!ENTITY a "b"><rss/>',
      '<rss><channel><!ENTITY a "b"></channel></rss>',
    ]) {
      assert.throws(() => parseFeed(doc, "https://a.example/"), refused(/DTDs are not accepted/), doc);
    }
    const old =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd [x]">' +
      "<rss version=\"0.91\"><channel><title>Old</title><item><title>t</title><link>https://old.example/1</link></item></channel></rss>";
    assert.deepEqual(parseFeed(old, "https://old.example/").items, [{ url: "https://old.example/1", title: "t" }]);
    const cdata = rss("<item><title><![CDATA[How <!ENTITY and <!DOCTYPE x [ work]]></title><link>https://a.example/1</link></item>");
    assert.equal(parseFeed(cdata, "https://a.example/").items[0]?.title, "How <!ENTITY and <!DOCTYPE x [ work");
  });

  it("refuses malformed and truncated XML: the fixture, and every prefix of a good feed", () => {
    assert.throws(() => parseFeed(fixture("truncated.xml"), "https://a.example/"), refused(/not well-formed XML/));
    const good = fixture("rss2.xml").toString("utf8").trimEnd();
    for (let cut = 1; cut < good.length; cut++) {
      assert.throws(() => parseFeed(good.slice(0, cut), "https://a.example/"), FeedParseError, `cut at ${cut}`);
    }
    assert.throws(() => parseFeed("<rss><channel><item><title>x</title></item>", "https://a.example/"), refused(/truncated document/));
    assert.throws(() => parseFeed(rss("<item><title>A & B</title></item>"), "https://a.example/"), refused(/not well-formed XML: char '&'/));
    assert.throws(() => parseFeed("<rss></rss><rss></rss>", "https://a.example/"), refused(/not well-formed XML/));
    assert.throws(() => parseFeed(`<rss>${"<a>".repeat(300)}${"</a>".repeat(300)}</rss>`, "https://a.example/"), refused(/could not be read/));
  });

  it("says what a document that is no feed looks like", () => {
    assert.throws(() => parseFeed(fixture("page.html"), "https://a.example/"), refused(/HTML page/));
    assert.throws(() => parseFeed('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "https://a.example/"), refused(/HTML page/));
    assert.throws(() => parseFeed('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "https://a.example/"), refused(/root element <svg>, not a feed/));
    assert.throws(() => parseFeed("Hello, world", "https://a.example/"), refused(/neither XML nor JSON: it starts with "Hello, world"/));
    assert.throws(() => parseFeed(" \n\t", "https://a.example/"), refused(/empty/));
    assert.throws(() => parseFeed(Buffer.alloc(0), "https://a.example/"), refused(/empty/));
  });
});

describe("parseFeed: bytes", () => {
  const doc = (decl: string, title: string) => `${decl}<rss><channel><title>${title}</title></channel></rss>`;

  it("accepts a BOM and leading whitespace, in a Buffer or a string", () => {
    const text = doc('<?xml version="1.0" encoding="UTF-8"?>', "Zoë");
    assert.equal(parseFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n  ${text}`)]), "https://a.example/").title, "Zoë");
    assert.equal(parseFeed(`\uFEFF \r\n${text}`, "https://a.example/").title, "Zoë");
    assert.equal(parseFeed(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc("", "Zoë"), "utf16le")]), "https://a.example/").title, "Zoë");
  });

  it("decodes the encoding an XML declaration names, else UTF-8", () => {
    const latin = (label: string) => Buffer.from(doc(`<?xml version="1.0" encoding="${label}"?>`, "Caf\xe9 \x93quoted\x94"), "latin1");
    assert.equal(parseFeed(latin("ISO-8859-1"), "https://a.example/").title, "Café “quoted”");
    assert.equal(parseFeed(latin("windows-1252"), "https://a.example/").title, "Café “quoted”");
    assert.equal(parseFeed(Buffer.from(doc("", "Café")), "https://a.example/").title, "Café");
    assert.equal(parseFeed(Buffer.from(doc('<?xml version="1.0" encoding="no-such-encoding"?>', "Café")), "https://a.example/").title, "Café");
    assert.equal(parseFeed(Buffer.from(doc('<?xml version="1.0" encoding="UTF-16"?>', "Café")), "https://a.example/").title, "Café", "UTF-16 without a BOM is not believed");
  });
});

describe("parseFeed: limits", () => {
  const many = rss(Array.from({ length: 2000 }, (_, i) => `<item><title>Item ${i}</title><link>https://many.example/${i}</link></item>`).join(""));

  it("keeps the first maxItems items in document order (500 by default)", () => {
    assert.equal(DEFAULT_PARSE_LIMITS.maxItems, 500);
    const parsed = parseFeed(many, "https://many.example/feed");
    assert.equal(parsed.items.length, 500);
    assert.equal(parsed.items[0]?.title, "Item 0");
    assert.equal(parsed.items[499]?.url, "https://many.example/499");
    assert.deepEqual(
      parseFeed(many, "https://many.example/feed", { maxItems: 3 }).items.map((i) => i.title),
      ["Item 0", "Item 1", "Item 2"],
    );
  });

  it("counts only kept items towards maxItems", () => {
    const items = `<item><link>mailto:x@y</link></item><item><link>https://a.example/1</link></item><item><link>https://a.example/1#dup</link></item><item><link>https://a.example/2</link></item>`;
    assert.deepEqual(parseFeed(rss(items), "https://a.example/", { maxItems: 2 }).items, [{ url: "https://a.example/1" }, { url: "https://a.example/2" }]);
  });

  it("cuts each text field at maxTextChars without splitting a surrogate pair", () => {
    const parsed = parseFeed(
      rss(`<item><title>0123456789abc</title><link>https://a.example/1</link><pubDate>Tue, 14 May 2024 09:30:00 +0000</pubDate><description>${"x".repeat(9)}😀tail</description></item>`),
      "https://a.example/",
      { maxTextChars: 10 },
    );
    assert.deepEqual(parsed.items, [{ url: "https://a.example/1", title: "0123456789", published: "Tue, 14 Ma", content: "x".repeat(9) }]);
    assert.equal(parsed.title, "Generated");
  });

  it("refuses limits that are not positive integers", () => {
    for (const limits of [{ maxItems: 0 }, { maxItems: -1 }, { maxTextChars: 1.5 }, { maxItems: Number.NaN }]) {
      assert.throws(() => parseFeed(rss(""), "https://a.example/", limits), RangeError);
    }
    assert.equal(parseFeed(rss(""), "https://a.example/", { maxItems: undefined }).kind, "rss");
  });
});

describe("decodeXmlEntities", () => {
  it("decodes the five XML entities and numeric references once, nothing else", () => {
    assert.equal(decodeXmlEntities("&amp;&lt;&gt;&quot;&apos;&#38;&#x26;"), `&<>"'&&`);
    assert.equal(decodeXmlEntities("&amp;amp; &nbsp; &eacute; &copy;"), "&amp; &nbsp; &eacute; &copy;");
    assert.equal(decodeXmlEntities("&#1114112; &#xFFFFFFF; &#x0;"), "&#1114112; &#xFFFFFFF; &#x0;");
  });
});
