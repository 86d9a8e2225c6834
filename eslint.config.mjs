import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "e2e/kit/dist/**", "lib/generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  // Which way imports go: app composes components and lib; components get server actions as props
  // and share only the types of their states; lib is domain logic, which imports neither.
  {
    files: ["lib/**", "components/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components"], message: "lib/ is domain logic: it never imports a route or a component." },
            {
              target: "./components",
              from: "./app",
              message: "A component gets a route's server action as a prop; shared state types live beside the component.",
            },
          ],
        },
      ],
    },
  },
  // The domain never imports tooling (commands, benchmarks, test support, the cluster runner, the
  // matching fixtures, fitting and evaluation: all under lib/tooling); tests and tooling may import
  // anything.
  {
    files: ["lib/**"],
    ignores: ["lib/tooling/**", "**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components"], message: "lib/ is domain logic: it never imports a route or a component." },
            { target: "./lib", from: "./lib/tooling", message: "Domain code never imports tooling (lib/tooling)." },
          ],
        },
      ],
    },
  },
  // No module reaches itself through its imports. Folder-level cycles are checked by
  // lib/folder-graph.test.ts, which also prints the graph the README shows.
  {
    files: ["app/**", "components/**", "lib/**"],
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  // Playwright fixtures call `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
