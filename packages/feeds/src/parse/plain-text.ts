import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { repairMojibake } from './repair-mojibake.ts';

// Elements whose content is never readable text: dropping only their tags would leak code.
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object']);
// Block-level elements separate words; inline ones (b, a, span...) do not.
const BLOCK_ELEMENTS = new Set(
  'p div br hr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tr td th thead tbody section article header footer aside nav figure figcaption address main center'.split(' '),
);
const WHITESPACE = /\s+/g;

/** Collapses runs of whitespace and trims; empty text becomes null. */
export function plainText(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const collapsed = repairMojibake(text).replace(WHITESPACE, ' ').trim();
  return collapsed || null;
}

/** More tags than any article a publisher writes (the corpus's longest has 624). */
const MAX_TAGS = 2_000;
const TAG_START = /<[a-zA-Z/!?]/g;
export const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const SIMPLE_TAG = /<[^<>]*>/g;

/**
 * Whether `html` holds more tags than any article: markup made to cost (an HTML parser
 * keeps its open elements in an array it shifts at every tag, so 100,000 unclosed "<b>"
 * take seconds), which is read the cheap way instead.
 */
export function isMarkupFlood(html: string): boolean {
  TAG_START.lastIndex = 0;
  let count = 0;
  while (TAG_START.exec(html)) if (++count > MAX_TAGS) return true;
  return false;
}

const HIDDEN_START = /<(script|style|noscript|template|iframe|object)\b/gi;
const NOT_A_DECLARATION = /<!(?!--|\[CDATA\[|[a-zA-Z])/g;

/**
 * `html` without its scripts, styles and the like, wherever they start (after a broken tag
 * too: "<a <script>…" is code, not text), each up to its end tag; an unclosed script or
 * style takes the rest. One pass: every end is found with indexOf.
 */
export function withoutHiddenElements(html: string): string {
  HIDDEN_START.lastIndex = 0;
  if (!HIDDEN_START.test(html)) return html;
  const lower = html.toLowerCase();
  // elements with no end tag further on: not searched for again (thousands of unclosed
  // "<iframe" would otherwise each search to the end)
  const unclosed = new Set<string>();
  let kept = '';
  let from = 0;
  HIDDEN_START.lastIndex = 0;
  for (let start = HIDDEN_START.exec(html); start; start = HIDDEN_START.exec(html)) {
    const name = start[1]!.toLowerCase();
    let end = -1;
    const first = unclosed.has(name) ? -1 : lower.indexOf(`</${name}`, HIDDEN_START.lastIndex);
    if (first < 0) unclosed.add(name);
    for (let close = first; close >= 0; close = lower.indexOf(`</${name}`, close + 2)) {
      const after = lower.charAt(close + name.length + 2);
      if (after === '>' || after === '' || /\s/.test(after)) {
        const bracket = lower.indexOf('>', close);
        end = bracket < 0 ? html.length : bracket + 1;
        break;
      }
    }
    kept += `${html.slice(from, start.index)} `;
    if (end < 0) {
      // unclosed: the rest of a script or style is code; another element loses its tag only
      if (name === 'script' || name === 'style') return kept;
      end = HIDDEN_START.lastIndex;
    }
    from = HIDDEN_START.lastIndex = end;
  }
  return kept + html.slice(from);
}

/**
 * Turns an HTML fragment into plain text: scripts, styles and comments dropped, tags
 * removed, entities decoded, whitespace collapsed. htmlparser2's tokenizer reads it in one
 * pass, however broken (a feed's text is untrusted: patterns that look for a tag's end
 * took quadratic time on a "<" without its ">"); a "<" with no ">" after it is text.
 * @example htmlToPlainText('<p>AT&amp;T <script>x()</script>wins</p>') // 'AT&T wins'
 */
export function htmlToPlainText(html: string | null | undefined): string | null {
  if (typeof html !== 'string') return null;
  if (!html.includes('<')) return plainText(html.includes('&') ? decodeHTML(html) : html);
  // "<!" starts a declaration or a comment only as "<!x", "<!--" or "<![CDATA[": "<!'" is text
  const markup = withoutHiddenElements(html).replace(NOT_A_DECLARATION, '&lt;!');
  if (isMarkupFlood(markup)) return plainText(decodeHTML(markup.replace(COMMENT, ' ').replace(SIMPLE_TAG, ' ')));
  // what follows the last ">" from its first "<" on cannot be a tag: "x < y", "<!DOCTYPE"
  const tail = markup.indexOf('<', markup.lastIndexOf('>') + 1);
  const parts: string[] = [];
  let hidden = 0;
  new Parser(
    {
      onopentagname(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden += 1;
        else if (BLOCK_ELEMENTS.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (HIDDEN_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK_ELEMENTS.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
    },
    { decodeEntities: true, recognizeCDATA: true },
  ).end(tail < 0 ? markup : markup.slice(0, tail));
  // an unclosed comment hides the rest
  if (tail >= 0 && hidden === 0 && !markup.startsWith('<!--', tail)) parts.push(decodeHTML(markup.slice(tail)));
  return plainText(parts.join(''));
}

// Tags of HTML that a publisher would put in a title or description, as opposed to
// a literal "<" in text such as "x < y".
// (a tag ends before the next "<": searching past it took quadratic time on many "<a" without ">")
const LOOKS_LIKE_HTML = /<\/?(?:a|abbr|acronym|address|b|big|blockquote|br|cite|code|dd|del|dfn|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|ol|p|pre|q|s|samp|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul|var|script|style|iframe|object|embed)\b[^<>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Whether text declared as plain nonetheless carries HTML markup or entities (common in RSS). */
export function looksLikeHtml(text: string): boolean {
  return LOOKS_LIKE_HTML.test(text);
}
