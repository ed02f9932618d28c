import { fieldNamed, resolveFieldValue, UnknownFieldValueError } from './field-values.ts';
import type { QueryField, QueryNode, TextTerm } from './query-ast.ts';
import { QuerySyntaxError } from './query-syntax-error.ts';
import { searchWords } from './search-words.ts';
import { tokenizeQuery, type QueryToken } from './tokenize-query.ts';

export interface ParseQueryOptions {
  /**
   * Never throw: read a half-typed or faulty query the closest sensible way (an unclosed
   * quote runs to the end, a stray parenthesis or operator is dropped, an unknown field is
   * plain text). The dashboard's keyword box filters while someone types; alerts are strict.
   */
  lenient?: boolean;
}

/**
 * Reads a query in the syntax analysts know from Google Alerts and media monitoring:
 * words and "exact phrases" (all must occur), OR between alternatives, NOT or a leading -
 * to exclude, parentheses, and field terms country:FR company:meta topic:child-safety
 * source:reuters lang:fr. As in Google, OR binds tighter than AND, so
 * `"age verification" UK OR Australia` means "age verification" AND (UK OR Australia).
 * Throws QuerySyntaxError, with the offsets of the fault, unless `lenient`.
 */
export function parseQuery(query: string, options: ParseQueryOptions = {}): QueryNode {
  return new QueryParser(query, options.lenient ?? false).parse();
}

/** The syntax error of a query, or null when it reads: for editors that show errors as one types. */
export function checkQuery(query: string): QuerySyntaxError | null {
  try {
    parseQuery(query);
    return null;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
}

const OPERATOR_NAMES = { and: 'AND', or: 'OR', not: 'NOT', minus: '-' } as const;

class QueryParser {
  readonly #tokens: QueryToken[];
  #at = 0;

  constructor(
    readonly query: string,
    readonly lenient: boolean,
  ) {
    this.#tokens = tokenizeQuery(query, { lenient });
  }

  parse(): QueryNode {
    const node = this.#sequence(0);
    return node ?? { kind: 'and', operands: [] };
  }

  #peek(offset = 0): QueryToken | undefined {
    return this.#tokens[this.#at + offset];
  }

  /** Throws in strict mode; in lenient mode the caller goes on as if the fault were not there. */
  #fault(detail: string, start: number, end?: number): void {
    if (!this.lenient) throw new QuerySyntaxError(detail, this.query, start, end);
  }

  /** Terms one after another (implicit AND) or joined by AND, up to a `)` or the end. */
  #sequence(depth: number): QueryNode | null {
    const operands: QueryNode[] = [];
    for (;;) {
      const token = this.#peek();
      if (!token) break;
      if (token.type === 'close') {
        if (depth > 0) break;
        this.#fault('this closing parenthesis has no opening one', token.start, token.end);
        this.#at += 1;
        continue;
      }
      if (token.type === 'and') {
        const next = this.#peek(1);
        if (operands.length === 0) this.#fault('AND needs a term before it', token.start, token.end);
        else if (!next || next.type === 'close' || next.type === 'and' || next.type === 'or') {
          this.#fault('AND needs a term after it', token.start, token.end);
        }
        this.#at += 1;
        continue;
      }
      if (token.type === 'or') {
        this.#fault('OR needs a term before it', token.start, token.end);
        this.#at += 1;
        continue;
      }
      const node = this.#alternatives();
      if (node) operands.push(node);
    }
    if (operands.length === 0) return null;
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  /** Terms joined by OR. */
  #alternatives(): QueryNode | null {
    const operands: QueryNode[] = [];
    const first = this.#unary();
    if (first) operands.push(first);
    for (let token = this.#peek(); token?.type === 'or'; token = this.#peek()) {
      this.#at += 1;
      const next = this.#peek();
      if (!next || next.type === 'close' || next.type === 'or' || next.type === 'and') {
        this.#fault('OR needs a term after it', token.start, token.end);
        continue;
      }
      const node = this.#unary();
      if (node) operands.push(node);
    }
    if (operands.length === 0) return null;
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  #unary(): QueryNode | null {
    const token = this.#peek();
    if (token?.type === 'not' || token?.type === 'minus') {
      this.#at += 1;
      const next = this.#peek();
      if (!next || next.type === 'close' || next.type === 'and' || next.type === 'or') {
        this.#fault(`${OPERATOR_NAMES[token.type]} needs a term after it`, token.start, token.end);
        return null;
      }
      const operand = this.#unary();
      return operand ? { kind: 'not', operand } : null;
    }
    return this.#primary();
  }

  #primary(): QueryNode | null {
    const token = this.#peek();
    if (!token) return null;
    this.#at += 1;
    switch (token.type) {
      case 'open': {
        const inner = this.#sequence(1);
        if (this.#peek()?.type === 'close') this.#at += 1;
        else this.#fault('this parenthesis is never closed: add a ) after the group', token.start, token.end);
        if (!inner) this.#fault('these parentheses are empty', token.start, this.#peek(-1)?.end ?? token.end);
        return inner;
      }
      case 'word':
        return this.#text(token.text, false);
      case 'phrase': {
        const term = this.#text(token.text, true);
        if (!term) {
          const empty = token.text.trim() === '';
          this.#fault(empty ? 'this phrase is empty' : 'this phrase has no letters or digits to search for', token.start, token.end);
        }
        return term;
      }
      case 'field':
        return this.#field(token);
      default:
        // AND/OR/NOT where a term should be: the callers have reported it
        return null;
    }
  }

  #text(text: string, phrase: boolean): TextTerm | null {
    const words = searchWords(text);
    // a lone "-" or "&" has nothing to search for and is dropped
    return words.length ? { kind: 'text', text, words, phrase } : null;
  }

  #field(token: Extract<QueryToken, { type: 'field' }>): QueryNode | null {
    const field = fieldNamed(token.name);
    const raw = this.query.slice(token.start, token.end);
    if (!field) {
      this.#fault(
        `unknown field "${token.name}:": the fields are country, company, topic, source and lang; put the term in quotes to search for it as text`,
        token.start,
        token.start + token.name.length + 1,
      );
      return this.#text(raw, token.quoted);
    }
    if (token.value.trim() === '') {
      this.#fault(`${token.name}: needs a value, as in ${exampleOf(field)}`, token.start, token.end);
      return this.#text(token.name, false);
    }
    try {
      return { kind: 'field', field, value: resolveFieldValue(field, token.value) };
    } catch (error) {
      if (!(error instanceof UnknownFieldValueError)) throw error;
      this.#fault(error.message, token.valueStart, token.quoted ? token.end - 1 : token.end);
      return { kind: 'field', field, value: looseValue(field, token.value) };
    }
  }
}

const EXAMPLES: Record<QueryField, string> = {
  country: 'country:FR',
  company: 'company:meta',
  topic: 'topic:child-safety',
  source: 'source:reuters',
  folder: 'folder:regulators',
  lang: 'lang:fr',
  is: 'is:policy',
};
const exampleOf = (field: QueryField) => EXAMPLES[field];

/** What a lenient read keeps of a value the taxonomy does not know. */
function looseValue(field: QueryField, value: string): string {
  if (field === 'country') return value.trim().toUpperCase();
  if (field === 'source' || field === 'folder') return value.trim();
  return value.trim().toLowerCase();
}
