import boilerplateData from '../data/boilerplate.json' with { type: 'json' };
import companyData from '../data/companies.json' with { type: 'json' };
import { foldForMatching } from './fold-text.ts';

/** A stretch of a story's text that is page furniture, not news. */
export interface BoilerplateSpan {
  start: number;
  end: number;
  reason: 'page-furniture' | 'share-buttons' | 'masthead' | 'publisher-name';
}

/** Segments longer than this are prose, whatever their first words. */
const MAX_FURNITURE_LENGTH = 90;

const LINE_PATTERN = new RegExp(`^(?:${boilerplateData.lines.map((source) => `(?:${source})`).join('|')})$`, 'i');
const PHRASE_PATTERN = new RegExp(boilerplateData.phrases.map((p) => `(?:${p})`).join('|'), 'gi');
const SHARE_HINT = /us on|share|google play|app store|nous sur|partager|teilen|guenos|compartir|siga|compartilhar|seguici|condividi/i;
const BUTTON_WORDS = new Set(
  [...companyData.boilerplateNames, 'share', 'on', 'this', 'story', 'article', 'via', 'tweet', 'pin', 'post', 'send', 'save']
    .flatMap((name) => foldForMatching(name).split(/\s+/)),
);

/**
 * Finds the page furniture in a story's text: share and follow prompts, homepage and
 * newsletter prompts, app banners, all-capitals mastheads and the publisher's own name.
 */
export function findBoilerplate(text: string, publisher?: string | null): BoilerplateSpan[] {
  const spans: BoilerplateSpan[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let segmentStart = lineStart;
    while (segmentStart <= lineEnd) {
      let segmentEnd = text.indexOf('|', segmentStart);
      if (segmentEnd === -1 || segmentEnd > lineEnd) segmentEnd = lineEnd;
      const reason = classifySegment(text.slice(segmentStart, segmentEnd));
      if (reason) spans.push({ start: segmentStart, end: segmentEnd, reason });
      segmentStart = segmentEnd + 1;
    }
    lineStart = lineEnd + 1;
  }
  // Most texts carry no share prompt; a cheap look first spares the long pattern.
  if (SHARE_HINT.test(text)) for (const m of text.matchAll(PHRASE_PATTERN)) {
    spans.push({ start: m.index, end: m.index + m[0].length, reason: 'share-buttons' });
  }
  for (const span of findPublisherName(text, publisher)) spans.push(span);
  return mergeSpans(spans);
}

/** Where a story's text names its own publisher ("China Topix" in a China Topix story). */
export function findPublisherName(text: string, publisher?: string | null): BoilerplateSpan[] {
  const names = publisherNames(publisher);
  if (names.length === 0) return [];
  const spans: BoilerplateSpan[] = [];
  const folded = foldForMatching(text);
  for (const name of names) {
    let at = folded.indexOf(name);
    while (at !== -1) {
      spans.push({ start: at, end: at + name.length, reason: 'publisher-name' });
      at = folded.indexOf(name, at + name.length);
    }
  }
  return mergeSpans(spans);
}

/** Overlapping spans become one, so each stretch is reported once. */
function mergeSpans(spans: BoilerplateSpan[]): BoilerplateSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: BoilerplateSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function classifySegment(raw: string): BoilerplateSpan['reason'] | null {
  const segment = raw.trim();
  if (segment.length === 0 || segment.length > MAX_FURNITURE_LENGTH) return null;
  if (LINE_PATTERN.test(segment)) return 'page-furniture';
  const words = foldForMatching(segment)
    .split(/[^\p{L}\p{N}.]+/u)
    .filter((w) => w.length > 0);
  if (words.length > 0 && words.every((w) => BUTTON_WORDS.has(w))) return 'share-buttons';
  // A short line in capitals with no sentence in it is a masthead ("CHINA TOPIX").
  const letters = segment.replace(/[^\p{L}]/gu, '');
  if (
    letters.length >= 4 &&
    letters === letters.toUpperCase() &&
    letters !== letters.toLowerCase() &&
    words.length <= 6 &&
    !/[.!?]$/.test(segment)
  ) {
    return 'masthead';
  }
  return null;
}

/** The publisher's name and its short form ("China Topix - World News" -> "China Topix"). */
function publisherNames(publisher?: string | null): string[] {
  if (!publisher) return [];
  // a feed's stories come in together, so the last few publishers are kept
  let names = knownPublishers.get(publisher);
  if (names) return names;
  const unique = new Set<string>();
  const full = foldForMatching(publisher.trim());
  if (full.length >= 3) unique.add(full);
  const short = full.split(/\s+[-–|:]\s+/)[0]!.trim();
  if (short.length >= 3) unique.add(short);
  names = [...unique];
  if (knownPublishers.size >= 64) knownPublishers.delete(knownPublishers.keys().next().value!);
  knownPublishers.set(publisher, names);
  return names;
}

const knownPublishers = new Map<string, string[]>();

/** `text` with every boilerplate span blanked out (same length, newlines kept). */
export function blankSpans(text: string, spans: BoilerplateSpan[]): string {
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) if (chars[i] !== '\n') chars[i] = ' ';
  }
  return chars.join('');
}
