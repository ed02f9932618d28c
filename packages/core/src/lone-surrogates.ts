// Half of a UTF-16 surrogate pair, alone, is no character: no encoding can write it, and
// PostgreSQL refuses it in JSON. Only an escape (`\ud800` in JSON) or a character reference
// makes one; decoders turn undecodable bytes into U+FFFD instead.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Whether the text holds half of a surrogate pair without the other half. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * The text with U+FFFD for each lone surrogate, as a decoder writes bytes it cannot read.
 * @example withoutLoneSurrogates('a\ud800b') // 'a\ufffdb'
 */
export function withoutLoneSurrogates(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\ufffd') : text;
}
