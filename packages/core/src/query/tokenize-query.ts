import { QuerySyntaxError } from './query-syntax-error.ts';

export type QueryToken =
  | { type: 'word'; text: string; start: number; end: number }
  | { type: 'phrase'; text: string; start: number; end: number; closed: boolean }
  /** `name:value` or `name:"a phrase"`; `name` as typed, checked by the parser. */
  | { type: 'field'; name: string; value: string; quoted: boolean; start: number; end: number; valueStart: number }
  | { type: 'and' | 'or' | 'not' | 'minus' | 'open' | 'close'; start: number; end: number };

const SPACE = /\s/u;
/** A bare word ends at white space, a parenthesis or a quote. */
const isBareCharacter = (c: string | undefined) => c !== undefined && !SPACE.test(c) && c !== '(' && c !== ')' && c !== '"';
const OPERATORS: Record<string, 'and' | 'or' | 'not'> = { AND: 'and', OR: 'or', NOT: 'not' };
/** `name:` at the start of a word, where name is letters only; `10:30` stays a word. */
const FIELD_PREFIX = /^([A-Za-z]+):/;

export interface TokenizeOptions {
  /** Read an unclosed quote to the end instead of throwing (the dashboard's keyword box). */
  lenient?: boolean;
}

/**
 * Splits a query into tokens with their offsets. Operators are AND, OR and NOT in capitals
 * (as in Google's syntax, lower-case "and" is a word); a `-` glued to the next term negates it.
 */
export function tokenizeQuery(query: string, options: TokenizeOptions = {}): QueryToken[] {
  const tokens: QueryToken[] = [];
  let at = 0;
  const readQuoted = (quoteAt: number) => {
    const close = query.indexOf('"', quoteAt + 1);
    if (close < 0) {
      if (!options.lenient) {
        throw new QuerySyntaxError('this quote is never closed: add a " at the end of the phrase', query, quoteAt, query.length);
      }
      return { text: query.slice(quoteAt + 1), end: query.length, closed: false };
    }
    return { text: query.slice(quoteAt + 1, close), end: close + 1, closed: true };
  };

  while (at < query.length) {
    const c = query[at]!;
    if (SPACE.test(c)) {
      at += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'open' : 'close', start: at, end: at + 1 });
      at += 1;
    } else if (c === '"') {
      const quoted = readQuoted(at);
      tokens.push({ type: 'phrase', text: quoted.text, start: at, end: quoted.end, closed: quoted.closed });
      at = quoted.end;
    } else if (c === '-' && (isBareCharacter(query[at + 1]) || query[at + 1] === '"' || query[at + 1] === '(')) {
      tokens.push({ type: 'minus', start: at, end: at + 1 });
      at += 1;
    } else {
      let end = at;
      while (isBareCharacter(query[end])) end += 1;
      const text = query.slice(at, end);
      const operator = OPERATORS[text];
      const field = FIELD_PREFIX.exec(text);
      if (operator) {
        tokens.push({ type: operator, start: at, end });
      } else if (field) {
        const valueStart = at + field[0].length;
        if (valueStart === end && query[end] === '"') {
          const quoted = readQuoted(end);
          tokens.push({ type: 'field', name: field[1]!, value: quoted.text, quoted: true, start: at, end: quoted.end, valueStart: end + 1 });
          end = quoted.end;
        } else {
          tokens.push({ type: 'field', name: field[1]!, value: query.slice(valueStart, end), quoted: false, start: at, end, valueStart });
        }
      } else {
        tokens.push({ type: 'word', text, start: at, end });
      }
      at = end;
    }
  }
  return tokens;
}
