// Where to send a user after signing in, from a `callbackUrl` anyone can put in a link. Checking
// the string's first characters is not enough: browsers and URL parsers drop tabs and newlines,
// read backslashes as slashes and resolve dot segments, so "/\t/evil.example" and "/.//evil.example"
// both become another site. So the value is parsed the way a browser will parse it, against this
// app's origin, and only the re-serialised path of a same-origin result is ever used.
const ORIGIN = "http://app.invalid"; // a stand-in: only "is it this origin?" matters
const MAX_LENGTH = 2048;

export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !value.startsWith("/")) return fallback;
  // Control characters and backslashes have no place in a path of ours; refusing them outright
  // means no parser's way of dropping or reinterpreting them matters.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can resolve to "//host", which a Location header reads as another site.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  // Encoded slashes stay encoded in a browser, but some proxies decode them: refuse, nothing of ours uses them.
  if (/^\/(%2f|%5c)/i.test(url.pathname)) return fallback;
  return path;
}
