/** How much of a failed query's text a log line keeps. */
const QUERY_SHOWN = 200;

/** An error's causes followed, at most: a cause chain is never longer in practice. */
const CAUSES_FOLLOWED = 4;

/**
 * What a log line says of an error: its message, then each cause's after a colon. A failed
 * database query is told by the start of its text and the database's reason, never by the
 * values it was given (stories' text, addresses, logins, sealed secrets), which the query
 * builder's own message lists in full.
 * @example errorText(failedInsert) // 'failed query: insert into "feeds" …: duplicate key value violates unique constraint "feeds_url_unique"'
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < CAUSES_FOLLOWED && current !== undefined && current !== null; depth++) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    parts.push(isFailedQuery(current) ? `failed query: ${clip(current.query)}` : current.message);
    current = current.cause;
  }
  return parts.join(': ');
}

/**
 * The error as errorText tells it, then the stack's frames: for failures nobody expected,
 * where the place in the code matters.
 */
export function errorReport(error: unknown): string {
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')) : [];
  return [errorText(error), ...frames].join('\n');
}

/** The query builder's error, whose message is "Failed query: <text>\nparams: <values>". */
function isFailedQuery(error: Error): error is Error & { query: string } {
  return typeof (error as { query?: unknown }).query === 'string' && error.message.startsWith('Failed query: ');
}

function clip(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > QUERY_SHOWN ? `${oneLine.slice(0, QUERY_SHOWN)}…` : oneLine;
}
