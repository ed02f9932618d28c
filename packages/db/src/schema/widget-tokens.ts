import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { StoryFilter } from '@radar/core';
import { timestamptz } from './columns.ts';

/**
 * A read-only token for embedded widgets: it may show only stories of its filter, and only
 * on pages of its origins. Only the token's SHA-256 is kept; the token is shown once.
 */
export const widgetTokens = pgTable(
  'widget_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** Exact origins (`https://intranet.example`) whose pages may show the widget. */
    origins: jsonb('origins').$type<string[]>().notNull(),
    filter: jsonb('filter').$type<StoryFilter>().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    revokedAt: timestamptz('revoked_at'),
  },
  (table) => [index('widget_tokens_created').on(table.createdAt.desc())],
);

export type WidgetTokenRow = typeof widgetTokens.$inferSelect;
