import type { Mention } from '@radar/core';

export interface DetectInput {
  title: string;
  /** Summary or full text of the story, untrusted plain text. */
  text: string;
  /** The publisher's own name (from the feed), never tagged. */
  publisher?: string | null;
  lang?: string | null;
}

export interface Detection {
  countries: string[];
  companies: string[];
  topics: string[];
  relevant: boolean;
  /** Relevance in [0, 1]. */
  score: number;
  mentions: Mention[];
}
