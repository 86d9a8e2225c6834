// bench:api's storm, over one app instance or several (requests go to each URL in turn, so the
// copies of one key reach different instances): POSTs to /api/v1/customers over 200
// Idempotency-Keys, the 10 copies of each key sent at once, one copy in ten with a changed body;
// 409 "in progress" answers are retried after Retry-After, as a client would. The unkeyed path is
// the same load through the same save without key handling.
import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { newTokenSecret } from "../../api/tokens.ts";
import { newId } from "../../ids.ts";
import { distinctCustomer } from "../testing/seed.ts";
import { BENCH_TOKEN_HEADER } from "./bench-gate.ts";
import { latencyPercentiles, median, runPool } from "./stats.ts";

export const KEYS = 200;
export const COPIES = 10;
export const KEYS_IN_FLIGHT = 20; // 200 requests in flight

export type ApiMode = "keyed" | "unkeyed";
interface Copy {
  status: number;
  text: string;
  replayed: boolean;
  changed: boolean;
  ms: number;
  sends: number;
}
export interface ApiRound {
  mode: ApiMode;
  rows: number;
  seconds: number;
  rps: number;
  sends: number;
  p50: number;
  p95: number;
  verified: string;
}
export interface ApiTarget {
  urls: string[];
  benchToken: string;
  secret: string;
  countRows(): Promise<number>;
}

/** An API token for the bench owner, written straight into the database. */
export async function createBenchToken(db: pg.Client, owner: string): Promise<string> {
  const { secret, prefix, secretHash } = newTokenSecret();
  await db.query(`INSERT INTO "ApiToken" (id, "userId", name, prefix, "secretHash", "expiresAt") VALUES ($1, $2, 'bench', $3, $4, now() + interval '1 day')`, [
    newId(),
    owner,
    prefix,
    secretHash,
  ]);
  return secret;
}

export async function apiStormRound(t: ApiTarget, mode: ApiMode, keys = KEYS): Promise<ApiRound> {
  let turn = 0;
  async function send(key: string, body: unknown, changed: boolean): Promise<Copy> {
    const started = performance.now();
    for (let sends = 1; ; sends++) {
      const url = t.urls[turn++ % t.urls.length];
      const response = await fetch(`${url}${mode === "keyed" ? "/api/v1/customers" : "/api/bench/api-customers"}`, {
        method: "POST",
        headers: { authorization: `Bearer ${t.secret}`, "content-type": "application/json", "idempotency-key": key, [BENCH_TOKEN_HEADER]: t.benchToken },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      const retryAfter = Number(response.headers.get("retry-after"));
      if (response.status === 409 && text.includes("/request-in-progress") && sends < 30) {
        await new Promise((r) => setTimeout(r, retryAfter * 1000));
        continue;
      }
      return {
        status: response.status,
        text,
        replayed: response.headers.get("idempotent-replayed") === "true",
        changed,
        ms: performance.now() - started,
        sends,
      };
    }
  }

  const groups = Array.from({ length: keys }, () => {
    const { id: _id, ...body } = distinctCustomer();
    void _id;
    return { key: randomUUID(), body, changedCopy: randomInt(COPIES) };
  });
  const before = await t.countRows();
  const started = performance.now();
  const results = await runPool(
    groups.map(
      (g) => () =>
        Promise.all(
          Array.from({ length: COPIES }, (_, i) => {
            const changed = i === g.changedCopy;
            return send(g.key, changed ? { ...g.body, name: `${g.body.name} Jr` } : g.body, changed);
          }),
        ),
    ),
    KEYS_IN_FLIGHT,
  );
  const seconds = (performance.now() - started) / 1000;
  const copies = results.flat();
  return {
    mode,
    rows: (await t.countRows()) - before,
    seconds,
    rps: copies.length / seconds,
    sends: copies.reduce((n, c) => n + c.sends, 0),
    ...latencyPercentiles(copies.map((c) => c.ms)),
    verified: mode === "keyed" ? verify(results) : describeStatuses(copies),
  };
}

/** Every copy is the winner's exact replay, or, with a body other than the winner's, a 422. */
function verify(groups: Copy[][]): string {
  let bad = 0;
  for (const copies of groups) {
    const winners = copies.filter((c) => c.status === 201 && !c.replayed);
    if (winners.length !== 1) {
      bad += copies.length;
      continue;
    }
    const [winner] = winners;
    for (const c of copies) {
      if (c === winner) continue;
      const ok = c.changed === winner.changed ? c.status === 201 && c.replayed && c.text === winner.text : c.status === 422;
      if (!ok) bad++;
    }
  }
  return bad === 0 ? "every copy: the winner's exact replay or 422" : `${bad} copies NOT as expected`;
}

function describeStatuses(copies: Copy[]): string {
  const counts = new Map<string, number>();
  for (const c of copies) {
    const label = c.status === 409 ? (c.text.includes("possible-duplicate") ? "409 possible-duplicate" : "409 other") : String(c.status);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n}× ${s}`).join(", ");
}

export function summariseApi(rounds: ApiRound[], mode: ApiMode) {
  const rs = rounds.filter((r) => r.mode === mode);
  return {
    rows: rs.map((r) => r.rows).join(" / "),
    sends: median(rs.map((r) => r.sends)),
    rps: median(rs.map((r) => r.rps)),
    p50: median(rs.map((r) => r.p50)),
    p95: median(rs.map((r) => r.p95)),
    verified: [...new Set(rs.map((r) => r.verified))].join("; "),
  };
}

export const apiRow = (label: string, s: ReturnType<typeof summariseApi>) =>
  `| ${label} | ${s.rows} | ${s.sends} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.verified} |`;

/** Every keyed round created exactly one row per key, and every copy answered as it should. */
export const exactKeyed = (rounds: ApiRound[]) => rounds.filter((r) => r.mode === "keyed").every((r) => r.rows === KEYS && r.verified.startsWith("every copy"));
