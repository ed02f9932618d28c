import { expect, test } from 'vitest';
import { storedErrorText } from './stored-text.ts';

test('a stored error loses the control characters PostgreSQL refuses or a page cannot show, keeps lines, and is cut', () => {
  expect(storedErrorText('Unexpected token \'\u0000\', "[\u0000\u0007x]" is not valid JSON')).toBe('Unexpected token \'\', "[x]" is not valid JSON');
  expect(storedErrorText('HTTP 500\n\tgateway\u007f')).toBe('HTTP 500\n\tgateway');
  expect(storedErrorText('x'.repeat(1200))).toHaveLength(1000);
  expect(storedErrorText(null)).toBeNull();
});
