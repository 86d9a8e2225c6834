// A plain Node form server, shares no code with Dedupe Desk: one "new contact" form whose
// protections against duplicates can each be switched off, so the kit's checks can be seen to pass
// with them and to fail, naming the missing one, without them. Records live in memory.
//
//   node form-server.mjs [--port 4300] [--off prg,browser-id]
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

export const PROTECTIONS = [
  "disable", // the form ignores a second submit and disables its buttons
  "browser-id", // the page makes the record's ID and keeps it across Back (history.state)
  "idempotent", // the save recognises an ID it has already saved
  "prg", // a save answers 303 to the record's page instead of a page of its own
  "near-match", // the same name and email again asks "Possible duplicate" before saving
  "downstream-key", // the call to the other system carries a key, so its retry is not a second effect
];

const escape = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const normal = (s) =>
  String(s ?? "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

/**
 * The other system a save calls (a mailer, a shipper). It loses its first answer, so the server
 * retries once: with a key the retry is recognised, without one it is a second effect.
 */
function downstream() {
  const seen = new Set();
  let effects = 0;
  return {
    get effects() {
      return effects;
    },
    async send(key) {
      if (!key || !seen.has(key)) effects++;
      if (key) seen.add(key);
    },
  };
}

export function createFormServer({ off = [] } = {}) {
  for (const name of off) if (!PROTECTIONS.includes(name)) throw new Error(`Unknown protection: ${name}`);
  const on = (name) => !off.includes(name);
  const records = new Map();
  const other = downstream();

  const script = `
    for (const form of document.querySelectorAll("form")) {
      ${
        on("disable")
          ? `form.addEventListener("submit", (event) => {
        if (form.dataset.sending) return event.preventDefault();
        form.dataset.sending = "1";
        // After this task, so the clicked button still counts as the submitter.
        setTimeout(() => form.querySelectorAll("button").forEach((b) => (b.disabled = true)));
      });`
          : ""
      }
    }
    ${
      on("browser-id")
        ? `const id = document.querySelector('#record input[name="id"]');
    if (id && !id.value) {
      // crypto.randomUUID is enough for a test form (a product would make a UUIDv7).
      const state = history.state ?? {};
      if (!state.recordId) history.replaceState({ ...state, recordId: crypto.randomUUID() }, "");
      id.value = history.state.recordId;
    }`
        : ""
    }
    window.addEventListener("pageshow", (e) => {
      if (!e.persisted) return;
      for (const form of document.querySelectorAll("form")) {
        delete form.dataset.sending;
        form.querySelectorAll("button").forEach((b) => (b.disabled = false));
      }
    });`;

  const page = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:16px system-ui;margin:2rem;max-width:32rem} label{display:block;margin:.75rem 0} input{display:block;width:100%;padding:.4rem}
button{margin-top:1rem;padding:.5rem 1rem} dialog{position:static;border:2px solid #b45309;margin:1rem 0} .error{color:#b3261e}</style></head>
<body>${body}<script>${script}</script></body></html>`;

  const fields = (values, error = "") => `
    ${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}
    <label>Name <input name="name" value="${escape(values.name)}"></label>
    <label>Email <input name="email" type="email" value="${escape(values.email)}"></label>`;

  const formPage = (values = {}, error = "") =>
    page(
      "New contact",
      `<h1>New contact</h1>
      <form id="record" method="post" action="/records">
        ${on("browser-id") ? `<input type="hidden" name="id" value="${escape(values.id)}">` : ""}
        ${fields(values, error)}
        <button type="submit">Save contact</button>
      </form>`,
    );

  const promptPage = (values, match) =>
    page(
      "Possible duplicate",
      `<h1>New contact</h1>
      <dialog open aria-labelledby="dup">
        <h2 id="dup">Possible duplicate</h2>
        <p>${escape(match.name)} (${escape(match.email)}) already exists.</p>
        <form method="post" action="/records">
          ${on("browser-id") ? `<input type="hidden" name="id" value="${escape(values.id)}">` : ""}
          <input type="hidden" name="name" value="${escape(values.name)}">
          <input type="hidden" name="email" value="${escape(values.email)}">
          <input type="hidden" name="confirmed" value="1">
          <button type="submit">Save anyway</button>
        </form>
        <a href="/records/${escape(match.id)}">Open existing</a>
      </dialog>`,
    );

  const recordPage = (record) => page("Saved", `<h1>Saved</h1><p>${escape(record.name)} · ${escape(record.email)}</p><p><a href="/form">New contact</a></p>`);

  function answerSaved(res, record) {
    if (on("prg")) {
      res.writeHead(303, { location: `/records/${record.id}` }).end();
    } else {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(recordPage(record));
    }
  }

  async function save(res, values) {
    if (!values.name?.trim()) {
      return res.writeHead(422, { "content-type": "text/html; charset=utf-8" }).end(formPage(values, "Name is required."));
    }
    const id = on("browser-id") && values.id ? values.id : randomUUID();
    if (on("idempotent") && records.has(id)) return answerSaved(res, records.get(id));
    if (on("near-match") && values.confirmed !== "1") {
      const match = [...records.values()].find((r) => normal(r.name) === normal(values.name) && normal(r.email) === normal(values.email));
      if (match) return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(promptPage(values, match));
    }
    // Without the idempotent save a repeat of an ID is another row under a key of the server's own.
    const record = { id: records.has(id) ? randomUUID() : id, name: values.name, email: values.email };
    records.set(record.id, record);
    const key = on("downstream-key") ? `contact-${record.id}` : undefined;
    await other.send(key);
    await other.send(key); // the retry after the lost first answer
    answerSaved(res, record);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (req.method === "GET" && url.pathname === "/form") {
      return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(formPage());
    }
    if (req.method === "POST" && url.pathname === "/records") {
      let body = "";
      for await (const chunk of req) body += chunk;
      return save(res, Object.fromEntries(new URLSearchParams(body)));
    }
    const record = req.method === "GET" && url.pathname.startsWith("/records/") && records.get(url.pathname.slice("/records/".length));
    if (record) return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(recordPage(record));
    if (req.method === "GET" && url.pathname === "/count") {
      const names = [...records.values()].map((r) => r.name);
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ count: records.size, names }));
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });

  return {
    listen: (port = 0) => new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`))),
    close: () => new Promise((resolve) => server.close(resolve)),
    count: () => records.size,
    effects: () => other.effects,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
  const off = process.argv.includes("--off") ? arg("--off").split(",") : [];
  const url = await createFormServer({ off }).listen(Number(process.argv.includes("--port") ? arg("--port") : 4300));
  console.log(`Form server at ${url}/form (off: ${off.join(", ") || "nothing"})`);
}
