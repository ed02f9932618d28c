import type { QueryNode } from './query-ast.ts';

/**
 * True when a story must contain at least one word, phrase or tag for the query to match.
 * A query made only of exclusions (`-earnings`) matches nearly every story: it cannot be
 * indexed, and as an alert it would fire on everything.
 */
export function hasRequiredTerm(node: QueryNode): boolean {
  switch (node.kind) {
    case 'text':
    case 'field':
      return true;
    case 'not':
      return false;
    case 'and':
      return node.operands.some(hasRequiredTerm);
    case 'or':
      return node.operands.length > 0 && node.operands.every(hasRequiredTerm);
  }
}
