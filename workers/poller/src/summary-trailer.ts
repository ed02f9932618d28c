// Feeds end many summaries with a line for their own readers: a "Continue reading" link,
// WordPress's "The post … appeared first on …", Slashdot's "Read more of this story at
// Slashdot." and the like. In a story card they are noise, so they are cut; an excerpt's
// "[…]" becomes a plain ellipsis.

/** "Read more" and its kin, in the languages of the feeds users watch; capitalised, as a sentence. */
const READ_ON =
  'Continue reading|Read more|Read the full (?:story|article)|Keep reading|Read on|Lire la suite|Lire plus|Leia mais|Continue lendo|Seguir leyendo|Sigue leyendo|Leer más|Weiterlesen|Mehr lesen|Lees meer|Lees verder|Leggi (?:tutto|di più|l\'articolo)|Continua a leggere|Czytaj (?:więcej|dalej)|Читать далее|Devamını oku';

/** How far from its end a summary is searched for a trailer: the longest one fits. */
const TAIL_LENGTH = 700;

const TRAILERS = [
  // WordPress (Yoast): "The post Title appeared first on Site."
  /\s*The post .{1,400}? appeared first on [^\n]{1,200}$/,
  // "… Continue reading…", "Read more of this story at Slashdot.", "Leia mais (09/24/2018 - 19h22)"
  new RegExp(`(^|[.!?…"'”’»)\\]]\\s+|\\s{2,})(?:${READ_ON})\\b[^.!?\\n]{0,80}[.!?…»›→>]*\\s*$`, 'u'),
  // the link alone, its paragraph break lost: "… drought. Somalia Continue reading..." (The Guardian)
  new RegExp(`\\s+(?:${READ_ON})\\s*(?:\\.\\.\\.|…|»|›|→)\\s*$`, 'u'),
];

/**
 * A summary without the trailer its feed appended for its own readers.
 * @example summaryWithoutTrailer('The court ruled. Continue reading...') // 'The court ruled.'
 */
export function summaryWithoutTrailer(summary: string): string {
  // a trailer is in the last few hundred characters; only those are searched, however long
  // the summary (a feed's text is untrusted: no pattern runs over megabytes of it)
  const start = Math.max(0, summary.length - TAIL_LENGTH);
  let tail = summary.slice(start);
  for (const trailer of TRAILERS) {
    const found = trailer.exec(tail);
    if (found) tail = tail.slice(0, found.index + (found[1]?.length ?? 0)).trimEnd();
  }
  const cut = summary.slice(0, start) + tail.replace(/\s*[[(](?:…|\.\.\.)[\])]\s*$/, '…');
  // what is left may say nothing: "...", "[…]", or Hacker News's lone "Comments" link
  return NOTHING_SAID.test(cut) ? '' : cut;
}

/** A summary of punctuation only, or only a link to the comments. */
const NOTHING_SAID = /^(?:[\s\p{P}\p{S}]*|\s*Comments\s*)$/u;
