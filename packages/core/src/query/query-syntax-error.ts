/**
 * A query that cannot be read, with where: `start` and `end` are offsets into the query
 * (UTF-16, end exclusive) so an editor can underline the part that is wrong.
 */
export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';

  constructor(
    /** What is wrong, in words an analyst can act on. */
    readonly detail: string,
    readonly query: string,
    readonly start: number,
    readonly end: number = start + 1,
  ) {
    super(`${detail} (at character ${start + 1})`);
  }

  /** The query with a caret line under the wrong part, for terminals and logs. */
  pointer(): string {
    const width = Math.max(1, Math.min(this.end, this.query.length) - this.start);
    return `${this.query}\n${' '.repeat(this.start)}${'^'.repeat(width)}`;
  }

  toJSON(): { error: string; position: { start: number; end: number } } {
    return { error: this.message, position: { start: this.start, end: this.end } };
  }
}
