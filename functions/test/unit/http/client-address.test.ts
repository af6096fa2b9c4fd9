// Which address a request is limited under: the entry Cloud Run's front end
// appends to X-Forwarded-For, past proxies the deployer trusts, IPv6 by /64.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientAddressResolver, limitKey, type AddressedRequest } from "../../../src/http/client-address.js";

const req = (peer: string | undefined, xff?: string): AddressedRequest =>
  ({ headers: xff === undefined ? {} : { "x-forwarded-for": xff }, socket: { remoteAddress: peer } }) as unknown as AddressedRequest;

describe("clientAddressResolver", () => {
  const direct = clientAddressResolver("");

  it("takes the socket's peer when no proxy forwarded the request", () => {
    assert.equal(direct(req("203.0.113.7")), "203.0.113.7");
  });

  it("takes the entry the front end appended, not what the client wrote before it", () => {
    assert.equal(direct(req("169.254.1.1", "203.0.113.7")), "203.0.113.7");
    assert.equal(direct(req("169.254.1.1", "1.2.3.4, 5.6.7.8, 203.0.113.7")), "203.0.113.7");
    assert.equal(direct(req("169.254.1.1", "not-an-address, 203.0.113.7")), "203.0.113.7");
  });

  it("walks past trusted proxies (a CDN in front), and no further", () => {
    const behindCdn = clientAddressResolver("198.51.100.0/24, 2001:db8:cd::/48");
    assert.equal(behindCdn(req("169.254.1.1", "9.9.9.9, 203.0.113.7, 198.51.100.20")), "203.0.113.7");
    assert.equal(behindCdn(req("169.254.1.1", "203.0.113.7, 2001:db8:cd::1")), "203.0.113.7");
    assert.equal(behindCdn(req("169.254.1.1", "198.51.100.9, 203.0.113.7")), "203.0.113.7", "a client naming the CDN first gains nothing");
  });

  it("refuses a malformed range rather than trusting everyone", () => {
    assert.throws(() => clientAddressResolver("10.0.0.0/99"));
  });
});

describe("limitKey", () => {
  it("keeps IPv4, folds IPv4-mapped IPv6 into it, and counts IPv6 by its /64", () => {
    assert.equal(limitKey("127.0.0.1"), "127.0.0.1");
    assert.equal(limitKey("::ffff:127.0.0.1"), "127.0.0.1");
    assert.equal(limitKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert.equal(limitKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
    assert.equal(limitKey("::1"), "0:0:0:0::/64");
  });
  it("names what is no address as it is, and a missing one 'unknown'", () => {
    assert.equal(limitKey(undefined), "unknown");
    assert.equal(limitKey("garbage"), "garbage");
  });
});
