import { nameKey, type NameCount } from "./compare.ts";
import { nameTokens } from "./name-tokens.ts";

/** How many records of a list of names bear each name, plus one: the record being compared. */
export function populationNameCount(names: readonly string[]): NameCount {
  const counts = new Map<string, number>();
  for (const n of names) {
    const k = nameKey(nameTokens(n));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return (key) => (counts.get(key) ?? 0) + 1;
}
