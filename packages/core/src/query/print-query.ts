import type { FieldTerm, QueryNode, TextTerm } from './query-ast.ts';

const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT']);

/** True when `text` would be read back as this one bare word. */
function readsAsBareWord(text: string): boolean {
  return (
    text !== '' &&
    !/[\s()"]/u.test(text) &&
    !text.startsWith('-') &&
    !OPERATOR_WORDS.has(text) &&
    !/^[A-Za-z]+:/.test(text)
  );
}

/** A value in quotes; quotes inside carry no letters or digits, so they are dropped. */
const quoted = (text: string) => `"${text.replaceAll('"', ' ').trim()}"`;

function printText(term: TextTerm): string {
  return !term.phrase && readsAsBareWord(term.text) ? term.text : quoted(term.text);
}

function printField(term: FieldTerm): string {
  const bare = readsAsBareWord(term.value) && !term.value.includes(':');
  return `${term.field}:${bare ? term.value : quoted(term.value)}`;
}

/**
 * Writes a query tree back as text that parses to the same tree: AND as juxtaposition,
 * ` OR `, NOT as a leading `-`, and parentheses only where precedence needs them
 * (OR binds tighter than AND, so only an AND inside an OR or a NOT gets them).
 * Example: printQuery(parseQuery('meta AND (eu OR "European Commission") NOT earnings'))
 * === 'meta eu OR "European Commission" -earnings'.
 */
export function printQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'text':
      return printText(node);
    case 'field':
      return printField(node);
    case 'not': {
      const operand = node.operand;
      const grouped = operand.kind === 'and' || operand.kind === 'or';
      return `-${grouped ? `(${printQuery(operand)})` : printQuery(operand)}`;
    }
    case 'and':
      return node.operands
        .map((operand) => (operand.kind === 'and' && operand.operands.length !== 1 ? `(${printQuery(operand)})` : printQuery(operand)))
        .join(' ');
    case 'or':
      return node.operands
        .map((operand) => (operand.kind === 'and' || operand.kind === 'or' ? `(${printQuery(operand)})` : printQuery(operand)))
        .join(' OR ');
  }
}
