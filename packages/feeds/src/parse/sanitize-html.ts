import sanitizeHtml from 'sanitize-html';
import { resolveUrl } from './feed-urls.ts';
import { repairMojibake } from './repair-mojibake.ts';

// Publishers' HTML reaches dashboards and widgets, so it keeps only presentational
// markup: no scripts, styles, frames, forms, event handlers or script URLs. Relative
// links and images are made absolute against the content's base URL at the same time.

const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'] as const;

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img', 'picture', 'source', 'figure', 'figcaption', 'video', 'audio', 'track', 'del', 'ins', 's', 'u',
    'small', 'mark', 'time', 'details', 'summary', 'center', 'font', 'big', 'tt', 'acronym',
  ],
  allowedAttributes: {
    '*': ['title', 'lang', 'dir'],
    a: ['href', 'name'],
    img: ['src', 'srcset', 'alt', 'width', 'height'],
    source: ['src', 'srcset', 'type', 'media'],
    video: ['src', 'poster', 'controls', 'width', 'height'],
    audio: ['src', 'controls'],
    track: ['src', 'kind', 'srclang', 'label'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'datetime'],
    ins: ['cite', 'datetime'],
    time: ['datetime'],
    ol: ['start', 'type'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: true,
  disallowedTagsMode: 'discard',
};

function withBase(base: string | null): sanitizeHtml.IOptions {
  if (!base) return ALLOWED;
  return {
    ...ALLOWED,
    transformTags: {
      '*': (tagName, attribs) => {
        for (const name of URL_ATTRIBUTES) {
          const value = attribs[name];
          if (value !== undefined) attribs[name] = resolveUrl(value, base) ?? '';
        }
        return { tagName, attribs };
      },
    },
  };
}

/**
 * Sanitises publisher HTML for display and makes its links absolute; empty gives null.
 * @example sanitizeContentHtml('<p onclick="x()">Hi<script>x()</script></p>', null) // '<p>Hi</p>'
 */
export function sanitizeContentHtml(html: string | null | undefined, base: string | null): string | null {
  if (typeof html !== 'string') return null;
  const repaired = repairMojibake(html);
  // text without markup needs no parsing: entities alone cannot carry a script
  const clean = repaired.includes('<') ? sanitizeHtml(repaired, withBase(base)) : repaired;
  return clean.trim() ? clean.trim() : null;
}

/** Plain text as HTML. */
export function textAsHtml(text: string | null | undefined): string | null {
  if (typeof text !== 'string' || !text.trim()) return null;
  return text.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
