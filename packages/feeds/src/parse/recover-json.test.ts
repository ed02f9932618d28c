import { expect, test } from 'vitest';
import { recoverJson } from './recover-json.ts';

test('raw control characters inside strings are escaped', () => {
  expect(JSON.parse(recoverJson('{"a": "line\none\ttab"}'))).toEqual({ a: 'line\none\ttab' });
});

test('a document cut off mid-string keeps what arrived', () => {
  const cut = '{"items": [{"id": "1", "title": "whole"}, {"id": "2", "content_html": "<p>cut here';
  expect(JSON.parse(recoverJson(cut))).toEqual({ items: [{ id: '1', title: 'whole' }, { id: '2', content_html: '<p>cut here' }] });
});

test('a document cut after a key or a comma drops the incomplete member', () => {
  expect(JSON.parse(recoverJson('{"a": 1, "b": '))).toEqual({ a: 1 });
  expect(JSON.parse(recoverJson('{"a": [1, 2,'))).toEqual({ a: [1, 2] });
  expect(JSON.parse(recoverJson('{"a": 1, "b"'))).toEqual({ a: 1 });
});

test('valid JSON is returned unchanged', () => {
  const json = '{"a": ["x", {"b": null}], "c": "\\"q\\""}';
  expect(recoverJson(json)).toBe(json);
});
