import type { Mention } from '@radar/core';

export interface DetectInput {
  title: string;
  /** Summary or full text of the story, untrusted plain text. */
  text: string;
  /** The publisher's own name (from the feed), never tagged. */
  publisher?: string | null;
  lang?: string | null;
}

/** Page furniture found in the story's text and left out of detection. */
export interface BoilerplateMention {
  start: number;
  end: number;
  reason: string;
  text: string;
}

export interface Detection {
  countries: string[];
  companies: string[];
  topics: string[];
  relevant: boolean;
  /** Relevance in [0, 1]; `relevant` is `score >= RELEVANCE_THRESHOLD`. */
  score: number;
  mentions: Mention[];
  /** Offsets into the story's text (the `summary` field). */
  boilerplate: BoilerplateMention[];
}
