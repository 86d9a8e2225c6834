/** No form or API request of ours comes near this; see also serverActions.bodySizeLimit. */
export const MAX_BODY_BYTES = 64 * 1024;
