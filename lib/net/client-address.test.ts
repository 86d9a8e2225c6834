import assert from "node:assert/strict";
import { test } from "node:test";
import { addressThrottleKey, appendForwardedFor, clientAddress, trustedProxyHops } from "./client-address.ts";

test("with no trusted proxy, the client's own X-Forwarded-For entries are ignored", () => {
  // What our server passes on when a client sent "X-Forwarded-For: 1.2.3.4" from 203.0.113.9.
  const header = appendForwardedFor("1.2.3.4", "203.0.113.9");
  assert.equal(header, "1.2.3.4, 203.0.113.9");
  assert.equal(clientAddress(header, 0), "203.0.113.9");
  // Rotating the claimed address changes nothing.
  for (let i = 0; i < 40; i++) assert.equal(clientAddress(appendForwardedFor(`10.0.0.${i}`, "203.0.113.9"), 0), "203.0.113.9");
});

test("with N trusted proxies, the address N entries from the right", () => {
  // client claims 6.6.6.6; the load balancer saw 198.51.100.7 and appended it; our server saw the balancer.
  const header = appendForwardedFor("6.6.6.6, 198.51.100.7", "10.1.0.2");
  assert.equal(clientAddress(header, 1), "198.51.100.7");
  assert.equal(clientAddress(header, 0), "10.1.0.2");
  // Fewer entries than hops: the leftmost one there is (the request came through fewer proxies).
  assert.equal(clientAddress("198.51.100.7", 3), "198.51.100.7");
});

test("the socket's address is canonical: IPv4-mapped IPv6 becomes IPv4", () => {
  assert.equal(appendForwardedFor(undefined, "::ffff:127.0.0.1"), "127.0.0.1");
  assert.equal(appendForwardedFor(["a", "b"], "::1"), "a, b, ::1");
  assert.equal(clientAddress("2001:DB8::1", 0), "2001:db8::1");
});

test("whatever the header holds, the answer is an address or 'unknown', never longer", () => {
  const huge = `${"9".repeat(3000)}, 203.0.113.9`;
  assert.equal(clientAddress(huge, 0), "203.0.113.9");
  assert.equal(clientAddress(`${"x".repeat(3000)}`, 0), "unknown");
  assert.equal(clientAddress(`<script>, 203.0.113.9`, 1), "203.0.113.9", "a garbage entry at the trusted position falls back to our own hop");
  assert.equal(clientAddress(null, 0), "unknown");
  assert.equal(clientAddress("", 2), "unknown");
});

test("TRUSTED_PROXY_HOPS accepts small whole numbers only", () => {
  assert.equal(trustedProxyHops(undefined), 0);
  assert.equal(trustedProxyHops("2"), 2);
  for (const bad of ["-1", "1.5", "abc", "1000"]) assert.equal(trustedProxyHops(bad), 0, bad);
});

test("IPv6 addresses are throttled by their /64", () => {
  assert.equal(addressThrottleKey("2001:db8:1:2:aaaa::1"), "2001:0db8:0001:0002::/64");
  assert.equal(addressThrottleKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:0db8:0001:0002::/64");
  assert.equal(addressThrottleKey("::1"), "0000:0000:0000:0000::/64");
  assert.equal(addressThrottleKey("203.0.113.9"), "203.0.113.9");
});
