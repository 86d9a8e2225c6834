import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { haproxyConfig, parseStats, REFERENCE_CONFIG } from "./haproxy.ts";

test("lib/tooling/cluster/haproxy.cfg is the configuration start:cluster renders for its defaults", () => {
  const committed = readFileSync(new URL("./haproxy.cfg", import.meta.url), "utf8");
  assert.equal(committed, haproxyConfig(REFERENCE_CONFIG), "out of date: write haproxyConfig(REFERENCE_CONFIG) to lib/tooling/cluster/haproxy.cfg");
});

test("the configuration checks readiness, retries only refused connections, and names every instance", () => {
  const cfg = haproxyConfig({ bind: "127.0.0.1:8080", servers: ["127.0.0.1:9001", "127.0.0.1:9002"], statsSocket: "/tmp/x.sock" });
  assert.match(cfg, /^ {4}bind 127\.0\.0\.1:8080$/m);
  assert.match(cfg, /^ {4}option httpchk GET \/api\/ready$/m);
  assert.match(cfg, /^ {4}retry-on conn-failure$/m);
  assert.match(cfg, /^ {4}option forwardfor$/m);
  assert.deepEqual(cfg.match(/^ {4}server .*$/gm), ["    server instance1 127.0.0.1:9001", "    server instance2 127.0.0.1:9002"]);
  for (const status of [502, 503, 504]) assert.match(cfg, new RegExp(`http-error status ${status} .*hdr retry-after 1`));
});

test("HAProxy's statistics are read by column name", () => {
  const rows = parseStats("# pxname,svname,stot,status,req_tot\ninstances,instance1,4,UP,9\ninstances,BACKEND,8,UP,18\n\n");
  assert.deepEqual(rows[0], { pxname: "instances", svname: "instance1", stot: "4", status: "UP", req_tot: "9" });
  assert.equal(rows.length, 2);
});
