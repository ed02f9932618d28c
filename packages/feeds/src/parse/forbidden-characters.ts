// Characters XML 1.0 forbids (C0 controls but tab, newline and carriage return; U+FFFE and
// U+FFFF). No feed means them, and PostgreSQL cannot store U+0000 in text at all, so every
// format drops them: XML formats from the decoded text, JSON Feed from its strings, escaped or raw.
// A lone surrogate (half of a pair) is no character either, and PostgreSQL refuses it in JSON.
// Decoders and the XML and HTML readers write U+FFFD for one; only a JSON escape makes one,
// so JSON Feed's strings get U+FFFD for it too.

import { withoutLoneSurrogates } from '@radar/core';

const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const HAS_FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
/** A JSON escape that JSON.parse turns into a forbidden character, or into a surrogate (maybe lone). */
const ESCAPED_FORBIDDEN_CHARACTER = /\\u(?:000[0-8bBcCeEfF]|001[0-9a-fA-F]|[fF]{3}[eEfF]|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/** The text without the characters XML forbids. */
export function withoutForbiddenCharacters(text: string): string {
  return HAS_FORBIDDEN_CHARACTER.test(text) ? text.replace(FORBIDDEN_CHARACTERS, '') : text;
}

/** Whether JSON text may hold a forbidden character in a string, raw or escaped. */
export function jsonMayHoldForbiddenCharacters(text: string): boolean {
  return HAS_FORBIDDEN_CHARACTER.test(text) || ESCAPED_FORBIDDEN_CHARACTER.test(text);
}

/** A JSON.parse reviver that drops forbidden characters from every string, and replaces lone surrogates. */
export function reviveWithoutForbiddenCharacters(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? withoutLoneSurrogates(withoutForbiddenCharacters(value)) : value;
}
