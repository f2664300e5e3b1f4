import { describe, expect, test } from "vitest";
import { dayRange, dayStart, isTimeZone, shopDay, shopTime } from "./shop-day.ts";

describe("shopDay", () => {
  test.each([
    // instant (UTC), zone, the shop's day
    ["2026-11-30T23:30:00Z", "UTC", "2026-11-30"],
    ["2026-11-30T23:30:00Z", "Europe/Paris", "2026-12-01"],
    ["2026-12-01T04:59:59Z", "America/New_York", "2026-11-30"],
    ["2026-12-01T05:00:00Z", "America/New_York", "2026-12-01"],
    ["2026-11-30T10:00:00Z", "Pacific/Kiritimati", "2026-12-01"], // UTC+14
    ["2026-12-01T10:59:00Z", "Pacific/Pago_Pago", "2026-11-30"], // UTC−11
    ["2026-11-30T18:29:00Z", "Asia/Kolkata", "2026-11-30"], // UTC+5:30
    ["2026-11-30T18:30:00Z", "Asia/Kolkata", "2026-12-01"],
    ["2026-12-31T23:00:00Z", "Asia/Shanghai", "2027-01-01"],
  ])("%s in %s is %s", (instant, zone, day) => {
    expect(shopDay(new Date(instant), zone)).toBe(day);
    expect(shopDay(Date.parse(instant), zone)).toBe(day);
  });
});

describe("dayStart", () => {
  test.each([
    ["2026-12-01", "UTC", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01", "Europe/Paris", "2026-11-30T23:00:00.000Z"],
    ["2026-07-01", "Europe/Paris", "2026-06-30T22:00:00.000Z"], // summer time
    ["2026-03-08", "America/New_York", "2026-03-08T05:00:00.000Z"], // the day clocks go forward (at 02:00)
    ["2026-03-09", "America/New_York", "2026-03-09T04:00:00.000Z"], // the day after
    ["2026-11-01", "America/New_York", "2026-11-01T04:00:00.000Z"], // the day clocks go back
    ["2026-12-01", "Asia/Kolkata", "2026-11-30T18:30:00.000Z"],
    ["2026-12-01", "Pacific/Kiritimati", "2026-11-30T10:00:00.000Z"],
    ["2026-12-01", "Pacific/Pago_Pago", "2026-12-01T11:00:00.000Z"],
  ])("%s in %s starts at %s", (day, zone, instant) => {
    const start = dayStart(day, zone);
    expect(start.toISOString()).toBe(instant);
    expect(shopDay(start, zone)).toBe(day);
    expect(shopDay(start.getTime() - 1, zone)).not.toBe(day);
  });

  test("a zone whose clocks skip midnight starts the day at the jump (America/Santiago, 2026-09-06)", () => {
    // Chile moves from UTC−4 to UTC−3 at 24:00 on the first Saturday of September: 00:00 does not exist.
    const start = dayStart("2026-09-06", "America/Santiago");
    expect(start.toISOString()).toBe("2026-09-06T04:00:00.000Z"); // 01:00 local, UTC−3
    expect(shopDay(start, "America/Santiago")).toBe("2026-09-06");
    expect(shopDay(start.getTime() - 1, "America/Santiago")).toBe("2026-09-05");
  });

  test("every day of a year starts where the day before ends, in zones with and without daylight saving", () => {
    for (const zone of ["Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]) {
      let previous = dayStart("2026-01-01", zone).getTime();
      for (let d = 1; d < 365; d++) {
        const day = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
        const start = dayStart(day, zone).getTime();
        const hours = (start - previous) / 3_600_000;
        expect([23, 24, 25]).toContain(hours);
        expect(shopDay(start, zone)).toBe(day);
        expect(shopDay(start - 1, zone)).not.toBe(day);
        previous = start;
      }
    }
  });
});

test("dayRange spans from the first day's start to the start of the day after the last", () => {
  expect(dayRange("2026-11-01", "2026-11-30", "Europe/Paris")).toEqual({
    gte: new Date("2026-10-31T23:00:00.000Z"),
    lt: new Date("2026-11-30T23:00:00.000Z"),
  });
  expect(dayRange("2026-11-01", "2026-11-01")).toEqual({ gte: new Date("2026-11-01T00:00:00.000Z"), lt: new Date("2026-11-02T00:00:00.000Z") });
});

test.each([
  ["Europe/Paris", true],
  ["UTC", true],
  ["America/Argentina/Buenos_Aires", true],
  ["Mars/Olympus_Mons", false],
  ["", false],
  [42, false],
  [null, false],
  ["x".repeat(100), false],
])("isTimeZone(%j) is %s", (value, expected) => {
  expect(isTimeZone(value)).toBe(expected);
});

test.each([
  ["2026-11-30T23:30:00Z", "UTC", "2026-11-30 23:30"],
  ["2026-11-30T23:30:00Z", "Europe/Paris", "2026-12-01 00:30"],
  ["2026-07-01T12:05:59Z", "America/New_York", "2026-07-01 08:05"],
  ["2026-11-30T18:45:00Z", "Asia/Kolkata", "2026-12-01 00:15"],
])("shopTime(%s, %s) is %s", (instant, zone, shown) => {
  expect(shopTime(instant, zone)).toBe(shown);
  expect(shopTime(new Date(instant), zone)).toBe(shown);
});
