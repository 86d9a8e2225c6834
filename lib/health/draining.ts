// Whether this process is shutting down. The HTTP server (lib/startup/next-server.ts) sets it on SIGTERM
// and /api/ready reads it; Next bundles that route apart from the server's own modules, so the flag
// lives on globalThis rather than in a module variable each bundle would have its own copy of.
const DRAINING = Symbol.for("dedupe-desk.draining");
const global = globalThis as { [DRAINING]?: boolean };

export function startDraining(): void {
  global[DRAINING] = true;
}

export function isDraining(): boolean {
  return global[DRAINING] === true;
}
