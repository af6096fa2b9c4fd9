// What a client key looks like, what of it is shown, and how the store names it.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { clientKeyId } from "@newsroom/core/firestore-schema";
import { isClientKeyShaped, isShownPrefix, KEY_PREFIX, newClientKey, shownPrefix } from "../../src/client-key.js";

describe("client keys", () => {
  it("are nk_ and 32 random bytes in base64url (43 characters), never the same twice", () => {
    const keys = Array.from({ length: 100 }, () => newClientKey());
    for (const k of keys) {
      assert.match(k, /^nk_[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(k.slice(KEY_PREFIX.length), "base64url").length, 32);
    }
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(newClientKey((n) => Buffer.alloc(n, 0xff)), `nk_${"_".repeat(42)}8`);
  });

  it("are told apart from anything else before any lookup", () => {
    const key = newClientKey();
    assert.equal(isClientKeyShaped(key), true);
    for (const other of ["", "nk_", key.slice(0, -1), `${key}A`, key.replace("nk_", "NK_"), `${key.slice(0, -1)}=`, `${key.slice(0, -1)}+`, "s3cret-operator-key"]) {
      assert.equal(isClientKeyShaped(other), false, other);
    }
  });

  it("show their first 9 characters in listings, which revoke takes back", () => {
    const key = newClientKey();
    assert.equal(shownPrefix(key), key.slice(0, 9));
    assert.equal(isShownPrefix(shownPrefix(key)), true);
    for (const other of [key, key.slice(0, 8), "ab_cdefgh", "nk_abc/ef"]) assert.equal(isShownPrefix(other), false, other);
  });

  it("are stored under the SHA-256 hex of the key", () => {
    const key = newClientKey();
    assert.equal(clientKeyId(key), createHash("sha256").update(key).digest("hex"));
    assert.match(clientKeyId(key), /^[0-9a-f]{64}$/);
  });
});
