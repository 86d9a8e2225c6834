// The embedded database's URL carries a mark, so that a client knows what it talks to (PGlite
// ignores the application name): one session serves every connection there, and named statements
// from two connections would collide in it (lib/db/create-client.ts). Apart from embedded.ts, which
// loads PGlite, so that the app's client can read the mark without loading it.
const EMBEDDED_NAME = "dedupe-embedded";

export const embeddedUrl = (port: number) => `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?application_name=${EMBEDDED_NAME}`;

export const isEmbeddedUrl = (url: string) => URL.canParse(url) && new URL(url).searchParams.get("application_name") === EMBEDDED_NAME;
