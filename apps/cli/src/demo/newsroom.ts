import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NewsItem {
  title: string;
  summary: string;
  /** Defaults to an article page on the newsroom itself. */
  link?: string;
  guid?: string;
  publishedAt?: Date;
  author?: string;
}

export interface Outlet {
  slug: string;
  title: string;
  format: 'rss' | 'atom';
  language: string;
  /** A WebSub hub the feed announces. */
  hubUrl?: string;
}

interface StoredItem extends Required<Omit<NewsItem, 'author'>> {
  author?: string;
}

interface OutletState extends Outlet {
  items: StoredItem[];
  changedAt: Date;
}

export interface RawResponse {
  status: number;
  body: string;
  contentType?: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/**
 * A local newsroom: publishes stories to RSS and Atom feeds over HTTP, with ETag and
 * Last-Modified so conditional GET answers 304. It backs `pnpm demo` and the tests.
 */
export class Newsroom {
  readonly #outlets = new Map<string, OutletState>();
  readonly #raw = new Map<string, RawResponse>();
  readonly requests: { path: string; status: number }[] = [];
  #server: Server | null = null;
  #counter = 0;
  baseUrl = '';

  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    this.#server = createServer((req, res) => this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(port, host, resolve));
    this.baseUrl = `http://${host}:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  addOutlet(outlet: Outlet): string {
    this.#outlets.set(outlet.slug, { ...outlet, items: [], changedAt: new Date() });
    return this.feedUrl(outlet.slug);
  }

  feedUrl(slug: string): string {
    return `${this.baseUrl}/feeds/${slug}.xml`;
  }

  /** The feed document as it stands now (what a WebSub hub would push). */
  render(slug: string): string {
    const outlet = this.#outlets.get(slug);
    if (!outlet) throw new Error(`no outlet ${slug}`);
    return outlet.format === 'atom' ? renderAtom(outlet, this.baseUrl) : renderRss(outlet, this.baseUrl);
  }

  /** Serves a fixed answer at a path (for feeds that are broken on purpose). */
  respond(path: string, response: RawResponse): string {
    this.#raw.set(path, response);
    return `${this.baseUrl}${path}`;
  }

  publish(slug: string, item: NewsItem): StoredItem {
    const outlet = this.#outlets.get(slug);
    if (!outlet) throw new Error(`no outlet ${slug}`);
    const n = ++this.#counter;
    const stored: StoredItem = {
      title: item.title,
      summary: item.summary,
      link: item.link ?? `${this.baseUrl}/articles/${slug}/${n}`,
      guid: item.guid ?? `${this.baseUrl}/articles/${slug}/${n}`,
      publishedAt: item.publishedAt ?? new Date(),
      ...(item.author ? { author: item.author } : {}),
    };
    outlet.items.unshift(stored);
    outlet.items.length = Math.min(outlet.items.length, 50);
    // HTTP dates have whole seconds; a publish always moves Last-Modified forward
    outlet.changedAt = new Date(Math.max(Date.now(), outlet.changedAt.getTime() + 1000));
    return stored;
  }

  async close(): Promise<void> {
    if (!this.#server) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
    this.#server = null;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      this.requests.push({ path, status });
      res.writeHead(status, headers).end(body);
    };
    const raw = this.#raw.get(path);
    if (raw) return send(raw.status, raw.body, { 'content-type': raw.contentType ?? 'text/plain' });

    const feed = /^\/feeds\/([\w-]+)\.xml$/.exec(path);
    const outlet = feed ? this.#outlets.get(feed[1]!) : undefined;
    if (outlet) {
      const body = this.render(outlet.slug);
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const lastModified = outlet.changedAt.toUTCString();
      const since = Date.parse(req.headers['if-modified-since'] ?? '');
      const fresh = req.headers['if-none-match']
        ? req.headers['if-none-match'] === etag
        : !Number.isNaN(since) && Math.floor(outlet.changedAt.getTime() / 1000) <= Math.floor(since / 1000);
      if (fresh) return send(304, '', { etag, 'last-modified': lastModified });
      const type = outlet.format === 'atom' ? 'application/atom+xml' : 'application/rss+xml';
      return send(200, body, { 'content-type': `${type}; charset=utf-8`, etag, 'last-modified': lastModified });
    }

    // an outlet's home page names its feed in its head, as publishers' sites do
    const home = /^\/([\w-]+)$/.exec(path);
    const site = home ? this.#outlets.get(home[1]!) : undefined;
    if (site) {
      const type = site.format === 'atom' ? 'application/atom+xml' : 'application/rss+xml';
      const headlines = site.items.map((i) => `<li><a href="${escapeXml(i.link)}">${escapeXml(i.title)}</a></li>`).join('');
      const html = `<!doctype html><html lang="${site.language}"><head><meta charset="utf-8"><title>${escapeXml(site.title)}</title><link rel="alternate" type="${type}" title="${escapeXml(site.title)}" href="/feeds/${site.slug}.xml"></head><body><h1>${escapeXml(site.title)}</h1><ul>${headlines}</ul></body></html>`;
      return send(200, html, { 'content-type': 'text/html; charset=utf-8' });
    }

    const article = /^\/articles\/([\w-]+)\/(\d+)$/.exec(path);
    const item = article
      ? this.#outlets.get(article[1]!)?.items.find((i) => i.link.endsWith(`/${article[1]}/${article[2]}`))
      : undefined;
    if (item) {
      const html = `<!doctype html><meta charset="utf-8"><title>${escapeXml(item.title)}</title><article><h1>${escapeXml(item.title)}</h1><p>${escapeXml(item.summary)}</p></article>`;
      return send(200, html, { 'content-type': 'text/html; charset=utf-8' });
    }
    send(404, 'not found');
  }
}

function hubLinks(outlet: OutletState, baseUrl: string): string {
  if (!outlet.hubUrl) return '';
  return `\n<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="hub" href="${escapeXml(outlet.hubUrl)}"/>\n<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" href="${baseUrl}/feeds/${outlet.slug}.xml"/>`;
}

function renderRss(outlet: OutletState, baseUrl: string): string {
  const items = outlet.items
    .map(
      (item) => `<item>
  <title>${escapeXml(item.title)}</title>
  <link>${escapeXml(item.link)}</link>
  <guid isPermaLink="true">${escapeXml(item.guid)}</guid>
  <pubDate>${item.publishedAt.toUTCString()}</pubDate>
  <description>${escapeXml(item.summary)}</description>${item.author ? `\n  <author>${escapeXml(item.author)}</author>` : ''}
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>${escapeXml(outlet.title)}</title>
<link>${baseUrl}/${outlet.slug}</link>
<description>${escapeXml(outlet.title)} (local newsroom)</description>
<language>${outlet.language}</language>
<lastBuildDate>${outlet.changedAt.toUTCString()}</lastBuildDate>${hubLinks(outlet, baseUrl)}
${items}
</channel>
</rss>
`;
}

function renderAtom(outlet: OutletState, baseUrl: string): string {
  const entries = outlet.items
    .map(
      (item) => `<entry>
  <title>${escapeXml(item.title)}</title>
  <link rel="alternate" href="${escapeXml(item.link)}"/>
  <id>${escapeXml(item.guid)}</id>
  <published>${item.publishedAt.toISOString()}</published>
  <updated>${item.publishedAt.toISOString()}</updated>
  <summary>${escapeXml(item.summary)}</summary>${item.author ? `\n  <author><name>${escapeXml(item.author)}</name></author>` : ''}
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${outlet.language}">
<title>${escapeXml(outlet.title)}</title>
<link rel="alternate" href="${baseUrl}/${outlet.slug}"/>
<id>${baseUrl}/feeds/${outlet.slug}.xml</id>${hubLinks(outlet, baseUrl)}
<updated>${outlet.changedAt.toISOString()}</updated>
${entries}
</feed>
`;
}
