import { expect, test } from 'vitest';
import { isSealed, SecretBox } from './secret-box.ts';

const box = new SecretBox('a key of at least sixteen characters');

test('a sealed secret opens with its key only, and never reads the same twice', () => {
  const sealed = box.seal('pässword: s3cret');
  expect(isSealed(sealed)).toBe(true);
  expect(sealed).not.toContain('s3cret');
  expect(box.open(sealed)).toBe('pässword: s3cret');
  expect(box.seal('pässword: s3cret')).not.toBe(sealed);
  expect(new SecretBox('another key of sixteen characters').open(sealed)).toBeNull();
  // tampered with: refused, not read as something else
  const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
  expect(box.open(tampered)).toBeNull();
  expect(box.open(box.seal(''))).toBe('');
});

test('a secret stored before secrets were sealed reads as it is; a short key is refused', () => {
  expect(box.open('plain old password')).toBe('plain old password');
  expect(() => new SecretBox('short')).toThrow(/at least 16 characters/);
});
