import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { describeFolderGraph, folderCycles, folderGraph, folderGraphIn, type FolderGraph } from "./folder-graph.ts";

const repo = path.resolve(import.meta.dirname, "../..");

test("no folder of lib/ reaches itself through the folders it imports", () => {
  const cycles = folderCycles(folderGraph(repo));
  assert.deepEqual(cycles, [], `folders in a cycle: ${cycles.map((c) => c.join(" ⇄ ")).join("; ")}`);
});

test("the README's layout section shows the folder graph as it is", () => {
  const readme = readFileSync(path.join(repo, "README.md"), "utf8");
  assert.equal(folderGraphIn(readme), describeFolderGraph(folderGraph(repo)), "out of date: npm run layout:graph");
});

test("a cycle is found and named, and the graph lists lower layers first", () => {
  const graph: FolderGraph = new Map([
    ["a", new Set(["b"])],
    ["b", new Set(["c"])],
    ["c", new Set(["a"])],
    ["d", new Set(["a"])],
  ]);
  assert.deepEqual(folderCycles(graph), [["a", "b", "c"]]);
  const acyclic: FolderGraph = new Map([
    ["top", new Set(["mid", "low"])],
    ["mid", new Set(["low"])],
    ["low", new Set<string>()],
  ]);
  assert.deepEqual(folderCycles(acyclic), []);
  assert.equal(describeFolderGraph(acyclic), [" 0  low", " 1  mid  → low", " 2  top  → low, mid"].join("\n"));
});
