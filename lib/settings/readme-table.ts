// Where the README's Configuration table sits: between the section's heading and the first blank
// line after the table.
const HEADING = "## Configuration\n\n";

export function configurationTableIn(readme: string): string {
  const start = readme.indexOf(HEADING);
  if (start < 0) throw new Error("README.md has no '## Configuration' section");
  const from = start + HEADING.length;
  const end = readme.indexOf("\n\n", from);
  return readme.slice(from, end < 0 ? undefined : end);
}

export function withConfigurationTable(readme: string, table: string): string {
  const current = configurationTableIn(readme);
  const at = readme.indexOf(HEADING) + HEADING.length;
  return readme.slice(0, at) + table + readme.slice(at + current.length);
}
