import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { configurationTableIn } from "./readme-table.ts";
import { configurationTable, readSettings } from "./settings.ts";

test("the README's Configuration table is the one lib/settings/settings.ts generates (npm run settings:table)", () => {
  assert.equal(configurationTableIn(readFileSync(new URL("../../README.md", import.meta.url), "utf8")), configurationTable());
});

test("unset or empty, a setting takes its default; set, it is read as a number", () => {
  const s = readSettings({ IDEMPOTENCY_KEY_TTL_HOURS: "", FLAG_CACHE_MS: "0", SAVE_LOCK_TIMEOUT_MS: "250", SHUTDOWN_DRAIN_MS: "9000" });
  assert.equal(s.IDEMPOTENCY_KEY_TTL_HOURS, 24, "empty is the default, not 0");
  assert.equal(s.FLAG_CACHE_MS, 0, "0 where 0 means something");
  assert.equal(s.SAVE_LOCK_TIMEOUT_MS, 250);
  assert.equal(s.SHUTDOWN_DRAIN_MS, 3_000, "at most 3 s, as documented");
  assert.equal(s.API_RATE_LIMIT_PER_MINUTE, 600);
  assert.equal(s.OUTBOX_DISPATCHER, "on");
});

test("a wrong value stops the start with a message naming each wrong variable, never NaN or 0", () => {
  const error = (() => {
    try {
      readSettings({
        IDEMPOTENCY_KEY_TTL_HOURS: "abc",
        API_RATE_LIMIT_PER_MINUTE: "0",
        PORT: "70000",
        OUTBOX_MAX_ATTEMPTS: "-1",
        OUTBOX_DISPATCHER: "of",
        DATABASE_URL: "not a url",
      });
    } catch (e) {
      return e as Error;
    }
  })();
  assert.ok(error, "refused");
  for (const name of ["IDEMPOTENCY_KEY_TTL_HOURS", "API_RATE_LIMIT_PER_MINUTE", "PORT", "OUTBOX_MAX_ATTEMPTS", "OUTBOX_DISPATCHER", "DATABASE_URL"]) {
    assert.match(error.message, new RegExp(`${name}`), `names ${name}`);
  }
  assert.throws(() => readSettings({ TRUSTED_PROXIES: "10.0.0.0/99" }), /TRUSTED_PROXIES/);
  assert.throws(() => readSettings({ PROVIDER_WEBHOOK_SECRET: "whsec_" }), /PROVIDER_WEBHOOK_SECRET/);
});

test("npm start with a wrong value stops before anything starts, with one line per variable and no stack trace", () => {
  const serve = fileURLToPath(new URL("../startup/serve.ts", import.meta.url));
  const run = spawnSync(process.execPath, ["--import", "tsx", serve, "start"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: path.join(tmpdir(), "settings-test-never-made"),
      EMBEDDED_DB_PORT: "abc",
      DATABASE_STATEMENT_TIMEOUT_MS: "-5",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^Cannot start: invalid settings:\n {2}EMBEDDED_DB_PORT="abc": .*\n {2}DATABASE_STATEMENT_TIMEOUT_MS="-5": /m);
  assert.doesNotMatch(run.stderr, /\bat \S+ \(/, "no stack trace");
  assert.equal(existsSync(path.join(tmpdir(), "settings-test-never-made")), false, "no database was started");
});
