// `npm run dev` / `npm start`: prepares the database, session secret and provider
// (app-environment.ts), then runs Next.js against them.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareAppEnvironment, type AppEnvironment } from "./app-environment.ts";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: serve.ts dev|start");
  process.exit(2);
}
const port = process.env.PORT || "3000";

let app: AppEnvironment;
try {
  app = await prepareAppEnvironment(mode, { port });
} catch (error) {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// Next runs in its own process, so that the embedded database's work never blocks a request.
const server = path.join(path.dirname(fileURLToPath(import.meta.url)), "next-server.ts");
const child = spawn(process.execPath, ["--import", "tsx", server, mode, port], { stdio: "inherit", env: app.env as NodeJS.ProcessEnv });
console.log(`App: http://localhost:${port}`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
child.on("exit", async (code, signal) => {
  await app.stop();
  process.exit(code ?? (signal ? 0 : 1));
});
