// The app under test and its embedded database listen on fixed local ports, so that tests can count
// rows in the same database the app writes to.
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const E2E_DATABASE_PORT = Number(process.env.E2E_DATABASE_PORT || 54329);
export const E2E_APP_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${E2E_DATABASE_PORT}/postgres`;
export const E2E_PROVIDER_PORT = Number(process.env.E2E_PROVIDER_PORT || 4110);
export const E2E_PROVIDER_URL = `http://127.0.0.1:${E2E_PROVIDER_PORT}`;
/** The e2e app's Prometheus token (METRICS_TOKEN): a test value, scoped to this throwaway server. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-not-a-secret";
