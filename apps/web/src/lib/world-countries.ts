import countries from 'i18n-iso-countries';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** One country's outline, named by its ISO 3166-1 alpha-2 code (null where the atlas has none). */
export type CountryShape = Feature<Geometry, { name: string; id: string | null }>;

type Atlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Shapes the atlas gives no ISO number, named by their taxonomy id. */
const BY_NAME: Record<string, string> = { Kosovo: 'XK' };

/** The atlas's countries (Natural Earth, ISO numeric ids) as shapes keyed by the taxonomy's alpha-2 ids. */
export function countryShapes(atlas: Atlas): CountryShape[] {
  const collection = feature(atlas, atlas.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return collection.features.map((shape) => {
    const numeric = shape.id === undefined ? undefined : String(shape.id);
    const id = (numeric && countries.numericToAlpha2(numeric)) || BY_NAME[shape.properties.name] || null;
    return { ...shape, properties: { name: shape.properties.name, id } };
  });
}

/**
 * How dark a country is shaded, 0 (no stories) to 1 (the most): a square-root scale, so one
 * country with hundreds of stories does not wash out those with a handful.
 */
export function shadeOf(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(1, 0.12 + 0.88 * Math.sqrt(count / max));
}
