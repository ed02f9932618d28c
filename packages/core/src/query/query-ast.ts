import { searchWords } from './search-words.ts';

/**
 * The syntax tree of an alert or keyword query. It is plain data (JSON-safe) so the API,
 * the notifier, the SQL compiler in packages/db and the dashboard all read the same tree.
 */

/**
 * Fields a query can name: `country:FR`, `company:meta`, `topic:child-safety`, `source:reuters`,
 * `folder:regulators` (the folder its feed is kept in), `lang:fr`, and `is:policy` (a story
 * the detector judged to be about internet policy).
 */
export const QUERY_FIELDS = ['country', 'company', 'topic', 'source', 'folder', 'lang', 'is'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** A word or an "exact phrase": matches when its words occur next to each other, as whole words. */
export interface TextTerm {
  kind: 'text';
  /** As the user typed it, for printing. */
  text: string;
  /** The folded words it stands for (lower case, no accents): what is matched. */
  words: string[];
  /** Typed in quotes. A one-word phrase and a word mean the same; the printer keeps the quotes. */
  phrase: boolean;
}

/** A field term; `value` is canonical: a country code (FR), a company or topic id, a language tag, a source or folder name, `policy`. */
export interface FieldTerm {
  kind: 'field';
  field: QueryField;
  value: string;
}

export interface NotNode {
  kind: 'not';
  operand: QueryNode;
}

/** Every operand must match; no operands matches every story (the empty query). */
export interface AndNode {
  kind: 'and';
  operands: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  operands: QueryNode[];
}

export type QueryNode = TextTerm | FieldTerm | NotNode | AndNode | OrNode;

/** The query that matches every story. */
export const MATCH_ALL: AndNode = Object.freeze({ kind: 'and', operands: Object.freeze([]) as unknown as QueryNode[] });

/** True for the empty query, which every story matches. */
export const isMatchAll = (node: QueryNode): boolean => node.kind === 'and' && node.operands.length === 0;

/**
 * The tree reduced to what it means: nested ANDs and ORs flattened, one-operand groups
 * unwrapped, and terms reduced to their words (how a term was typed does not change what it matches).
 */
export function normalizeQuery(node: QueryNode): QueryNode {
  switch (node.kind) {
    case 'text':
      return { kind: 'text', text: node.words.join(' '), words: node.words, phrase: true };
    case 'field':
      return node.field === 'source' || node.field === 'folder' ? { ...node, value: searchWords(node.value).join(' ') } : node;
    case 'not':
      return { kind: 'not', operand: normalizeQuery(node.operand) };
    case 'and':
    case 'or': {
      const operands = node.operands
        .map(normalizeQuery)
        .flatMap((operand) => (operand.kind === node.kind ? (operand as AndNode | OrNode).operands : [operand]));
      if (operands.length === 1) return operands[0]!;
      return { kind: node.kind, operands };
    }
  }
}
