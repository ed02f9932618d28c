import { expect, test } from 'vitest';
import type { Mention } from './story.ts';
import { mentionsOfTags } from './story-tags-edit.ts';

test('the reasons for tags taken away go', () => {
  const mention = (kind: Mention['kind'], id: string): Mention => ({ kind, id, field: 'title', start: 0, end: 1, text: 'x', rule: 'test' });
  const mentions = [mention('country', 'BR'), mention('company', 'x'), mention('topic', 'content-moderation')];
  expect(mentionsOfTags(mentions, { countries: ['BR'], companies: [], topics: ['content-moderation'] })).toEqual([mentions[0], mentions[2]]);
});
