import { filterQuery, folderKey, isMatchAll, printQuery, type StoryFilter } from '@radar/core';
import { findWidgetToken, type RadarDb } from '@radar/db';
import { ApiError } from './api-error.ts';

/**
 * What an embedded widget may see: a token's filter and origins, or, when the instance
 * allows anonymous widgets, any filter from any site.
 */
export type WidgetAccess =
  | { kind: 'token'; tokenId: string; filter: StoryFilter; origins: string[] }
  | { kind: 'anonymous' };

export interface WidgetAccessRequest {
  /** The widget token the request carries, if any. */
  token: string | undefined;
  /** The browser's Origin header; absent on same-origin GETs and outside browsers. */
  origin: string | undefined;
  /** The Host header: a request whose Origin is this host comes from the server's own pages. */
  host: string | undefined;
}

export interface WidgetAccessOptions {
  db: RadarDb;
  allowAnonymousWidgets?: boolean;
}

/** True when the Origin names the server the request reached (the dashboard and /embed/stream). */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Decides what a request may see as a widget: null when it is no widget (no token, and
 * from the server's own pages or outside a browser), else the access; throws ApiError
 * 401 for an unknown or revoked token and 403 for an origin the token does not list.
 */
export async function resolveWidgetAccess(
  options: WidgetAccessOptions,
  request: WidgetAccessRequest,
): Promise<WidgetAccess | null> {
  const foreign = request.origin !== undefined && !isSameOrigin(request.origin, request.host);
  if (request.token) {
    const row = await findWidgetToken(options.db, request.token);
    if (!row) throw new ApiError(401, 'this widget token is unknown or was revoked');
    if (foreign && !row.origins.includes(request.origin!)) {
      throw new ApiError(403, `this widget token may not be used on pages of ${request.origin}`);
    }
    return { kind: 'token', tokenId: row.id, filter: row.filter, origins: row.origins };
  }
  if (!foreign) return null;
  if (options.allowAnonymousWidgets) return { kind: 'anonymous' };
  throw new ApiError(403, 'showing stories on another site needs a widget token (Policy Radar dashboard, Embed)');
}

function narrowIds(allowed: readonly string[], requested: readonly string[], key: (id: string) => string = (id) => id): string[] | null {
  if (allowed.length === 0) return [...requested];
  if (requested.length === 0) return [...allowed];
  const both = requested.filter((id) => allowed.some((other) => key(other) === key(id)));
  return both.length ? both : null;
}

/**
 * The requested filter kept within the allowed one: lists are intersected, keyword queries
 * must both match, relevance is kept if either asks for it. Null when nothing can match
 * both (e.g. the token allows FR and the widget asks for DE): a widget can narrow its
 * token's filter, never widen it.
 */
export function narrowFilter(allowed: StoryFilter, requested: StoryFilter): StoryFilter | null {
  const countries = narrowIds(allowed.countries, requested.countries);
  const companies = narrowIds(allowed.companies, requested.companies);
  const topics = narrowIds(allowed.topics, requested.topics);
  const folders = narrowIds(allowed.folders, requested.folders, folderKey);
  const feeds = narrowIds(allowed.feeds, requested.feeds);
  const ids = narrowIds(allowed.ids, requested.ids);
  if (!countries || !companies || !topics || !folders || !feeds || !ids) return null;
  // the two queries are combined as trees and printed back, never as concatenated text,
  // so a request's stray parenthesis cannot escape the token's query
  const [mine, theirs] = [filterQuery(allowed.q), filterQuery(requested.q)];
  const q = isMatchAll(theirs) ? allowed.q : isMatchAll(mine) ? requested.q : printQuery({ kind: 'and', operands: [mine, theirs] });
  return { countries, companies, topics, folders, feeds, ids, q, relevantOnly: allowed.relevantOnly || requested.relevantOnly };
}

/** The filter a widget request is served with: its own, or narrowed within its token's; null when nothing can match. */
export function widgetFilter(access: WidgetAccess | null, requested: StoryFilter): StoryFilter | null {
  return access?.kind === 'token' ? narrowFilter(access.filter, requested) : requested;
}
