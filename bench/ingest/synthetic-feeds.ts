/**
 * Deterministic policy-news feeds for the ingest benchmark: RSS 2.0 documents of realistic
 * size (titles, HTML descriptions, dates, guids), different for every feed and item.
 */
const actors = ['European Commission', 'French interior minister', 'US Federal Trade Commission', "India's IT ministry", 'Brazil’s Supreme Court', 'UK Ofcom', 'German cartel office', 'Japan Fair Trade Commission', 'Australian eSafety Commissioner', 'Kenya’s communications authority'];
const actions = ['fines', 'opens an investigation into', 'orders', 'warns', 'sues', 'reaches a settlement with', 'blocks', 'questions'];
const companies = ['Meta', 'Google', 'TikTok', 'X', 'Apple', 'Amazon', 'Microsoft', 'Telegram', 'OpenAI', 'Snapchat'];
const subjects = ['over data transfers', 'over age verification', 'over illegal content', 'under the Digital Markets Act', 'over app store payments', 'over election disinformation', 'over encryption backdoors', 'over a data breach'];

export const feedHost = (index: number): string => `127.0.0.${(index % 250) + 1}`;

function pick<T>(list: T[], n: number): T {
  return list[n % list.length]!;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
}

export function syntheticFeed(feedIndex: number, items: number, baseUrl: string): string {
  const start = Date.UTC(2026, 10, 29, 12, 0, 0) - feedIndex * 60_000;
  const entries = Array.from({ length: items }, (_, i) => {
    const n = feedIndex * 7919 + i * 104_729;
    const title = `${pick(actors, n)} ${pick(actions, n >> 3)} ${pick(companies, n >> 5)} ${pick(subjects, n >> 7)} (${feedIndex}-${i})`;
    const body = `<p>${pick(actors, n >> 2)} said on ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][i % 5]} that ${pick(companies, n >> 4)} had failed to meet its obligations, and that the case could lead to fines of up to 6% of global turnover.</p><p>The company said it would <a href="https://news${feedIndex}.example/statement/${i}">respond in due course</a> and that it complies with the law in every market where it operates.</p>`;
    return `<item>
<title>${escapeXml(title)}</title>
<link>${baseUrl}/articles/${feedIndex}/${i}</link>
<guid isPermaLink="false">bench-${feedIndex}-${i}</guid>
<pubDate>${new Date(start - i * 3_600_000).toUTCString()}</pubDate>
<dc:creator>Desk ${i % 9}</dc:creator>
<category>Policy</category>
<description>${escapeXml(body)}</description>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Bench Wire ${feedIndex}</title>
<link>${baseUrl}/</link>
<description>Synthetic policy wire number ${feedIndex}</description>
<language>en</language>
${entries.join('\n')}
</channel>
</rss>
`;
}
