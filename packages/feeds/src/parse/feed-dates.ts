// Dates as publishers really write them: RFC 822 and its many corruptions (with day and month
// names in several languages), W3CDTF and the looser ISO 8601 forms, asctime, Perforce. Each parser
// returns null instead of guessing, so a malformed date never becomes a wrong instant.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

// Month names as feeds in other languages write them in RFC 822 dates ("Seg, 24 Set 2018",
// "Mi, 05 Mär 2025", "mar., 12 févr. 2019"): Portuguese, Spanish, French, German, Italian and
// Dutch, without accents (they are taken off before the lookup).
const LOCAL_MONTHS: Record<string, number> = {
  ene: 1, enero: 1, janeiro: 1, janv: 1, janvier: 1, januar: 1, gen: 1, gennaio: 1, januari: 1,
  fev: 2, fevereiro: 2, febrero: 2, fevr: 2, fevrier: 2, februar: 2, febbraio: 2, februari: 2,
  marzo: 3, marco: 3, mars: 3, mar: 3, marz: 3, maerz: 3, mrt: 3, maart: 3,
  abr: 4, abril: 4, avr: 4, avril: 4, aprile: 4,
  mayo: 5, mai: 5, maio: 5, mag: 5, maggio: 5, mei: 5,
  junio: 6, junho: 6, juin: 6, juni: 6, giu: 6, giugno: 6,
  julio: 7, julho: 7, juil: 7, juillet: 7, juli: 7, lug: 7, luglio: 7,
  ago: 8, agosto: 8, aout: 8,
  set: 9, setembro: 9, septiembre: 9, setiembre: 9, septembre: 9, settembre: 9,
  out: 10, outubro: 10, octubre: 10, octobre: 10, okt: 10, oktober: 10, ott: 10, ottobre: 10,
  noviembre: 11, novembro: 11, novembre: 11,
  dez: 12, dezembro: 12, dic: 12, diciembre: 12, decembre: 12, dezember: 12, dicembre: 12,
};

// Offsets in minutes east of UTC for the zone names feeds use.
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  at: -240, ast: -240, adt: -180, et: -300, ct: -360, mt: -420, pt: -480,
  akst: -540, akdt: -480, hst: -600, nst: -210, ndt: -150,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, mez: 60, mesz: 120, west: 60,
  eet: 120, eest: 180, msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480,
  acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  // RFC 822 military zones (the RFC got their signs backwards; use the intended ones)
  a: 60, b: 120, c: 180, d: 240, e: 300, f: 360, g: 420, h: 480, i: 540, k: 600, l: 660, m: 720,
  n: -60, o: -120, p: -180, q: -240, r: -300, s: -360, t: -420, u: -480, v: -540, w: -600, x: -660, y: -720,
};

const DAY_NAME = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*,?\s*/i;
/** A day name in another language, always followed by a comma there ("Seg,", "Mi.,", "mar.,"). */
const LOCAL_DAY_NAME = /^\p{L}{2,9}\.?,\s*/u;

// Greek abbreviations as Greek-language feeds write them, mapped to English.
const GREEK_WORDS: Record<string, string> = {
  Κυρ: 'Sun', Δευ: 'Mon', Τρι: 'Tue', Τετ: 'Wed', Πεμ: 'Thu', Παρ: 'Fri', Σαβ: 'Sat',
  Ιαν: 'Jan', Φεβ: 'Feb', Μάώ: 'Mar', Μαώ: 'Mar', Απρ: 'Apr', Μάι: 'May', Μαϊ: 'May', Μαι: 'May',
  Ιούν: 'Jun', Ιον: 'Jun', Ιούλ: 'Jul', Ιολ: 'Jul', Αύγ: 'Aug', Αυγ: 'Aug', Σεπ: 'Sep', Οκτ: 'Oct',
  Νοέ: 'Nov', Νοε: 'Nov', Δεκ: 'Dec',
};

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate() || 31;
}

function twoDigitYear(year: number): number {
  return year < 70 ? 2000 + year : 1900 + year;
}

/** Builds the instant, or null when a field is out of range. */
function instant(
  year: number, month: number, day: number, hour = 0, minute = 0, second = 0, offsetMinutes = 0,
): Date | null {
  if (![year, month, day, hour, minute, second, offsetMinutes].every(Number.isFinite)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 24 || minute > 59 || second > 60) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, Math.min(second, 59), 0);
  const time = date.getTime() - offsetMinutes * 60_000;
  return Number.isNaN(time) ? null : new Date(time);
}

/** Parses a zone ("GMT", "+0100", "-01:01", "GMT-01:01", "Etc/GMT", "EST"); undefined when malformed. */
function parseZone(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  let value = zone.trim().replace(/^etc\//i, '');
  const prefixed = /^(?:gmt|utc|ut)([+-].*)$/i.exec(value);
  if (prefixed?.[1]) value = prefixed[1];
  const numeric = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(value);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return undefined;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (/^[+-]/.test(value)) return undefined;
  if (!/^[a-z]+$/i.test(value)) return undefined;
  // an unknown zone name: feeds almost always mean UTC-ish; keep the date rather than lose it
  return ZONES[value.toLowerCase()] ?? 0;
}

function parseClock(clock: string | undefined): [number, number, number] | null {
  if (!clock) return [0, 0, 0];
  const match = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?$/.exec(clock);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

function monthOf(word: string | undefined): number | undefined {
  if (!word) return undefined;
  const name = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[name] ?? LOCAL_MONTHS[name.normalize('NFD').replace(/\p{M}/gu, '')];
}

function fromParts(
  yearText: string, month: number | undefined, dayText: string, clock: string | undefined, zone: string | undefined,
): Date | null {
  if (month === undefined || !/^\d{1,2}$/.test(dayText) || !/^\d{2}(\d{2})?$/.test(yearText)) return null;
  const year = yearText.length === 2 ? twoDigitYear(Number(yearText)) : Number(yearText);
  const time = parseClock(clock);
  const offset = parseZone(zone);
  if (!time || offset === undefined) return null;
  return instant(year, month, Number(dayText), time[0], time[1], time[2], offset);
}

/** RFC 822 / RFC 1123 and the variants feeds produce ("Fri,24 Nov", "13 Feb, 2012", "January", no seconds, no time). */
function parseRfc822(value: string): Date | null {
  const rest = value.replace(DAY_NAME, '').replace(LOCAL_DAY_NAME, '').replace(/,/g, ' ').trim();
  const tokens = rest.split(/\s+/);
  const [a, b, c, d, e, ...extra] = tokens;
  if (a === undefined || b === undefined || c === undefined) return null;
  // "24 Nov 2023 18:28:36 -0000"
  if (/^\d{1,2}$/.test(a) && monthOf(b) !== undefined) {
    return extra.length ? null : fromParts(c, monthOf(b), a, d, e);
  }
  // "Aug 30 2012 17:26:16 +0200" (JavaScript's Date#toString)
  if (monthOf(a) !== undefined && /^\d{1,2}$/.test(b) && /^\d{4}$/.test(c)) {
    return extra.length ? null : fromParts(c, monthOf(a), b, d, e?.replace(/\(.*$/, ''));
  }
  return null;
}

/** asctime: "Sun Jan  4 16:29:06 2004", "Sun Jul 15 01:16:00 +0000 2012", "Sun Jan 4 16:29:06 PST 2004". */
function parseAsctime(value: string): Date | null {
  const match = /^(?:[a-z]{3,}\s+)?([a-z]{3,})\s+(\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s+(?:(\S+)\s+)?(\d{4})$/i.exec(value);
  if (!match) return null;
  return fromParts(match[5]!, monthOf(match[1]), match[2]!, match[3], match[4]);
}

/** Perforce: "Fri, 2006/09/15 08:19:53 EDT". */
function parsePerforce(value: string): Date | null {
  const match = /^(?:[a-z]+,?\s+)?(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?(?:\s+(\S+))?$/i.exec(value);
  if (!match) return null;
  return fromParts(match[1]!, Number(match[2]), match[3]!, match[4], match[5]);
}

/** Central European day.month.year, as Czech, German or Polish sites write it: "22.11.2022 12:16:00" (UTC when no zone). */
function parseDottedDayMonth(value: string): Date | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}:\d{2}(?::\d{2})?))?(?:\s+(\S+))?$/.exec(value);
  if (!match) return null;
  return fromParts(match[3]!, Number(match[2]), match[1]!, match[4], match[5]);
}

/** W3CDTF and ISO 8601, including the truncated and two-digit-year forms found in old feeds. */
function parseIso8601(value: string): Date | null {
  const full =
    /^(\d{4})-(\d{1,3})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?)?$/i.exec(value);
  if (full) {
    const offset = parseZone(full[7]);
    if (offset === undefined) return null;
    return instant(+full[1]!, +full[2]!, +full[3]!, +(full[4] ?? 0), +(full[5] ?? 0), +(full[6] ?? 0), offset);
  }
  const basic = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(value);
  if (basic) {
    const offset = parseZone(basic[7]);
    if (offset === undefined) return null;
    return instant(+basic[1]!, +basic[2]!, +basic[3]!, +(basic[4] ?? 0), +(basic[5] ?? 0), +(basic[6] ?? 0), offset);
  }
  let match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) return instant(+match[1]!, +match[2]!, 1);
  match = /^(\d{4})$/.exec(value);
  if (match) return instant(+match[1]!, 1, 1);
  match = /^(\d{4})-?(\d{3})$/.exec(value) ?? /^(\d{2})(\d{3})$/.exec(value);
  if (match) return ordinal(match[1]!, +match[2]!);
  match = /^(\d{2})-?(\d{2})-?(\d{2})$/.exec(value);
  if (match) return instant(twoDigitYear(+match[1]!), +match[2]!, +match[3]!);
  match = /^-(\d{2})-?(\d{2})$/.exec(value);
  if (match) return instant(twoDigitYear(+match[1]!), +match[2]!, 1);
  return null;
}

function ordinal(yearText: string, dayOfYear: number): Date | null {
  const year = yearText.length === 2 ? twoDigitYear(Number(yearText)) : Number(yearText);
  const days = daysInMonth(year, 2) === 29 ? 366 : 365;
  if (dayOfYear < 1 || dayOfYear > days) return null;
  const date = instant(year, 1, 1);
  return date && new Date(date.getTime() + (dayOfYear - 1) * 86_400_000);
}

function translateGreek(value: string): string {
  return value.replace(/[\u0370-\u03ff\u1f00-\u1fff]+/g, (word) => GREEK_WORDS[word] ?? word);
}

// The two forms nearly every feed uses, read without the general parsers' cost.
const COMMON_RFC822 = /^\s*(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|Z|[+-]\d{4})\s*$/;
const COMMON_ISO = /^\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})\s*$/;

function parseCommonForm(value: string): string | null {
  if (COMMON_ISO.test(value)) {
    const time = Date.parse(value);
    return Number.isNaN(time) || time < Date.UTC(1000, 0, 1) ? null : new Date(time).toISOString();
  }
  const match = COMMON_RFC822.exec(value);
  if (!match) return null;
  const month = MONTHS[match[2]!.toLowerCase()];
  const day = Number(match[1]);
  const year = Number(match[3]);
  if (month === undefined || year < 1000 || day > daysInMonth(year, month)) return null;
  const offset = parseZone(match[7]);
  if (offset === undefined) return null;
  const time = Date.UTC(year, month - 1, day, Number(match[4]), Number(match[5]), Number(match[6])) - offset * 60_000;
  return Number.isNaN(time) || Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 60 ? null : new Date(time).toISOString();
}

/**
 * Parses a feed date into ISO 8601 (UTC), or null when it cannot be read.
 * @example parseFeedDate('Thu, 01 Jan 04 19:48:21 GMT') // '2004-01-01T19:48:21.000Z'
 */
export function parseFeedDate(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const common = parseCommonForm(raw);
  if (common) return common;
  let value = raw.replace(/\s+/g, ' ').trim();
  if (!value) return null;
  if (/[\u0370-\u03ff]/.test(value)) value = translateGreek(value);
  const date =
    (/^[+-]?\d/.test(value) ? parseIso8601(value) : null) ??
    parsePerforce(value) ??
    parseDottedDayMonth(value) ??
    parseRfc822(value) ??
    parseAsctime(value);
  if (!date || Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}
