// PostgreSQL's text cannot hold U+0000, and an error message can quote anything: a feed's
// bytes where its reader stopped, a webhook receiver's answer. Stored errors lose their
// control characters (tabs and newlines kept) and are cut to a length a page can show.

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]+/g;

/**
 * An error message as stored: control characters dropped, at most `max` characters.
 * @example storedErrorText("Unexpected token '\u0000'") // "Unexpected token ''"
 */
export function storedErrorText(message: string, max?: number): string;
export function storedErrorText(message: string | null | undefined, max?: number): string | null;
export function storedErrorText(message: string | null | undefined, max = 1000): string | null {
  if (message == null) return null;
  return message.replace(CONTROL_CHARACTERS, '').slice(0, max);
}
