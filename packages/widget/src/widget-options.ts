import type { StoryFilter } from '@radar/core';

export type WidgetTheme = 'light' | 'dark' | 'auto';

/** What one <radar-stream> element asks for, read from its attributes. */
export interface WidgetOptions {
  filter: StoryFilter;
  limit: number;
  theme: WidgetTheme;
  compact: boolean;
  token: string | null;
  /** The Policy Radar server: the `api` attribute, else where widget.js came from. */
  api: string;
  /** The title over the list; null for one made from the filter. */
  heading: string | null;
}

/** Attributes the element reads; a change to any of them redraws it. */
export const WIDGET_ATTRIBUTES = ['countries', 'companies', 'topics', 'folder', 'q', 'limit', 'theme', 'compact', 'token', 'api', 'heading', 'relevant'] as const;

export const DEFAULT_LIMIT = 8;
export const MAX_LIMIT = 50;

type Attributes = { getAttribute(name: string): string | null; hasAttribute(name: string): boolean };

function idList(value: string | null, normalise: (id: string) => string): string[] {
  const ids = (value ?? '')
    .split(/[,\s]+/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0 && id.length <= 64)
    .map(normalise);
  return [...new Set(ids)].sort();
}

function readLimit(value: string | null): number {
  const limit = Number.parseInt(value ?? '', 10);
  return Number.isFinite(limit) ? Math.min(Math.max(limit, 1), MAX_LIMIT) : DEFAULT_LIMIT;
}

function readTheme(value: string | null): WidgetTheme {
  const theme = (value ?? '').trim().toLowerCase();
  return theme === 'light' || theme === 'dark' ? theme : 'auto';
}

/** Where the API lives: an absolute http(s) origin, else the fallback (widget.js's own origin). */
export function apiOrigin(value: string | null, fallback: string): string {
  for (const candidate of [value, fallback]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    } catch {
      // not a URL: try the next
    }
  }
  return fallback;
}

/**
 * Reads an element's attributes: `countries="FR,DE" companies="meta" topics="" q=""
 * limit="8" theme="auto" compact token="..."`, with the meaning of the API's filter.
 */
export function readWidgetOptions(element: Attributes, scriptOrigin: string): WidgetOptions {
  const relevant = element.getAttribute('relevant');
  const compact = element.getAttribute('compact');
  return {
    filter: {
      countries: idList(element.getAttribute('countries'), (id) => id.toUpperCase()),
      companies: idList(element.getAttribute('companies'), (id) => id.toLowerCase()),
      topics: idList(element.getAttribute('topics'), (id) => id.toLowerCase()),
      // a folder's name may hold a comma: one folder per widget, by its `folder` attribute
      folders: element.getAttribute('folder')?.trim() ? [element.getAttribute('folder')!.trim().slice(0, 100)] : [],
      feeds: [],
      ids: [],
      q: (element.getAttribute('q') ?? '').trim().slice(0, 500),
      relevantOnly: relevant !== null && relevant !== 'false' && relevant !== '0',
    },
    limit: readLimit(element.getAttribute('limit')),
    theme: readTheme(element.getAttribute('theme')),
    compact: compact !== null && compact !== 'false',
    token: element.getAttribute('token')?.trim() || null,
    api: apiOrigin(element.getAttribute('api'), scriptOrigin),
    heading: element.hasAttribute('heading') ? (element.getAttribute('heading') ?? '').trim() : null,
  };
}

/** The query string of /api/stories for these options (the same parameters as the dashboard's). */
export function storiesQuery(options: WidgetOptions): URLSearchParams {
  const params = new URLSearchParams();
  const { filter } = options;
  if (filter.countries.length) params.set('country', filter.countries.join(','));
  if (filter.companies.length) params.set('company', filter.companies.join(','));
  if (filter.topics.length) params.set('topic', filter.topics.join(','));
  for (const folder of filter.folders) params.append('folder', folder);
  if (filter.q) params.set('q', filter.q);
  if (filter.relevantOnly) params.set('relevant', '1');
  params.set('limit', String(options.limit));
  if (options.token) params.set('token', options.token);
  return params;
}
