import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { StoryFilterSchema, type StoryFilter } from '@radar/core';
import type { RadarDb } from './database.ts';
import { newStoryId as newWidgetTokenId } from './ids.ts';
import { widgetTokens, type WidgetTokenRow } from './schema/widget-tokens.ts';

/** The public shape of a widget token: never the token itself, which is shown once. */
export interface WidgetToken {
  id: string;
  name: string;
  origins: string[];
  filter: StoryFilter;
  createdAt: string;
}

export interface NewWidgetToken {
  name: string;
  origins: string[];
  filter: StoryFilter;
}

// A prefix makes a leaked token easy to recognise in logs and secret scanners.
const TOKEN_PREFIX = 'rw_';

/** The stored form of a token: a leaked table gives no usable token. */
export const hashWidgetToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A token row as read, its filter complete: a filter stored before a field existed (folders)
 * reads with that field's default, so it allows what it allowed before.
 */
const withFullFilter = (row: WidgetTokenRow): WidgetTokenRow => ({ ...row, filter: StoryFilterSchema.parse(row.filter) });

export function toWidgetToken(row: WidgetTokenRow): WidgetToken {
  return { id: row.id, name: row.name, origins: row.origins, filter: row.filter, createdAt: row.createdAt.toISOString() };
}

/** Creates a token and returns it with its row; the token is never readable again. */
export async function createWidgetToken(db: RadarDb, input: NewWidgetToken): Promise<{ token: string; row: WidgetTokenRow }> {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(widgetTokens)
    .values({ id: newWidgetTokenId(), name: input.name, origins: input.origins, filter: input.filter, tokenHash: hashWidgetToken(token) })
    .returning();
  return { token, row: withFullFilter(row!) };
}

/** Tokens not revoked, newest first. */
export async function listWidgetTokens(db: RadarDb): Promise<WidgetTokenRow[]> {
  const rows = await db.select().from(widgetTokens).where(isNull(widgetTokens.revokedAt)).orderBy(desc(widgetTokens.createdAt), desc(widgetTokens.id));
  return rows.map(withFullFilter);
}

/** The live token a widget presents, or null when it is unknown or revoked. */
export async function findWidgetToken(db: RadarDb, token: string): Promise<WidgetTokenRow | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select()
    .from(widgetTokens)
    .where(and(eq(widgetTokens.tokenHash, hashWidgetToken(token)), isNull(widgetTokens.revokedAt)))
    .limit(1);
  return row ? withFullFilter(row) : null;
}

/** Revokes a token at once; false when there is no live token with that id. */
export async function revokeWidgetToken(db: RadarDb, id: string): Promise<boolean> {
  const revoked = await db
    .update(widgetTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(widgetTokens.id, id), isNull(widgetTokens.revokedAt)))
    .returning({ id: widgetTokens.id });
  return revoked.length > 0;
}
