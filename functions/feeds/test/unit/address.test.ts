// Which addresses the fetcher may connect to: public unicast only, loopback when allowed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addressRefusal } from "../../src/address.js";

const strict = { allowLoopback: false };
const local = { allowLoopback: true };

describe("addressRefusal", () => {
  it("passes public unicast addresses, v4 and v6", () => {
    for (const ip of ["93.184.216.34", "8.8.8.8", "1.1.1.1", "151.101.1.69", "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888", "2a00:1450:4001:80b::200e"]) {
      assert.equal(addressRefusal(ip, strict), undefined, ip);
      assert.equal(addressRefusal(ip, local), undefined, ip);
    }
  });

  it("refuses the private, shared and link-local IPv4 ranges, the metadata server among them, with a reason naming the address", () => {
    assert.equal(addressRefusal("10.0.0.1", strict), "private address 10.0.0.1");
    assert.equal(addressRefusal("169.254.169.254", strict), "link-local/metadata address 169.254.169.254");
    assert.equal(addressRefusal("100.64.0.1", strict), "carrier-grade NAT address 100.64.0.1");
    for (const ip of ["10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.0.1", "100.100.100.200", "100.127.255.255"]) {
      assert.ok(addressRefusal(ip, strict), ip);
      assert.ok(addressRefusal(ip, local), `${ip} even with loopback allowed`);
    }
    // Just outside those ranges is public.
    for (const ip of ["172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1", "192.169.0.1"]) assert.equal(addressRefusal(ip, strict), undefined, ip);
  });

  it("refuses unspecified, 0/8, broadcast, multicast, reserved, documentation and benchmarking IPv4", () => {
    for (const ip of ["0.0.0.0", "0.1.2.3", "255.255.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "192.0.0.8", "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1", "198.19.255.255", "192.88.99.1"]) {
      assert.ok(addressRefusal(ip, strict), ip);
      assert.ok(addressRefusal(ip, local), ip);
    }
  });

  it("refuses loopback unless allowed, and then allows 127.0.0.0/8 and ::1 only", () => {
    assert.equal(addressRefusal("127.0.0.1", strict), "loopback address 127.0.0.1");
    assert.equal(addressRefusal("::1", strict), "loopback address ::1");
    assert.ok(addressRefusal("127.255.255.254", strict));
    assert.equal(addressRefusal("127.0.0.1", local), undefined);
    assert.equal(addressRefusal("127.8.9.10", local), undefined);
    assert.equal(addressRefusal("::1", local), undefined);
    // Not the unspecified address (which reaches this machine on Linux), not private ranges.
    assert.ok(addressRefusal("0.0.0.0", local));
    assert.ok(addressRefusal("::", local));
    assert.ok(addressRefusal("10.0.0.1", local));
    assert.ok(addressRefusal("fd00::1", local));
  });

  it("judges an IPv4-mapped IPv6 address as its IPv4 address, loopback included (it is the same socket destination)", () => {
    assert.match(addressRefusal("::ffff:10.0.0.1", strict) ?? "", /private address 10\.0\.0\.1/);
    assert.match(addressRefusal("::ffff:a9fe:a9fe", strict) ?? "", /link-local\/metadata address 169\.254\.169\.254/);
    assert.match(addressRefusal("::ffff:127.0.0.1", strict) ?? "", /loopback/);
    assert.equal(addressRefusal("::ffff:127.0.0.1", local), undefined);
    assert.ok(addressRefusal("::ffff:0.0.0.0", local));
    assert.equal(addressRefusal("::ffff:93.184.216.34", strict), undefined);
  });

  it("refuses link-local, unique-local, site-local, multicast, unspecified, documentation and other non-global IPv6", () => {
    assert.equal(addressRefusal("fd00::1", strict), "unique-local address fd00::1");
    assert.equal(addressRefusal("fe80::1", strict), "link-local/metadata address fe80::1");
    assert.equal(addressRefusal("fec0::1", strict), "site-local address fec0::1");
    for (const ip of ["fc00::1", "fd00:ec2::254", "febf::1", "ff02::1", "ff05::2", "::", "2001:db8::1", "2001:2::1", "100::1", "3fff::1", "5f00::1", "::a00:1", "4000::1"]) {
      assert.ok(addressRefusal(ip, strict), ip);
      assert.ok(addressRefusal(ip, local), ip);
    }
  });

  it("refuses a zone-scoped IPv6 address", () => {
    assert.ok(addressRefusal("fe80::1%eth0", local));
    assert.ok(addressRefusal("2606:2800:220:1::1%eth0", strict));
  });

  it("judges the IPv4 host behind 6to4, NAT64 and IPv4-translated addresses, never as loopback; refuses Teredo and local-use NAT64", () => {
    // 6to4: 2002:AABB:CCDD::/48 embeds AA.BB.CC.DD.
    assert.match(addressRefusal("2002:a00:1::1", strict) ?? "", /^6to4 address .* embeds private address 10\.0\.0\.1$/);
    assert.match(addressRefusal("2002:a9fe:a9fe::", strict) ?? "", /169\.254\.169\.254/);
    assert.match(addressRefusal("2002:7f00:1::", local) ?? "", /loopback/);
    assert.equal(addressRefusal("2002:5db8:d822::1", strict), undefined);
    // NAT64, well-known prefix: 64:ff9b::a.b.c.d.
    assert.match(addressRefusal("64:ff9b::10.0.0.5", strict) ?? "", /^NAT64 address .* embeds private address 10\.0\.0\.5$/);
    assert.match(addressRefusal("64:ff9b::c0a8:101", strict) ?? "", /192\.168\.1\.1/);
    assert.match(addressRefusal("64:ff9b::127.0.0.1", local) ?? "", /loopback/);
    assert.equal(addressRefusal("64:ff9b::93.184.216.34", strict), undefined);
    assert.match(addressRefusal("64:ff9b:1::93.184.216.34", strict) ?? "", /local-use NAT64/);
    // IPv4-translated: ::ffff:0:a.b.c.d.
    assert.match(addressRefusal("::ffff:0:10.1.2.3", strict) ?? "", /10\.1\.2\.3/);
    // Teredo, whatever it embeds.
    assert.match(addressRefusal("2001:0:4136:e378:8000:63bf:3fff:fdd2", strict) ?? "", /teredo/);
    assert.ok(addressRefusal("2001::1", local));
  });

  it("refuses anything that is not an IP address in standard notation", () => {
    for (const text of ["", "localhost", "example.com", "127.1", "0x7f.0.0.1", "010.0.0.1", "2130706433", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4.5", "256.1.1.1", "[::1]", "::1/128", "10.0.0.0/8", "gggg::1"]) {
      assert.match(addressRefusal(text, local) ?? "", /^not an IP address/, JSON.stringify(text));
    }
  });
});
