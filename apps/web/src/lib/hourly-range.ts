/**
 * The time range a chart of hours or days shows, in seconds: half an hour (or half a day)
 * either side of its first and last, so their bars are whole. Taken from the buckets
 * themselves because uPlot widens a single point in time to 1,000 days when the axis counts
 * seconds. Null when there is none.
 */
export function hourlyRange(buckets: readonly string[], bucketSeconds = 3600): [number, number] | null {
  if (buckets.length === 0) return null;
  const first = Date.parse(buckets[0]!) / 1000;
  const last = Date.parse(buckets[buckets.length - 1]!) / 1000;
  if (Number.isNaN(first) || Number.isNaN(last)) return null;
  return [Math.min(first, last) - bucketSeconds / 2, Math.max(first, last) + bucketSeconds / 2];
}
