import type { QueryNode } from './query-ast.ts';
import { parseQuery } from './parse-query.ts';

const CACHE_SIZE = 500;
const cache = new Map<string, QueryNode>();

/**
 * The query tree of a filter's `q`, read leniently (a half-typed keyword box still filters)
 * and cached, because the fan-out matches every new story against every open filter.
 */
export function filterQuery(q: string): QueryNode {
  const hit = cache.get(q);
  if (hit) return hit;
  const node = parseQuery(q, { lenient: true });
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(q, node);
  return node;
}
