import { baseOf } from './feed-urls.ts';
import { htmlToPlainText, looksLikeHtml, plainText } from './plain-text.ts';
import { attributeOf, hasElements, innerMarkupOf, textOf, type XmlNode } from './xml-node.ts';

// What a text-bearing element holds, once its declared or guessed type is known: plain
// text or HTML, and the base URL its relative links resolve against. Title, summary and
// author become plain text from it; content becomes sanitised HTML (adapted-feed.ts).

export interface FeedText {
  kind: 'text' | 'html';
  value: string;
  base: string | null;
}

function markupOf(node: XmlNode): string {
  return hasElements(node) ? innerMarkupOf(node) : textOf(node);
}

/** Atom's type="xhtml" content sits in one wrapping <div>, which is not part of it. */
function unwrapXhtmlDiv(markup: string): string {
  const trimmed = markup.trim();
  const match = /^<(?:[\w.-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?div\s*>$/.exec(trimmed);
  if (!match) return trimmed;
  const inner = match[1]!;
  // only when that div is one element, not two siblings "<div>a</div><div>b</div>"
  const opens = (inner.match(/<(?:[\w.-]+:)?div\b/g) ?? []).length;
  const closes = (inner.match(/<\/(?:[\w.-]+:)?div\s*>/g) ?? []).length;
  return opens === closes ? inner : trimmed;
}

function decodeBase64(value: string): string {
  return Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/**
 * An RSS element's text: HTML when it carries markup or entities, else plain text
 * (RSS declares no type, and publishers escape HTML into titles and descriptions).
 */
export function rssText(node: XmlNode | undefined, parentBase: string | null, alwaysHtml = false): FeedText | null {
  if (node === undefined) return null;
  const value = markupOf(node);
  if (!value.trim()) return null;
  const base = baseOf(node, parentBase);
  const html = alwaysHtml || hasElements(node) || looksLikeHtml(value);
  return { kind: html ? 'html' : 'text', value, base };
}

/** An Atom 1.0 or 0.3 text construct, read by its type and (0.3) mode attributes. */
export function atomText(node: XmlNode | undefined, parentBase: string | null): FeedText | null {
  if (node === undefined) return null;
  const base = baseOf(node, parentBase);
  const type = (attributeOf(node, 'type') ?? 'text').trim().toLowerCase();
  const mode = attributeOf(node, 'mode')?.trim().toLowerCase();
  let value = markupOf(node);
  if (mode === 'base64') value = decodeBase64(value);
  if (!value.trim()) return null;
  if (type === 'xhtml' || type === 'application/xhtml+xml') return { kind: 'html', value: unwrapXhtmlDiv(value), base };
  if (type === 'html' || type.endsWith('/html') || hasElements(node)) return { kind: 'html', value, base };
  return { kind: 'text', value, base };
}

export function asPlainText(text: FeedText | null): string | null {
  if (!text) return null;
  return text.kind === 'html' ? htmlToPlainText(text.value) : plainText(text.value);
}

const SUMMARY_LENGTH = 600;

/** A summary made from content when the feed gives none: its first words, cut at a word. */
export function summaryFromContent(text: FeedText | null): string | null {
  const plain = asPlainText(text);
  if (!plain || plain.length <= SUMMARY_LENGTH) return plain;
  const cut = plain.slice(0, SUMMARY_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > SUMMARY_LENGTH / 2 ? lastSpace : SUMMARY_LENGTH)}…`;
}
