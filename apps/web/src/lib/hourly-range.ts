/**
 * The time range an hourly chart shows, in seconds: half an hour either side of its first and
 * last hour, so their bars are whole. Taken from the hours themselves because uPlot widens a
 * single point in time to 1,000 days when the axis counts seconds. Null when there is no hour.
 */
export function hourlyRange(hours: readonly string[]): [number, number] | null {
  if (hours.length === 0) return null;
  const first = Date.parse(hours[0]!) / 1000;
  const last = Date.parse(hours[hours.length - 1]!) / 1000;
  if (Number.isNaN(first) || Number.isNaN(last)) return null;
  return [Math.min(first, last) - 1800, Math.max(first, last) + 1800];
}
