import { asc, eq, sql } from 'drizzle-orm';
import type { TeamView } from '@radar/core';
import type { RadarDb } from './database.ts';
import { newStoryId as newTeamViewId } from './ids.ts';
import { teamViews, type TeamViewRow } from './schema/team-views.ts';

export function toTeamView(row: TeamViewRow): TeamView {
  return { id: row.id, name: row.name, search: row.search, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** The team's views, by name. */
export async function listTeamViews(db: RadarDb): Promise<TeamView[]> {
  const rows = await db.select().from(teamViews).orderBy(asc(sql`lower(${teamViews.name})`), asc(teamViews.name));
  return rows.map(toTeamView);
}

/** Saves a view for the team; a view of the same name is replaced (`created: false`), keeping its id. */
export async function saveTeamView(db: RadarDb, view: { name: string; search: string }): Promise<{ view: TeamView; created: boolean }> {
  const [row] = await db
    .insert(teamViews)
    .values({ id: newTeamViewId(), name: view.name, search: view.search })
    .onConflictDoUpdate({ target: teamViews.name, set: { search: view.search, updatedAt: sql`now()` } })
    .returning({
      id: teamViews.id,
      name: teamViews.name,
      search: teamViews.search,
      createdAt: teamViews.createdAt,
      updatedAt: teamViews.updatedAt,
      // a row the insert wrote, not one it updated
      created: sql<boolean>`(xmax = 0)`,
    });
  const { created, ...stored } = row!;
  return { view: toTeamView(stored), created: Boolean(created) };
}

export async function deleteTeamView(db: RadarDb, id: string): Promise<boolean> {
  const rows = await db.delete(teamViews).where(eq(teamViews.id, id)).returning({ id: teamViews.id });
  return rows.length > 0;
}
