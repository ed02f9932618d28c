import { expect, test } from 'vitest';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import { countryShapes, shadeOf } from './world-countries.ts';

test('the atlas countries carry the taxonomy ids', () => {
  const shapes = countryShapes(atlas as unknown as Parameters<typeof countryShapes>[0]);
  const ids = new Map(shapes.map((shape) => [shape.properties.name, shape.properties.id]));
  expect(ids.get('France')).toBe('FR');
  expect(ids.get('United States of America')).toBe('US');
  expect(ids.get('Kosovo')).toBe('XK');
  expect(shapes.filter((shape) => shape.properties.id === null).length).toBeLessThanOrEqual(2);
  expect(shapes.every((shape) => shape.geometry !== null)).toBe(true);
});

test('shades grow with the count, none without stories', () => {
  expect(shadeOf(0, 10)).toBe(0);
  expect(shadeOf(1, 0)).toBe(0);
  expect(shadeOf(10, 10)).toBe(1);
  expect(shadeOf(1, 100)).toBeGreaterThan(0.1);
  expect(shadeOf(1, 100)).toBeLessThan(shadeOf(25, 100));
});
