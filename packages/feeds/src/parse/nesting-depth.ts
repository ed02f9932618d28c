import { FeedParseError } from './parsed-feed.ts';
import { UNCLOSED_HTML_ELEMENTS } from './recover-xml.ts';

// How deep a document's elements nest. Feeds nest a dozen levels; a document nesting
// thousands (a description of 50,000 "<b>") overflows the call stack of every reader that
// walks the tree, and the lenient reader spends quadratic time keeping so many elements
// open. It is refused as unreadable before any reader sees it.

/** Deeper than any feed, shallow enough for every reader of the tree. */
export const MAX_NESTING = 1_000;

// a tag ends at its ">" or not at all before the next "<": one pass over the document (the
// lookahead keeps a failed match from trying every shorter tag name, which on a name
// millions of characters long took minutes)
const MARKUP = /<(\/?)([A-Za-z_][\w:.-]*)(?![\w:.-])[^<>]*?(\/?)>|<!\[CDATA\[|<!--|<\?/g;
const SECTION_END: Record<string, string> = { '<![CDATA[': ']]>', '<!--': '-->', '<?': '?>' };

/** How far up the open elements an end tag looks for its start; an end tag of none of them is ignored. */
const CLOSE_REACH = 64;

/**
 * Throws FeedParseError when the elements of `xml` nest deeper than MAX_NESTING (CDATA,
 * comments and void elements aside). An end tag closes the elements left open inside its
 * own, as readers do: unescaped HTML's unclosed "<p>" in a description ends with it.
 */
export function assertReadableNesting(xml: string): void {
  const open: string[] = [];
  MARKUP.lastIndex = 0;
  for (let token = MARKUP.exec(xml); token; token = MARKUP.exec(xml)) {
    const sectionEnd = SECTION_END[token[0]];
    if (sectionEnd) {
      const end = xml.indexOf(sectionEnd, MARKUP.lastIndex);
      if (end < 0) return;
      MARKUP.lastIndex = end + sectionEnd.length;
      continue;
    }
    const name = token[2]!.toLowerCase();
    if (token[1]) {
      for (let at = open.length - 1; at >= Math.max(0, open.length - CLOSE_REACH); at -= 1) {
        if (open[at] === name) {
          open.length = at;
          break;
        }
      }
    } else if (!token[3] && !UNCLOSED_HTML_ELEMENTS.has(name) && open.push(name) > MAX_NESTING) {
      throw new FeedParseError(`invalid feed XML: elements nested more than ${MAX_NESTING} deep`);
    }
  }
}
