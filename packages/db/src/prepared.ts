import type { RadarDb } from './database.ts';

const byDatabase = new WeakMap<RadarDb, Map<string, unknown>>();

/**
 * A statement built once per database and reused: drizzle otherwise builds the SQL text of
 * a query on every call, which costs more than the query itself for the small lookups a
 * poll makes. `build` gives the query; it is prepared under `name`, also the server-side
 * statement name, so PostgreSQL parses and plans it once per connection.
 * With `planEachTime`, the statement goes unnamed and is planned at each run, with its
 * values: for a query whose best plan changes as a table grows, which a plan kept since the
 * table was small would not follow.
 * @example const byId = prepared(db, 'feed_by_id', (d) => d.select().from(feeds).where(eq(feeds.id, sql.placeholder('id'))));
 */
export function prepared<T>(db: RadarDb, name: string, build: (db: RadarDb) => { prepare(name: string): T }, options: { planEachTime?: boolean } = {}): T {
  let statements = byDatabase.get(db);
  if (!statements) byDatabase.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) statements.set(name, (statement = build(db).prepare(options.planEachTime ? '' : name)));
  return statement;
}
