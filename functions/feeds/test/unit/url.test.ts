import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_URL_LENGTH, normaliseUrl, postIdForUrl, sameSite, TRACKING_PARAMETERS } from "../../src/url.js";

describe("normaliseUrl", () => {
  it("gives the same story under three spellings one URL", () => {
    const spellings = [
      "http://EXAMPLE.com:80/news/story/?utm_source=x#top",
      "http://example.com/news/story?fbclid=1",
      "HTTP://example.com/news/story",
    ];
    for (const s of spellings) assert.equal(normaliseUrl(s), "http://example.com/news/story", s);
  });

  it("keeps different queries different and parameters in their order", () => {
    assert.notEqual(normaliseUrl("https://example.com/item?id=1"), normaliseUrl("https://example.com/item?id=2"));
    assert.equal(normaliseUrl("https://example.com/a?z=1&a=2&utm_medium=m&m=3"), "https://example.com/a?z=1&a=2&m=3");
    assert.equal(normaliseUrl("https://example.com/a?b=2&&a=1&"), "https://example.com/a?b=2&a=1", "empty pairs go");
    assert.equal(normaliseUrl("https://example.com/a?q=a+b&flag"), "https://example.com/a?q=a+b&flag");
  });

  it("drops every documented tracking parameter, any utm_*, in any case", () => {
    for (const name of [...TRACKING_PARAMETERS, "utm_source", "utm_whatever", "UTM_Campaign", "FBCLID", "%75tm_source"]) {
      assert.equal(normaliseUrl(`https://example.com/p?${name}=v&keep=1`), "https://example.com/p?keep=1", name);
    }
    assert.equal(normaliseUrl("https://example.com/p?utm_source=a&gclid=b"), "https://example.com/p", "no empty ?");
    assert.equal(normaliseUrl("https://example.com/p?ref=home&source=rss"), "https://example.com/p?ref=home&source=rss", "generic names are kept");
  });

  it("drops default ports, userinfo and fragments, keeps other ports", () => {
    assert.equal(normaliseUrl("https://example.com:443/a"), "https://example.com/a");
    assert.equal(normaliseUrl("http://example.com:80/a"), "http://example.com/a");
    assert.equal(normaliseUrl("https://example.com:80/a"), "https://example.com:80/a");
    assert.equal(normaliseUrl("http://example.com:8080/a"), "http://example.com:8080/a");
    assert.equal(normaliseUrl("https://user:secret@example.com/a"), "https://example.com/a");
    assert.equal(normaliseUrl("https://example.com/a#section-2"), "https://example.com/a");
    assert.equal(normaliseUrl("https://example.com/#!/route"), "https://example.com/");
  });

  it("removes a trailing slash from a path other than the root, and an empty ?", () => {
    assert.equal(normaliseUrl("https://example.com/a/b/"), "https://example.com/a/b");
    assert.equal(normaliseUrl("https://example.com/a/b//"), "https://example.com/a/b");
    assert.equal(normaliseUrl("https://example.com/"), "https://example.com/");
    assert.equal(normaliseUrl("https://example.com"), "https://example.com/");
    assert.equal(normaliseUrl("https://example.com/a/?"), "https://example.com/a");
    assert.equal(normaliseUrl("https://example.com/?x=1"), "https://example.com/?x=1");
  });

  it("decodes escapes of unreserved characters and upper-cases the others' hex", () => {
    assert.equal(normaliseUrl("https://example.com/%7euser/%41%2d%5F%2e/a%2fb%3a?q=%7e%3a%2F"), "https://example.com/~user/A-_./a%2Fb%3A?q=~%3A%2F");
    assert.equal(normaliseUrl("https://example.com/caf%c3%a9"), "https://example.com/caf%C3%A9");
    assert.equal(normaliseUrl("https://example.com/café ü"), "https://example.com/caf%C3%A9%20%C3%BC", "URL encodes what needs it");
    assert.equal(normaliseUrl("https://example.com/a/%2E%2e/b"), "https://example.com/b", "escaped dot segments resolve");
  });

  it("lower-cases scheme and host but keeps the path's case and www.", () => {
    assert.equal(normaliseUrl("HTTPS://WWW.Example.COM/News/Story"), "https://www.example.com/News/Story");
    assert.notEqual(normaliseUrl("https://www.example.com/a"), normaliseUrl("https://example.com/a"));
    assert.equal(normaliseUrl("https://Bücher.example/"), "https://xn--bcher-kva.example/", "IDNA");
  });

  it("resolves against a base, trims, and ignores an unusable base", () => {
    assert.equal(normaliseUrl("story/", "https://example.com/news/index.html"), "https://example.com/news/story");
    assert.equal(normaliseUrl("/top", "https://example.com/news/"), "https://example.com/top");
    assert.equal(normaliseUrl("//cdn.example.com/x", "https://example.com/"), "https://cdn.example.com/x");
    assert.equal(normaliseUrl("  https://example.com/a \n"), "https://example.com/a");
    assert.equal(normaliseUrl("https://example.com/a", "not a base"), "https://example.com/a");
    assert.equal(normaliseUrl("relative", "not a base"), undefined);
    assert.equal(normaliseUrl("relative"), undefined);
  });

  it("refuses what is not a usable http(s) URL", () => {
    for (const raw of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,<b>x</b>",
      "ftp://example.com/file",
      "mailto:desk@example.com",
      "file:///etc/passwd",
      "tel:+441234",
      "",
      "   ",
      "http://",
      "https://exa mple.com/",
      "http://[::1/",
    ]) {
      assert.equal(normaliseUrl(raw), undefined, raw);
      assert.equal(normaliseUrl(raw, "https://example.com/"), raw.trim() === "" ? "https://example.com/" : undefined, `${raw} with a base`);
    }
  });

  it("refuses URLs longer than 2048 characters once normalised", () => {
    const base = "https://example.com/";
    assert.equal(normaliseUrl(base + "a".repeat(MAX_URL_LENGTH - base.length))?.length, MAX_URL_LENGTH);
    assert.equal(normaliseUrl(base + "a".repeat(MAX_URL_LENGTH - base.length + 1)), undefined);
    assert.equal(normaliseUrl(`${base}a?utm_source=${"x".repeat(3000)}`), "https://example.com/a", "long only by tracking");
    assert.equal(normaliseUrl(base + "a".repeat(40_000)), undefined);
  });

  it("is idempotent over a table of cases", () => {
    const table = [
      "http://EXAMPLE.com:80/news/story/?utm_source=x#top",
      "https://example.com/a/b/?b=2&a=1",
      "https://example.com/%7e/%2f/%c3%a9/?q=%2e%7E",
      "https://example.com/a/..%2F../b",
      "https://example.com/a/%2E/b/%2e%2E/c",
      "https://example.com/?",
      "https://example.com/?&&",
      "https://example.com/a?%=1&b=%zz",
      "https://example.com/a?x=%25",
      "https://example.com/a%252F",
      "https://example.com//double//slashes//",
      "https://example.com/semi;colon/?a=b;c",
      "https://[2001:DB8::1]:443/x/",
      "http://192.168.0.1:80/",
      "http://0x7f.1/",
      "https://example.com/ü?ä=ö#ß",
      "https://example.com/a b/?c d",
      "https://example.com/.well-known/./x/../y",
      "https://example.com/%2e%2e%2e/",
    ];
    for (const raw of table) {
      const once = normaliseUrl(raw);
      assert.ok(once !== undefined, raw);
      assert.equal(normaliseUrl(once), once, raw);
    }
  });

  it("is idempotent over generated URLs", () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = ["a", "B", "/", "//", ".", "..", "%2e", "%2F", "%7e", "%41", "%zz", "%", "?", "&", "=", "#", "~", "é", " ", "+", "utm_x=1", "fbclid=2", ";", ":", "@"];
    for (let n = 0; n < 2000; n++) {
      let raw = "https://Example.com/";
      const len = Math.floor(next() * 12);
      for (let i = 0; i < len; i++) raw += pieces[Math.floor(next() * pieces.length)];
      const once = normaliseUrl(raw);
      if (once !== undefined) assert.equal(normaliseUrl(once), once, raw);
    }
  });
});

describe("postIdForUrl", () => {
  it("is the URL itself up to 200 characters", () => {
    const url = "https://example.com/news/story";
    assert.equal(postIdForUrl(url), url);
    const at200 = `https://example.com/${"a".repeat(200 - "https://example.com/".length)}`;
    assert.equal(at200.length, 200);
    assert.equal(postIdForUrl(at200), at200);
  });

  it("hashes a longer URL into at most 200 characters, deterministically", () => {
    const long = normaliseUrl(`https://example.com/${"a".repeat(500)}?page=2`)!;
    const id = postIdForUrl(long);
    assert.match(id, /^url:sha256:[0-9a-f]{64}$/);
    assert.ok(id.length <= 200);
    assert.equal(postIdForUrl(long), id);
    assert.notEqual(postIdForUrl(`${long}3`), id);
    assert.equal(postIdForUrl(`https://example.com/${"a".repeat(181)}`).length, 75, "201 characters are hashed");
  });
});

describe("sameSite", () => {
  it("compares hosts ignoring case, a leading www. and the port", () => {
    assert.equal(sameSite("https://WWW.Example.com/a", "http://example.com:8080/b"), true);
    assert.equal(sameSite("https://news.example.com/", "https://www.news.example.com/x"), true);
    assert.equal(sameSite("https://example.com/", "https://example.org/"), false);
    assert.equal(sameSite("https://example.com/", "https://sub.example.com/"), false);
    assert.equal(sameSite("https://www2.example.com/", "https://example.com/"), false);
  });

  it("is false when either is not a URL with a host", () => {
    assert.equal(sameSite("example.com", "example.com"), false);
    assert.equal(sameSite("mailto:a@example.com", "mailto:a@example.com"), false);
    assert.equal(sameSite("https://example.com/", ""), false);
  });
});
