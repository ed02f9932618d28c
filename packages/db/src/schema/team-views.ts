import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/**
 * A dashboard view shared with everyone who opens this installation: a name and the
 * dashboard's query string (`?country=FR&topic=privacy-data-protection&range=7d`).
 * Names are unique: saving under a name again replaces its view.
 */
export const teamViews = pgTable('team_views', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  search: text('search').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

export type TeamViewRow = typeof teamViews.$inferSelect;
