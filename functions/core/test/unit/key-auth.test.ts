import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { authenticate, keysMatch, presentedKey } from "../../src/key-auth.js";

const KEY = "s3cret-key";

describe("presentedKey", () => {
  it("reads Authorization: Bearer", () => assert.equal(presentedKey({ authorization: `Bearer ${KEY}` }), KEY));
  it("accepts any case of the Bearer scheme", () => assert.equal(presentedKey({ authorization: `bearer ${KEY}` }), KEY));
  it("reads X-API-Key", () => assert.equal(presentedKey({ "x-api-key": KEY }), KEY));
  it("reads the original app's access_token header", () => assert.equal(presentedKey({ access_token: KEY }), KEY));
  it("ignores a non-Bearer Authorization and falls back to X-API-Key", () =>
    assert.equal(presentedKey({ authorization: "Basic abc", "x-api-key": KEY }), KEY));
  it("returns undefined when no header carries a key", () => assert.equal(presentedKey({ "content-type": "x" }), undefined));
});

describe("authenticate", () => {
  it("accepts each header form with the right key", () => {
    for (const headers of [{ authorization: `Bearer ${KEY}` }, { "x-api-key": KEY }, { access_token: KEY }]) {
      assert.deepEqual(authenticate(headers, KEY), { ok: true });
    }
  });
  it("answers 401 when the key is missing or empty", () => {
    for (const headers of [{}, { "x-api-key": "" }, { authorization: "Bearer " }, { authorization: "Basic abc" }]) {
      const verdict = authenticate(headers, KEY);
      assert.equal(verdict.ok, false);
      assert.equal(!verdict.ok && verdict.status, 401);
    }
  });
  it("answers 403 for a wrong key, including prefixes and longer keys", () => {
    for (const wrong of ["nope", KEY.slice(0, -1), `${KEY}x`, KEY.toUpperCase()]) {
      const verdict = authenticate({ "x-api-key": wrong }, KEY);
      assert.equal(!verdict.ok && verdict.status, 403, wrong);
    }
  });
  it("never matches when no key is configured", () => assert.equal(keysMatch("", ""), false));
  it("trims the configured key, as it trims presented ones", () => {
    for (const configured of [`${KEY}\n`, `  ${KEY}\r\n`, `\t${KEY} `]) {
      for (const headers of [{ authorization: `Bearer ${KEY}` }, { "x-api-key": ` ${KEY} ` }]) {
        assert.deepEqual(authenticate(headers, configured), { ok: true }, JSON.stringify(configured));
      }
    }
  });
  it("refuses every request when the configured key is blank", () => {
    for (const configured of ["", " ", "\n", " \t\r\n"]) {
      assert.equal(statusOf(authenticate({}, configured)), 401, "no key presented");
      assert.equal(statusOf(authenticate({ "x-api-key": " " }, configured)), 401, "a blank key presented");
      for (const headers of [{ "x-api-key": "anything" }, { authorization: "Bearer x" }, { access_token: "k" }]) {
        assert.equal(statusOf(authenticate(headers, configured)), 403, `${JSON.stringify(headers)} against ${JSON.stringify(configured)}`);
      }
    }
  });
  it("does not echo the key in its messages", () => {
    const verdict = authenticate({ "x-api-key": "guess-123" }, KEY);
    assert.ok(!verdict.ok && !verdict.message.includes("guess-123") && !verdict.message.includes(KEY));
  });
});

const statusOf = (verdict: ReturnType<typeof authenticate>) => (verdict.ok ? 200 : verdict.status);
