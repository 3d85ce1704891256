// Calendar days and wall clocks in a time zone, from Intl alone (no offsets
// computed by hand). Days are "YYYY-MM-DD" strings: they compare as text.

import type { Release } from "./protocol";

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    wallClockFormats.set(zone, format);
  }
  return format;
}

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone === "") return false;
  try {
    wallClockFormat(zone);
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * The zone the user reads times in: HA's profile setting "server" means the
 * server's zone, anything else the browser's.
 */
export function resolveTimeZone(
  profileSetting: string | undefined,
  serverZone: string | undefined,
): string {
  if (profileSetting === "server" && isValidTimeZone(serverZone)) return serverZone;
  return browserTimeZone();
}

/** "YYYY-MM-DDTHH:MM" of an instant on the wall clocks of `zone`. */
export function zonedWallClock(instant: string | number | Date, zone: string): string {
  const parts: Record<string, string> = {};
  for (const part of wallClockFormat(zone).formatToParts(new Date(instant))) {
    parts[part.type] = part.value;
  }
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The calendar day ("YYYY-MM-DD") an instant falls on in `zone`. */
export function zonedDay(instant: string | number | Date, zone: string): string {
  return zonedWallClock(instant, zone).slice(0, 10);
}

/** A calendar day `count` days after `day` (no zone involved). */
export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

/** The day a release is listed under: an episode's in `zone`, a movie's date as is. */
export function releaseDay(release: Release, zone: string): string {
  return release.at ? zonedDay(release.at, zone) : release.date;
}

/**
 * Sorts releases by instant: an episode by its wall clock in `zone`, a movie at
 * the local midnight of its date. (Wall clocks order like instants within one
 * zone, save the repeated hour when clocks go back.)
 */
export function releaseSortKey(release: Release, zone: string): string {
  return release.at ? zonedWallClock(release.at, zone) : `${release.date}T00:00`;
}

export interface DayGroup {
  day: string;
  releases: Release[];
}

/** Sorted releases cut into runs of one day each (in `zone`). */
export function groupByDay(sorted: readonly Release[], zone: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const release of sorted) {
    const day = releaseDay(release, zone);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.releases.push(release);
    else groups.push({ day, releases: [release] });
  }
  return groups;
}
