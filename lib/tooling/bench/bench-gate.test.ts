import assert from "node:assert/strict";
import { test } from "node:test";
import { BENCH_TOKEN_HEADER, isBenchRequest, newBenchToken } from "./bench-gate.ts";

const post = (headers: Record<string, string>) => new Request("http://127.0.0.1/api/bench/customers", { method: "POST", headers });

test("bench routes answer only the holder of the server's bench token", () => {
  const token = newBenchToken();
  assert.equal(isBenchRequest(post({ [BENCH_TOKEN_HEADER]: token }), token), true);
  for (const given of ["", "x", token.slice(0, -1), `${token}x`, token.toUpperCase()]) {
    assert.equal(isBenchRequest(post({ [BENCH_TOKEN_HEADER]: given }), token), false, given);
  }
  // The old way in: a named owner and no sign-in.
  assert.equal(isBenchRequest(post({ "x-bench-owner": "0192a000-0000-7000-8000-000000000000" }), token), false);
});

test("without a (long enough) BENCH_TOKEN in the environment, the routes do not exist", () => {
  assert.equal(isBenchRequest(post({ [BENCH_TOKEN_HEADER]: "" }), undefined), false);
  assert.equal(isBenchRequest(post({ [BENCH_TOKEN_HEADER]: "1" }), "1"), false, "BENCH_ROUTES=1 no longer opens them");
});
