import { foldForMatching, isWordUnit } from './fold-text.ts';

/** States with at least this many children get a dense transition row. */
const DENSE_CHILDREN = 6;

/** One phrase to find, with how it must sit in the text. */
export interface Phrase<T> {
  /** The phrase as written; folded before matching. */
  text: string;
  data: T;
  /**
   * How many extra word characters may follow the phrase before the word ends: 0 for a
   * whole word, more for a stem ("censor" + "ship"), for German compounds and inflection.
   */
  suffix?: number;
  /** Upper-case letters of `text` must be upper case in the story too ("Turkey", not "turkey"). */
  caseSensitive?: boolean;
}

/** A phrase found in a text, by UTF-16 offsets into the original text. */
export interface PhraseHit<T> {
  start: number;
  end: number;
  data: T;
}

/**
 * Many-phrase matcher: one trie of every folded phrase, built once, in typed arrays. Since
 * every phrase starts on a word boundary, the text is read once and the trie is entered
 * at each word start (the word-anchored equivalent of Aho–Corasick: no failure links are
 * needed because no match can begin inside a word). Hits must also end on a word
 * boundary, or within a stem's allowed suffix. Written here rather than taken from a
 * library because the libraries tried scan grapheme by grapheme, which cost more than the
 * whole per-story budget.
 */
export class PhraseMatcher<T> {
  readonly phraseCount: number;
  readonly stateCount: number;
  private readonly lengths: Int32Array;
  private readonly suffixes: Uint8Array;
  private readonly datas: T[];
  /** Offsets of the capitals each case-sensitive phrase requires (null: none). */
  private readonly capitals: (Uint16Array | null)[];
  /** Folded UTF-16 unit -> letter of the automaton's alphabet (0: in no phrase). */
  private readonly alphabet: Uint16Array;
  private readonly alphabetSize: number;
  /** Full rows for branchy states (the root and common prefixes): row r at [r*alphabetSize]. */
  private readonly denseRow: Int32Array;
  private readonly dense: Int32Array;
  /** Sparse transitions of the other states: edges [edgeStart[s], edgeStart[s+1]). */
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  /** Phrases ending at a state: outputs [outStart[s], outStart[s+1]). */
  private readonly outStart: Int32Array;
  private readonly outPhrase: Int32Array;

  constructor(phrases: Phrase<T>[]) {
    this.phraseCount = phrases.length;
    // Build a plain trie with Map edges first, then freeze it into typed arrays.
    const children: Map<number, number>[] = [new Map()];
    const outputs: number[][] = [[]];
    const lengths = new Int32Array(phrases.length);
    phrases.forEach((phrase, index) => {
      const folded = foldForMatching(phrase.text);
      lengths[index] = folded.length;
      let state = 0;
      for (let i = 0; i < folded.length; i++) {
        const code = folded.charCodeAt(i);
        let next = children[state]!.get(code);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          outputs.push([]);
          children[state]!.set(code, next);
        }
        state = next;
      }
      outputs[state]!.push(index);
    });
    this.lengths = lengths;
    this.suffixes = Uint8Array.from(phrases, (p) => p.suffix ?? 0);
    this.datas = phrases.map((p) => p.data);
    this.capitals = phrases.map((p) => {
      if (!p.caseSensitive) return null;
      const at: number[] = [];
      for (let i = 0; i < p.text.length; i++) if (isCapitalUnit(p.text.charCodeAt(i))) at.push(i);
      return at.length > 0 ? Uint16Array.from(at) : null;
    });
    const stateCount = children.length;
    this.stateCount = stateCount;

    const alphabet = new Uint16Array(0x10000);
    let alphabetSize = 1;
    for (const edges of children) {
      for (const code of edges.keys()) if (alphabet[code] === 0) alphabet[code] = alphabetSize++;
    }
    // States with many children get a full row: one lookup instead of a scan of edges.
    const denseRow = new Int32Array(stateCount).fill(-1);
    let rows = 0;
    for (let s = 0; s < stateCount; s++) if (s === 0 || children[s]!.size >= DENSE_CHILDREN) denseRow[s] = rows++;
    const dense = new Int32Array(rows * alphabetSize).fill(-1);
    for (let s = 0; s < stateCount; s++) {
      const row = denseRow[s]!;
      if (row < 0) continue;
      for (const [code, child] of children[s]!) dense[row * alphabetSize + alphabet[code]!] = child;
    }
    const edgeStart = new Int32Array(stateCount + 1);
    let edges = 0;
    for (let s = 0; s < stateCount; s++) {
      edgeStart[s] = edges;
      if (s !== 0) edges += children[s]!.size;
    }
    edgeStart[stateCount] = edges;
    const edgeChar = new Uint16Array(edges);
    const edgeTarget = new Int32Array(edges);
    for (let s = 1; s < stateCount; s++) {
      let e = edgeStart[s]!;
      for (const [code, child] of children[s]!) {
        edgeChar[e] = code;
        edgeTarget[e] = child;
        e++;
      }
    }
    const outStart = new Int32Array(stateCount + 1);
    let outs = 0;
    for (let s = 0; s < stateCount; s++) {
      outStart[s] = outs;
      outs += outputs[s]!.length;
    }
    outStart[stateCount] = outs;
    const outPhrase = new Int32Array(outs);
    for (let s = 0; s < stateCount; s++) outPhrase.set(outputs[s]!, outStart[s]!);

    this.alphabet = alphabet;
    this.alphabetSize = alphabetSize;
    this.denseRow = denseRow;
    this.dense = dense;
    this.edgeStart = edgeStart;
    this.edgeChar = edgeChar;
    this.edgeTarget = edgeTarget;
    this.outStart = outStart;
    this.outPhrase = outPhrase;
  }

  /** Bytes held by the compiled automaton's typed arrays. */
  get byteSize(): number {
    return (
      this.alphabet.byteLength +
      this.denseRow.byteLength +
      this.dense.byteLength +
      this.edgeStart.byteLength +
      this.edgeChar.byteLength +
      this.edgeTarget.byteLength +
      this.outStart.byteLength +
      this.outPhrase.byteLength +
      this.lengths.byteLength
    );
  }

  /**
   * Every phrase found in `text` on word boundaries, in order of end offset. `folded` is
   * `foldForMatching(text)` when the caller already has it.
   */
  findAll(text: string, folded: string = foldForMatching(text)): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    this.scan(text, folded, (start, end, data) => hits.push({ start, end, data }));
    return hits;
  }

  /** Calls `onHit` for every phrase found, in order of start offset; allocates nothing per hit. */
  scan(text: string, folded: string, onHit: (start: number, end: number, data: T) => void): void {
    const { alphabet, alphabetSize, denseRow, dense, edgeStart, edgeChar, edgeTarget, outStart, outPhrase } = this;
    const length = folded.length;
    let previousIsWord = false;
    for (let i = 0; i < length; i++) {
      const startCode = folded.charCodeAt(i);
      const isWord = isWordUnit(startCode);
      const wordStart = isWord && !previousIsWord;
      previousIsWord = isWord;
      if (!wordStart) continue;
      // Every phrase starts on a word boundary, so the trie is entered only at word starts
      // and followed while the text agrees with it.
      let state = 0;
      for (let j = i; j < length; j++) {
        const code = folded.charCodeAt(j);
        const letter = alphabet[code]!;
        if (letter === 0) break;
        let next = -1;
        const row = denseRow[state]!;
        if (row >= 0) next = dense[row * alphabetSize + letter]!;
        else {
          const end = edgeStart[state + 1]!;
          for (let e = edgeStart[state]!; e < end; e++) {
            if (edgeChar[e] === code) {
              next = edgeTarget[e]!;
              break;
            }
          }
        }
        if (next <= 0) break;
        state = next;
        const outEnd = outStart[state + 1]!;
        for (let o = outStart[state]!; o < outEnd; o++) this.accept(outPhrase[o]!, j + 1, text, folded, onHit);
      }
    }
  }

  private accept(index: number, end: number, text: string, folded: string, onHit: (start: number, end: number, data: T) => void): void {
    const start = end - this.lengths[index]!;
    let stop = end;
    if (end < folded.length && isWordUnit(folded.charCodeAt(end - 1))) {
      const allowed = this.suffixes[index]!;
      while (stop < folded.length && isWordUnit(folded.charCodeAt(stop))) {
        stop++;
        if (stop - end > allowed) return;
      }
    }
    const capitals = this.capitals[index];
    if (capitals) {
      for (let i = 0; i < capitals.length; i++) {
        // A lower-case letter where the phrase has a capital: another word ("turkey").
        if (isLowerUnit(text.charCodeAt(start + capitals[i]!))) return;
      }
    }
    onHit(start, stop, this.datas[index]!);
  }
}

/** Upper-case letter: ASCII by range, others by asking the string. */
function isCapitalUnit(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  const ch = String.fromCharCode(code);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLowerUnit(code: number): boolean {
  if (code < 128) return code >= 97 && code <= 122;
  const ch = String.fromCharCode(code);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}
