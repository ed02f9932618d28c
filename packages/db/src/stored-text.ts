// PostgreSQL's text cannot hold U+0000, and an error message can quote anything: a feed's
// bytes where its reader stopped, a webhook receiver's answer. Stored errors lose their
// control characters (tabs and newlines kept) and are cut to a length a page can show.

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+/g;

/** The longest error kept. */
const MAX_ERROR_LENGTH = 1000;

/**
 * An error message as stored: control characters dropped, at most 1,000 characters.
 * @example storedErrorText("Unexpected token '\u0000'") // "Unexpected token ''"
 */
export function storedErrorText(message: string | null | undefined): string | null {
  return message == null ? null : message.replace(CONTROL_CHARACTERS, '').slice(0, MAX_ERROR_LENGTH);
}
