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
            { target: "./components", from: "./app", message: "A component gets a route's server action as a prop; shared state types live beside the component." },
          ],
        },
      ],
    },
  },
  // The domain never imports tooling (commands, benchmarks, test support, the cluster runner);
  // tests and tooling may import anything.
  {
    files: ["lib/**"],
    ignores: ["lib/cli/**", "lib/bench/**", "lib/testing/**", "lib/cluster/**", "**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./lib", from: ["./app", "./components"], message: "lib/ is domain logic: it never imports a route or a component." },
            { target: "./lib", from: ["./lib/cli", "./lib/bench", "./lib/testing", "./lib/cluster"], message: "Domain code never imports tooling (lib/cli, lib/bench, lib/testing, lib/cluster)." },
          ],
        },
      ],
    },
  },
  // Playwright fixtures call `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
];

export default config;
