// What the Lab answers to a POST when "Post-redirect-get" is off: a page, straight in the POST's
// response. It works, which is the trap: the browser now holds a POST result, and reloading it
// offers to send the form again.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function postResultPage(opts: { heading: string; title: string; ticketUrl: string }): string {
  return page(
    opts.heading,
    `<p>Ticket: <a href="${escape(opts.ticketUrl)}">${escape(opts.title)}</a></p>
  <p class="warn">This page is the answer to a form POST (post-redirect-get is off in the Lab). Reloading it asks to send the form again.</p>`,
  );
}

/** "Drop the response": what a user sees when a gateway loses the server's answer. */
export function lostAnswerPage(): string {
  return page(
    "Bad gateway",
    `<p>The server's answer was lost on the way (the Lab's “Drop the response” is on).</p>
  <p class="warn">Was the ticket saved? You cannot tell from here. Go Back and submit again, as people do, and see whether that makes a copy.</p>`,
  );
}

/** The database could not take the save just now: nothing was saved, and Back keeps the form's ID. */
export function busyPage(): string {
  return page(
    "Not saved yet",
    `<p>The database is busy, so the ticket was not saved. Go Back and submit again: the form still carries its ID, so trying again cannot make a copy.</p>`,
  );
}

function page(heading: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(heading)} · Duplicate Lab</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2430; background: #f6f7f9; margin: 0; }
  main { max-width: 560px; margin: 64px auto; padding: 24px 28px; background: #fff; border: 1px solid #dde1e7; border-radius: 10px; }
  h1 { font-size: 1.4rem; margin: 0 0 8px; }
  .warn { background: #fff6e0; border: 1px solid #f0d38a; border-radius: 8px; padding: 10px 14px; }
  a { color: #2450c8; } a:focus-visible { outline: 3px solid #2450c8; outline-offset: 2px; }
</style></head>
<body><main>
  <h1>${escape(heading)}</h1>
  ${body}
  <p><a href="/lab">Back to the Lab</a></p>
</main></body></html>`;
}
