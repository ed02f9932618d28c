import { decodeHTML } from 'entities';
import { repairMojibake } from './repair-mojibake.ts';

// Elements whose content is never readable text: dropping only their tags would leak code.
const HIDDEN_ELEMENT = /<(script|style|noscript|template|iframe|object)\b(?:"[^"]*"|'[^']*'|[^'">])*>[\s\S]*?<\/\1\s*>/gi;
const MAY_HIDE = /<(?:script|style|noscript|template|iframe|object)/i;
const UNCLOSED_HIDDEN = /<(script|style)\b[\s\S]*$/i;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
// Block-level tags separate words; inline tags (b, a, span...) do not.
const BLOCK_TAG =
  /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|thead|tbody|section|article|header|footer|aside|nav|figure|figcaption|address|main|center)\b(?:"[^"]*"|'[^']*'|[^'">])*>/gi;
const TAG = /<\/?[a-zA-Z][\w:.-]*(?:"[^"]*"|'[^']*'|[^'">])*>|<![a-zA-Z][^>]*>|<\?[\s\S]*?\?>/g;
// a tag whose attribute quoting is broken (<a href=x">) still ends at the next '>'
const BROKEN_TAG = /<\/?[a-zA-Z][^<>]*>/g;
const WHITESPACE = /\s+/g;

/** Collapses runs of whitespace and trims; empty text becomes null. */
export function plainText(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const collapsed = repairMojibake(text).replace(WHITESPACE, ' ').trim();
  return collapsed || null;
}

/**
 * Turns an HTML fragment into plain text: scripts, styles and comments dropped, tags
 * removed, entities decoded, whitespace collapsed.
 * @example htmlToPlainText('<p>AT&amp;T <script>x()</script>wins</p>') // 'AT&T wins'
 */
export function htmlToPlainText(html: string | null | undefined): string | null {
  if (typeof html !== 'string') return null;
  let text = html;
  if (text.includes('<')) {
    if (text.includes('<!')) {
      text = text
        .replace(CDATA, (_, inner: string) => inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
        .replace(COMMENT, '');
    }
    if (MAY_HIDE.test(text)) text = text.replace(HIDDEN_ELEMENT, ' ').replace(UNCLOSED_HIDDEN, ' ');
    text = text
      .replace(BLOCK_TAG, ' ')
      .replace(TAG, '')
      .replace(BROKEN_TAG, '');
  }
  if (text.includes('&')) text = decodeHTML(text);
  return plainText(text);
}

// Tags of HTML that a publisher would put in a title or description, as opposed to
// a literal "<" in text such as "x < y".
const LOOKS_LIKE_HTML = /<\/?(?:a|abbr|acronym|address|b|big|blockquote|br|cite|code|dd|del|dfn|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|ol|p|pre|q|s|samp|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul|var|script|style|iframe|object|embed)\b[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Whether text declared as plain nonetheless carries HTML markup or entities (common in RSS). */
export function looksLikeHtml(text: string): boolean {
  return LOOKS_LIKE_HTML.test(text);
}
