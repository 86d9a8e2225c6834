// `npm run start:cluster -- --instances 3`: the production build as N instances on one PostgreSQL
// server behind HAProxy on PORT (3000), the shape a deployment has behind its load balancer, on one
// machine. Needs DATABASE_URL (the embedded database serves one process) and HAProxy installed.
// An instance that dies is started again; HAProxy sends to the others meanwhile.
import { parseArgs } from "node:util";
import { startInstances, type Instance } from "../cluster/instances.ts";
import { DRAIN_MS, findHaproxy, startHaproxy } from "../cluster/haproxy.ts";
import { prepareAppEnvironment } from "../../startup/app-environment.ts";

const { values } = parseArgs({ options: { instances: { type: "string", default: "3" } } });
const count = Number(values.instances);
if (!Number.isInteger(count) || count < 1 || count > 16) {
  console.error("usage: npm run start:cluster -- --instances N (1 to 16)");
  process.exit(2);
}
const port = Number(process.env.PORT || 3000);
if (!findHaproxy()) {
  console.error("Cannot start: HAProxy is not installed. Debian/Ubuntu: sudo apt-get install haproxy · macOS: brew install haproxy");
  process.exit(1);
}

let app;
try {
  app = await prepareAppEnvironment("start", { port: String(port), instances: count });
} catch (error) {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// The instances listen on the loopback address only, where HAProxy reaches them; it appends the
// client's address to X-Forwarded-For, and they believe that entry because it came from 127.0.0.1.
// After SIGTERM each keeps serving for DRAIN_MS while HAProxy's checks see it leave.
const env = {
  ...app.env,
  HOST: "127.0.0.1",
  TRUSTED_PROXIES: [app.env.TRUSTED_PROXIES, "127.0.0.1"].filter(Boolean).join(","),
  SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
};
const instances = await startInstances({ count, env, ports: Array.from({ length: count }, (_, i) => port + 1 + i), stdio: "inherit" });
const proxy = await startHaproxy({ dir: ".data/cluster", bind: `:${port}`, servers: instances.map((i) => `127.0.0.1:${i.port}`), stdio: "inherit" });
for (const i of instances) console.log(`Instance ${i.index}: pid ${i.child.pid}, port ${i.port}`);
console.log(`App: http://localhost:${port} (HAProxy, round robin over ${count} instances; configuration: ${proxy.configFile})`);

let stopping = false;
const watch = (i: Instance) =>
  i.child.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`Instance ${i.index} exited (${signal ?? `code ${code}`}); starting it again`);
    setTimeout(() => {
      if (stopping) return;
      i.restart().then(
        () => {
          console.log(`Instance ${i.index}: pid ${i.child.pid}, port ${i.port} (restarted)`);
          watch(i);
        },
        (error) => console.error(`Instance ${i.index} did not start again:`, error),
      );
    }, 1_000);
  });
instances.forEach(watch);

const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Each instance finishes what it is doing and gives back its outbox claims (next-server.ts).
  await Promise.all(instances.map((i) => i.stop("SIGTERM")));
  await proxy.stop();
  await app.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
