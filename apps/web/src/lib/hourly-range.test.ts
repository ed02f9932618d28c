import { expect, test } from "vitest";
import { hourlyRange } from "./hourly-range.ts";

const at = (iso: string) => Date.parse(iso) / 1000;

test("an hourly chart spans its hours and half an hour either side", () => {
  expect(
    hourlyRange([
      "2026-11-30T08:00:00Z",
      "2026-11-30T09:00:00Z",
      "2026-11-30T10:00:00Z",
    ]),
  ).toEqual([at("2026-11-30T07:30:00Z"), at("2026-11-30T10:30:00Z")]);
});

test("a single hour spans one hour, not the days uPlot gives one point in time", () => {
  expect(hourlyRange(["2026-11-30T10:00:00Z"])).toEqual([
    at("2026-11-30T09:30:00Z"),
    at("2026-11-30T10:30:00Z"),
  ]);
});

test("a chart of days spans them and half a day either side", () => {
  expect(hourlyRange(["2026-11-29T00:00:00Z", "2026-11-30T00:00:00Z"], 86_400)).toEqual([
    at("2026-11-28T12:00:00Z"),
    at("2026-11-30T12:00:00Z"),
  ]);
});

test("no hours, or hours that are not times, leave the range to the chart", () => {
  expect(hourlyRange([])).toBeNull();
  expect(hourlyRange(["not a time"])).toBeNull();
});
