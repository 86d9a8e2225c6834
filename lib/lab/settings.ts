// The Duplicate Lab's switches. They live in a session cookie that names its user, so they belong
// to one signed-in user in one browser: another user signing in on the same browser starts from the
// defaults, and nothing here reaches the Customer and Order forms.

export const LAB_SWITCHES = [
  {
    key: "disableOnSubmit",
    label: "Disable on submit",
    help: "Stops a double-click or a repeated Enter from sending the form twice. Switch it off, double-click “Submit ticket”, and the request log shows two requests for one ticket (expectSingleSubmitOnDoubleClick catches it).",
  },
  {
    key: "browserId",
    label: "Browser-generated ID",
    help: "Gives the form its ticket ID before it is sent, so a resubmit is recognised as already saved. Switch it off, submit, press Back and submit again: the server takes it for a new ticket, so the near-match check asks about it, and with that check off too a second ticket appears (expectNoDuplicateOnBackAndResubmit catches it).",
  },
  {
    key: "postRedirectGet",
    label: "Post-redirect-get",
    help: "Answers a save with a redirect, so reloading the result sends nothing. Switch it off, submit, reload and confirm the browser’s resubmit prompt: the form is sent again, and with Browser-generated ID also off it saves a copy (expectNoResubmitOnReload catches it).",
  },
  {
    key: "nearMatch",
    label: "Near-match check",
    help: "Asks before saving a ticket whose title looks like one from the last day. Switch it off and submit the same title twice: the second is saved without a question (expectPromptBeforeLikelyDuplicate catches it).",
  },
] as const;

export const LAB_CONDITIONS = [
  {
    key: "slowNetwork",
    label: "Simulate slow network",
    help: "The server waits 2 seconds before saving, so you can click, press Enter or reload while the save is in flight.",
  },
  {
    key: "dropResponse",
    label: "Drop the response",
    help: "The server saves a new ticket, then answers with an error page (502), as when a proxy loses the answer. Go Back and submit again, as people do, and see whether the retry makes a copy.",
  },
] as const;

/** The Integration section: protections between this app and the fulfilment provider. */
export const LAB_INTEGRATION_SWITCHES = [
  {
    key: "transactionalOutbox",
    label: "Transactional outbox",
    help: "Writes the order and its delivery in one transaction, sent after the commit. Switch it off and turn on “Fail the save after sending”: the order is sent inside the request, the save then fails, and the provider ships an order that does not exist.",
  },
  {
    key: "providerIdempotencyKey",
    label: "Idempotency key to provider",
    help: "Sends every attempt with the same key, so the provider ships once. Switch it off and turn on “Lose the provider’s answer”: the retry carries a new key, and a second shipment appears.",
  },
  {
    key: "inboxDedupe",
    label: "Inbox deduplication",
    help: "Records each callback’s ID with its effect, so a copy changes nothing. Switch it off and turn on “Duplicate callbacks”: each provider event is applied twice, and shows twice in the order’s timeline.",
  },
  {
    key: "signatureCheck",
    label: "Signature check",
    help: "Refuses a callback not signed with the provider’s secret. Switch it off and press “Send forged callback”: the forgery is accepted and the order shows a shipment that never existed.",
  },
] as const;

export const LAB_INTEGRATION_CONDITIONS = [
  {
    key: "failSaveAfterSending",
    label: "Fail the save after sending",
    help: "The save fails after the order was handed over for delivery: nothing is saved (with the outbox, its event goes with it).",
  },
  {
    key: "loseProviderAnswer",
    label: "Lose the provider’s answer",
    help: "The provider takes the order, then its answer is lost, once: the app sees a failure and tries again.",
  },
  { key: "duplicateCallbacks", label: "Duplicate callbacks", help: "The provider sends each callback about the order twice, at the same moment." },
] as const;

export type LabKey =
  | (typeof LAB_SWITCHES)[number]["key"]
  | (typeof LAB_CONDITIONS)[number]["key"]
  | (typeof LAB_INTEGRATION_SWITCHES)[number]["key"]
  | (typeof LAB_INTEGRATION_CONDITIONS)[number]["key"];
export type LabSettings = Record<LabKey, boolean>;

export const LAB_DEFAULTS: LabSettings = {
  disableOnSubmit: true,
  browserId: true,
  postRedirectGet: true,
  nearMatch: true,
  slowNetwork: false,
  dropResponse: false,
  transactionalOutbox: true,
  providerIdempotencyKey: true,
  inboxDedupe: true,
  signatureCheck: true,
  failSaveAfterSending: false,
  loseProviderAnswer: false,
  duplicateCallbacks: false,
};
export const LAB_KEYS = Object.keys(LAB_DEFAULTS) as LabKey[];

export const LAB_COOKIE = "dedupe-lab";

/** "u=<user>&disableOnSubmit=0&…": only what differs from the defaults. */
export function encodeLabSettings(userId: string, settings: LabSettings): string {
  const params = new URLSearchParams({ u: userId });
  for (const key of LAB_KEYS) if (settings[key] !== LAB_DEFAULTS[key]) params.set(key, settings[key] ? "1" : "0");
  return params.toString();
}

/** The user's settings from the cookie; the defaults when it is missing, malformed or someone else's. */
export function decodeLabSettings(userId: string, cookie: string | undefined): LabSettings {
  const params = new URLSearchParams(cookie ?? "");
  if (params.get("u") !== userId) return { ...LAB_DEFAULTS };
  const settings = { ...LAB_DEFAULTS };
  for (const key of LAB_KEYS) {
    const value = params.get(key);
    if (value === "1" || value === "0") settings[key] = value === "1";
  }
  return settings;
}
