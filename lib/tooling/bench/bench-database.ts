// Which database a benchmark runs on: the server in DATABASE_URL (each run makes a fresh database
// there, through the test helpers), else the embedded one.
export function benchDatabase(env: NodeJS.ProcessEnv = process.env): "server" | "embedded" {
  const serverUrl = env.DATABASE_URL || "";
  if (serverUrl) env.TEST_DATABASE_URL = serverUrl;
  else delete env.TEST_DATABASE_URL;
  return serverUrl ? "server" : "embedded";
}
