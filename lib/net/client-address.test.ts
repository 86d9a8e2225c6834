import assert from "node:assert/strict";
import { test } from "node:test";
import { addressThrottleKey, appendForwardedFor, clientAddress, trustedProxies } from "./client-address.ts";

const none = trustedProxies("");

test("with no trusted proxy, the client's own X-Forwarded-For entries are ignored", () => {
  // What our server passes on when a client sent "X-Forwarded-For: 1.2.3.4" from 203.0.113.9.
  const header = appendForwardedFor("1.2.3.4", "203.0.113.9");
  assert.equal(header, "1.2.3.4, 203.0.113.9");
  assert.equal(clientAddress(header, none), "203.0.113.9");
  // Rotating the claimed address changes nothing.
  for (let i = 0; i < 40; i++) assert.equal(clientAddress(appendForwardedFor(`10.0.0.${i}`, "203.0.113.9"), none), "203.0.113.9");
});

test("a forwarded address is believed only when it came through a trusted proxy", () => {
  const lb = trustedProxies("10.1.0.0/16");
  // client claims 6.6.6.6; the load balancer (10.1.0.2) saw 198.51.100.7 and appended it.
  const throughBalancer = appendForwardedFor("6.6.6.6, 198.51.100.7", "10.1.0.2");
  assert.equal(clientAddress(throughBalancer, lb), "198.51.100.7");
  assert.equal(clientAddress(throughBalancer, none), "10.1.0.2");
  // The same forged header sent straight to the instance's port: the socket is not a proxy of ours.
  const direct = appendForwardedFor("6.6.6.6, 198.51.100.7", "203.0.113.9");
  assert.equal(clientAddress(direct, lb), "203.0.113.9");
  // Two proxies of ours in a row are both skipped; a request that reached us from a proxy alone is the proxy.
  const two = trustedProxies("10.1.0.2, 10.2.0.0/24");
  assert.equal(clientAddress("6.6.6.6, 198.51.100.7, 10.2.0.9, 10.1.0.2", two), "198.51.100.7");
  assert.equal(clientAddress("10.1.0.2", two), "10.1.0.2");
});

test("TRUSTED_PROXIES reads addresses and CIDRs of both families, and refuses what it cannot read", () => {
  const list = trustedProxies("127.0.0.1, ::1 2001:db8::/32");
  assert.equal(clientAddress("198.51.100.7, 2001:db8:5::1, ::1", list), "198.51.100.7");
  for (const bad of ["10.0.0.0/33", "localhost", "10.0.0.1/8/1", "::1/129", "1.2.3.4/x"]) {
    assert.throws(() => trustedProxies(bad), /TRUSTED_PROXIES/, bad);
  }
});

test("the socket's address is canonical: IPv4-mapped IPv6 becomes IPv4", () => {
  assert.equal(appendForwardedFor(undefined, "::ffff:127.0.0.1"), "127.0.0.1");
  assert.equal(appendForwardedFor(["a", "b"], "::1"), "a, b, ::1");
  assert.equal(clientAddress("2001:DB8::1", none), "2001:db8::1");
});

test("whatever the header holds, the answer is an address or 'unknown', never longer", () => {
  const huge = `${"9".repeat(3000)}, 203.0.113.9`;
  assert.equal(clientAddress(huge, none), "203.0.113.9");
  assert.equal(clientAddress(`${"x".repeat(3000)}`, none), "unknown");
  assert.equal(
    clientAddress(`<script>, 203.0.113.9`, trustedProxies("203.0.113.9")),
    "203.0.113.9",
    "a garbage entry left of a trusted proxy: the proxy's own address",
  );
  assert.equal(clientAddress(null, none), "unknown");
  assert.equal(clientAddress("", none), "unknown");
});

test("IPv6 addresses are throttled by their /64", () => {
  assert.equal(addressThrottleKey("2001:db8:1:2:aaaa::1"), "2001:0db8:0001:0002::/64");
  assert.equal(addressThrottleKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:0db8:0001:0002::/64");
  assert.equal(addressThrottleKey("::1"), "0000:0000:0000:0000::/64");
  assert.equal(addressThrottleKey("203.0.113.9"), "203.0.113.9");
});
