// bench:create's storms, over one app instance or several (requests go to each URL in turn, so the
// copies of one ID reach different instances). The duplicate storm: 2,000 creates over 200
// distinct IDs (10 copies of each in flight at once). The distinct storm: 2,000 different
// customers of one owner.
import { distinctCustomer } from "../testing/seed.ts";
import { BENCH_TOKEN_HEADER } from "./bench-gate.ts";
import { latencyPercentiles, median, runPool } from "./stats.ts";

export const IDS = 200;
export const COPIES = 10;
export const CONCURRENCY = 50;

export type Storm = "duplicate" | "distinct";
export type CreateMode = "protected" | "plain";
export interface CreateRound {
  mode: CreateMode;
  storm: Storm;
  rowsCreated: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}
export interface CreateTarget {
  urls: string[];
  benchToken: string;
  owner: string;
  countRows(): Promise<number>;
}

export async function createStormRound(t: CreateTarget, mode: CreateMode, storm: Storm, requests = IDS * COPIES): Promise<CreateRound> {
  const copies = storm === "duplicate" ? COPIES : 1;
  // Customers unlike each other, so the near-match check passes them (it still runs for each).
  const bodies = Array.from({ length: requests / copies }, () => distinctCustomer());
  let turn = 0;
  // The copies of one ID sit next to each other, so with 50 in flight all 10 race each other.
  const tasks = bodies.flatMap((body) =>
    Array.from({ length: copies }, () => async () => {
      const url = t.urls[turn++ % t.urls.length];
      const started = performance.now();
      const response = await fetch(`${url}/api/bench/customers?mode=${mode}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-bench-owner": t.owner, [BENCH_TOKEN_HEADER]: t.benchToken },
        body: JSON.stringify(body),
        redirect: "manual",
      });
      await response.arrayBuffer();
      return { ms: performance.now() - started, ok: response.status === 200 || response.status === 201 };
    }),
  );
  const before = await t.countRows();
  const started = performance.now();
  const results = await runPool(tasks, CONCURRENCY);
  const seconds = (performance.now() - started) / 1000;
  return {
    mode,
    storm,
    rowsCreated: (await t.countRows()) - before,
    seconds,
    rps: results.length / seconds,
    ...latencyPercentiles(results.map((r) => r.ms)),
    errors: results.filter((r) => !r.ok).length,
  };
}

export function summariseCreate(rounds: CreateRound[], mode: CreateMode, storm: Storm) {
  const rs = rounds.filter((r) => r.mode === mode && r.storm === storm);
  return {
    rows: rs.map((r) => r.rowsCreated).join(" / "),
    errors: rs.reduce((n, r) => n + r.errors, 0),
    rps: median(rs.map((r) => r.rps)),
    p50: median(rs.map((r) => r.p50)),
    p95: median(rs.map((r) => r.p95)),
  };
}

export const createRow = (label: string, s: ReturnType<typeof summariseCreate>) =>
  `| ${label} | ${s.rows} | ${s.errors} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} |`;

/** Every protected round of `storm` created exactly one row per ID. */
export const exactRows = (rounds: CreateRound[], storm: Storm) =>
  rounds.filter((r) => r.mode === "protected" && r.storm === storm).every((r) => r.rowsCreated === (storm === "duplicate" ? IDS : IDS * COPIES));
