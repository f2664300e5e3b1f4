// The shop's calendar day: the report's rollups are keyed by the day an event
// or order happened in the shop's own time zone (Shopify's `ianaTimezone`),
// so "yesterday" in the report is the merchant's yesterday. Shops whose zone
// is not known yet count in UTC.
export const DEFAULT_TIME_ZONE = "UTC";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True for a zone name Intl knows ("Europe/Paris", "UTC"); false for anything else. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function shopDay(instant: Date | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  if (timeZone === DEFAULT_TIME_ZONE) return new Date(ms).toISOString().slice(0, 10);
  const { year, month, day } = wallClock(ms, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** An instant as the shop's wall clock shows it, "YYYY-MM-DD HH:mm" (the admin pages' timestamps). */
export function shopTime(instant: Date | number | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = typeof instant === "number" ? instant : new Date(instant).getTime();
  if (timeZone === DEFAULT_TIME_ZONE) return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  const { year, month, day, hour, minute } = wallClock(ms, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** The first instant of a calendar day in a zone (midnight, or the first hour after a gap at midnight). */
export function dayStart(day: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  if (timeZone === DEFAULT_TIME_ZONE) return new Date(midnightUtc);
  // Two rounds settle the offset on either side of a daylight-saving change.
  let guess = midnightUtc - offsetAt(midnightUtc, timeZone);
  guess = midnightUtc - offsetAt(guess, timeZone);
  // Offsets are whole quarter hours. A zone that skips midnight (clocks jump
  // from 00:00 to 01:00) starts its day at the jump.
  const step = 15 * 60 * 1000;
  while (shopDay(guess, timeZone) < day) guess += step;
  while (shopDay(guess - step, timeZone) === day) guess -= step;
  return new Date(guess);
}

/** The instants of the days `from`..`to` (both included) in a zone: [start, end), end being the next day's start. */
export function dayRange(from: string, to: string, timeZone: string = DEFAULT_TIME_ZONE): { gte: Date; lt: Date } {
  return { gte: dayStart(from, timeZone), lt: dayStart(addDays(to, 1), timeZone) };
}

const DAY_MS = 86_400_000;

/** Calendar arithmetic on YYYY-MM-DD days (no zone: a day is a date). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (2026-11-01..2026-11-01 is 1). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}
