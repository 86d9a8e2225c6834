import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const FILE = path.resolve(import.meta.dirname, "../../../BENCHMARKS.md");
const HEADER = "# Benchmarks\n\nWritten by the `npm run bench:*` commands; each section is replaced by its latest run.\n";

/** Replaces (or adds) one `## title` section of BENCHMARKS.md. */
export async function writeBenchmarkSection(title: string, body: string): Promise<void> {
  const current = await readFile(FILE, "utf8").catch(() => HEADER);
  const sections = current.split(/^(?=## )/m);
  const head = sections[0].startsWith("## ") ? HEADER : sections[0];
  const rest = sections.filter((s) => s.startsWith("## ") && !s.startsWith(`## ${title}\n`));
  const next = [head.trimEnd() + "\n\n", ...rest.map((s) => s.trimEnd() + "\n\n"), `## ${title}\n\n${body.trim()}\n`].join("");
  await writeFile(FILE, next);
}
