// `npm run settings:table`: writes the Configuration table of README.md from lib/settings/settings.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { configurationTable } from "../../settings/settings.ts";
import { withConfigurationTable } from "../../settings/readme-table.ts";

writeFileSync("README.md", withConfigurationTable(readFileSync("README.md", "utf8"), configurationTable()));
console.log("README.md: Configuration table written from lib/settings/settings.ts");
