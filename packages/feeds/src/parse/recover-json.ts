// The lenient path for JSON feeds that JSON.parse rejects. Two faults account for
// nearly all of them: raw control characters (newlines, tabs) inside strings, and a
// document cut off mid-way (a server timeout, a size limit). The first is escaped; for
// the second the open string, arrays and objects are closed after dropping the
// incomplete member, so the items that arrived whole (and the text of the last one up
// to the cut) are kept.

/** Returns JSON text that JSON.parse accepts for the two faults above; other text unchanged. */
export function recoverJson(text: string): string {
  let out = '';
  let inString = false;
  const open: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (inString) {
      if (char === '\\') {
        const next = text[i + 1];
        if (next === undefined) break; // cut right after a backslash
        out += char + next;
        i++;
        continue;
      }
      if (char === '"') inString = false;
      const code = char.charCodeAt(0);
      out += code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : char;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') open.push(char === '{' ? '}' : ']');
    else if (char === '}' || char === ']') open.pop();
    out += char;
  }
  if (!inString && open.length === 0) return out;
  if (inString) out += '"';
  out = dropIncompleteMember(out, open[open.length - 1]);
  return out + open.reverse().join('');
}

/**
 * How much of the end is searched for the incomplete member: more than any key. Patterns
 * anchored at the end are tried from every start, and a string of escapes made that
 * quadratic (80,000 `"\\` took 7 s).
 */
const TAIL = 1_000;

function dropIncompleteMember(json: string, closer: string | undefined): string {
  const trimmed = json.trimEnd();
  const start = Math.max(0, trimmed.length - TAIL);
  // `"key":` with no value, or a half-written literal
  let tail = trimmed.slice(start).replace(/(?:"(?:[^"\\]|\\.)*"\s*:\s*(?:t|tr|tru|f|fa|fal|fals|n|nu|nul|-)?)$/, '');
  // a lone key in an object: `{"a": 1, "b"`
  if (closer === '}') tail = tail.replace(/([{,]\s*)"(?:[^"\\]|\\.)*"$/, '$1');
  return (trimmed.slice(0, start) + tail).trimEnd().replace(/,$/, '');
}
