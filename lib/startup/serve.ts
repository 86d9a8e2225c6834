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
void announceWhenReady(`http://localhost:${port}`);

/** The address, once it answers (Next takes seconds to start), with the demo account beside it. */
async function announceWhenReady(url: string) {
  for (let waited = 0; waited < 120_000 && child.exitCode === null; waited += 250) {
    const answered = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status < 500,
      () => false,
    );
    if (answered) {
      console.log(`\nReady: ${url}${app.demo ? `  (sign in as ${app.demo.email} / ${app.demo.password})` : ""}\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

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
