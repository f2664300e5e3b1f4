import { expect, test } from "vitest";
import { deriveMetrics, formatPercent, formatRoas, prorateCost, ratio, resolveRange, ZERO_COUNTS, eachDay } from "./metrics.ts";
import { formatMoney, toMinor, formatDecimal } from "./money.ts";
import { csvLine } from "./csv.ts";

test("metrics from counts: CTR, CVR, AOV, ROAS", () => {
  const m = deriveMetrics({ ...ZERO_COUNTS, impressions: 2000, clicks: 50, orders: 4, revenueMinor: 35600 }, 17800);
  expect(m.ctr).toBe(0.025);
  expect(m.cvr).toBe(0.08);
  expect(m.aovMinor).toBe(8900);
  expect(m.roas).toBe(2);
});

test("zero denominators give no value, not zero or Infinity", () => {
  const m = deriveMetrics(ZERO_COUNTS, 0);
  expect([m.ctr, m.cvr, m.aovMinor, m.roas]).toEqual([null, null, null, null]);
  expect(ratio(5, 0)).toBeNull();
  expect(formatPercent(null)).toBe("—");
  expect(formatRoas(null)).toBe("—");
  expect(formatPercent(0.0251)).toBe("2.5%");
  expect(formatRoas(2)).toBe("2.00×");
});

test.each([
  ["89.00", "USD", 8900, "$89.00"],
  ["1000", "JPY", 1000, "¥1,000"],
  ["1.234", "KWD", 1234, "KWD 1.234"],
  ["12.345", "EUR", 1235, "€12.35"],
])("money %s %s → %i minor → %s", (amount, currency, minor, shown) => {
  expect(toMinor(amount, currency)).toBe(minor);
  expect(formatMoney(minor, currency).replace(/\u00a0/g, " ")).toBe(shown);
});

test("money edge cases", () => {
  expect(toMinor("abc", "USD")).toBe(0);
  expect(toMinor(null, "USD")).toBe(0);
  expect(formatDecimal(8900, "USD")).toBe("89.00");
  expect(formatDecimal(1000, "JPY")).toBe("1000");
});

test.each([
  [{ startsOn: "2026-11-01", endsOn: "2026-11-30", costMinor: 30000 }, { from: "2026-11-21", to: "2026-12-05" }, 10000],
  [{ startsOn: "2026-11-01", endsOn: "2026-11-30", costMinor: 30000 }, { from: "2026-10-01", to: "2026-12-31" }, 30000],
  [{ startsOn: "2026-11-01", endsOn: "2026-11-30", costMinor: 30000 }, { from: "2026-12-01", to: "2026-12-31" }, 0],
  [{ startsOn: "2026-11-15", endsOn: "2026-11-15", costMinor: 500 }, { from: "2026-11-15", to: "2026-11-15" }, 500],
])("cost %o over %o is %i", (cost, range, expected) => {
  expect(prorateCost(cost, range)).toBe(expected);
});

test("date range: defaults to the last 30 days, swaps, clamps, ignores junk", () => {
  expect(resolveRange({}, "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  expect(resolveRange({ from: "2026-11-10", to: "2026-11-01" }, "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-10" });
  expect(resolveRange({ from: "2020-01-01", to: "2026-11-30" }, "2026-11-30").from).toBe("2025-11-30");
  expect(resolveRange({ from: "2026-02-31", to: "nope" }, "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  expect(eachDay("2026-11-29", "2026-12-01")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01"]);
});

test("CSV cells are quoted and formula-prefixed", () => {
  expect(csvLine(["a,b", 'say "hi"', "=SUM(A1)", 3, null])).toBe('"a,b","say ""hi""",\'=SUM(A1),3,\r\n');
});
