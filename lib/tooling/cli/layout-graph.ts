// `npm run layout:graph`: writes lib/'s folder graph into the README's layout section.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describeFolderGraph, folderCycles, folderGraph, withFolderGraph } from "../folder-graph.ts";

const repo = path.resolve(import.meta.dirname, "../../..");
const graph = folderGraph(repo);
const cycles = folderCycles(graph);
if (cycles.length > 0) {
  console.error(`lib/ has folders in a cycle, so there is no layering to show: ${cycles.map((c) => c.join(" ⇄ ")).join("; ")}`);
  process.exit(1);
}
const file = path.join(repo, "README.md");
writeFileSync(file, withFolderGraph(readFileSync(file, "utf8"), describeFolderGraph(graph)));
console.log("README.md: folder graph written");
