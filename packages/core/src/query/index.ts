// The query language shared by alerts, the dashboard's keyword box and the stories API.
export {
  QUERY_FIELDS,
  MATCH_ALL,
  isMatchAll,
  normalizeQuery,
  type QueryField,
  type QueryNode,
  type TextTerm,
  type FieldTerm,
  type NotNode,
  type AndNode,
  type OrNode,
} from './query-ast.ts';
export { QuerySyntaxError } from './query-syntax-error.ts';
export { tokenizeQuery, type QueryToken } from './tokenize-query.ts';
export { parseQuery, checkQuery, type ParseQueryOptions } from './parse-query.ts';
export { printQuery } from './print-query.ts';
export { matchesQuery, prepareStory, type PreparedStory, type QueryableStory } from './match-query.ts';
export { countByFolder, folderKey, searchWords } from './search-words.ts';
export { resolveFieldValue, UnknownFieldValueError } from './field-values.ts';
export { filterQuery } from './filter-query.ts';
export { hasRequiredTerm } from './required-terms.ts';
export { asksForPinned, withPinnedTerm } from './pinned-term.ts';
