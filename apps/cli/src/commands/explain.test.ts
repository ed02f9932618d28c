import { detectStory } from '@radar/detect';
import { expect, test } from 'vitest';
import { formatExplanation } from './explain.ts';

test('explain lists each mention with its field, span and rule, and the boilerplate left out', () => {
  const detection = detectStory({
    title: 'Downing Street rebukes Musk over post on X',
    text: 'Follow us on Twitter\n\nDowning Street said there was no justification for the post on X inciting violence.',
  });
  const text = formatExplanation(detection);
  expect(text).toContain('countries: GB');
  expect(text).toMatch(/country\s+GB\s+title\[0-14\] "Downing Street"\s+<- government-body/);
  expect(text).toMatch(/company\s+x\s+title\[\d+-\d+\] "X"/);
  expect(text).toContain('"Follow us on Twitter"  (page-furniture)');
});
