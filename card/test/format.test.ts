import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  formatBytes,
  formatDateTime,
  formatDay,
  formatDayHeader,
  formatPercent,
  formatRelative,
  formatSpeed,
  formatTime,
  formatTimeLeft,
  type Locale,
} from "../src/format";

const en = { lang: "en", tag: "en" } as const;
const fr = { lang: "fr", tag: "fr" } as const;
// Intl may separate French numbers and units with narrow no-break spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

function locale(timeZone: string, fields: Partial<Locale> = {}): Locale {
  return { lang: "en", tag: "en", hour12: false, timeZone, ...fields };
}

describe("formatBytes and formatSpeed", () => {
  test("decimal units, one decimal below ten", () => {
    assert.equal(formatBytes(0, en), "0 B");
    assert.equal(formatBytes(999, en), "999 B");
    assert.equal(formatBytes(1_500, en), "1.5 kB");
    assert.equal(formatBytes(12_345_678, en), "12 MB");
    assert.equal(formatBytes(4_700_000_000, en), "4.7 GB");
    assert.equal(formatBytes(2_000_000_000_000, en), "2 TB");
    assert.equal(formatBytes(999_999, en), "1 MB", "rounds up into the next unit");
  });

  test("French units and decimal comma", () => {
    assert.equal(plain(formatBytes(4_700_000_000, fr)), "4,7 Go");
    assert.equal(plain(formatSpeed(2_500_000, fr)), "2,5 Mo/s");
  });

  test("speed per second; nonsense reads as zero", () => {
    assert.equal(formatSpeed(2_500_000, en), "2.5 MB/s");
    assert.equal(formatSpeed(0, en), "0 B/s");
    assert.equal(formatSpeed(Number.NaN, en), "0 B/s");
    assert.equal(formatBytes(-5, en), "0 B");
  });
});

describe("formatTimeLeft", () => {
  test("hours and minutes, minutes, seconds, days", () => {
    assert.equal(formatTimeLeft(3_900, "en"), "1 h 5 min");
    assert.equal(formatTimeLeft(3_600, "en"), "1 h");
    assert.equal(formatTimeLeft(300, "en"), "5 min");
    assert.equal(formatTimeLeft(45, "en"), "45 s");
    assert.equal(formatTimeLeft(2 * 86_400 + 3 * 3_600 + 59, "en"), "2 d 3 h");
    assert.equal(formatTimeLeft(2 * 86_400 + 3 * 3_600, "fr"), "2 j 3 h");
  });

  test("no estimate is infinite", () => {
    assert.equal(formatTimeLeft(null, "en"), "∞");
    assert.equal(formatTimeLeft(8_640_000, "en"), "∞");
  });
});

test("formatPercent follows the language", () => {
  assert.equal(formatPercent(42.37, "en"), "42.4%");
  assert.equal(plain(formatPercent(42.37, "fr")), "42,4 %");
  assert.equal(formatPercent(100, "en"), "100%");
});

describe("dates in the user's zone", () => {
  const episode = "2026-12-08T01:30:00Z";

  test("an episode's time is read in the zone", () => {
    assert.equal(formatTime(episode, locale("America/New_York")), "20:30");
    assert.equal(formatTime(episode, locale("Europe/Paris")), "02:30");
    assert.equal(formatTime(episode, locale("America/New_York", { hour12: true })), "8:30 PM");
  });

  test("the date and time together", () => {
    assert.equal(formatDateTime(episode, locale("America/New_York")), "Mon, Dec 7, 20:30");
    assert.equal(formatDateTime(episode, locale("Europe/Paris")), "Tue, Dec 8, 02:30");
  });

  test("a calendar day is never shifted", () => {
    assert.equal(formatDay("2026-12-08", "en"), "Tuesday, Dec 8");
    assert.equal(formatDay("2026-12-08", "fr"), "Mardi 8 déc.");
  });

  test("day headers: today, tomorrow, else the date", () => {
    assert.equal(formatDayHeader("2026-12-08", "2026-12-08", en), "Today");
    assert.equal(formatDayHeader("2026-12-09", "2026-12-08", en), "Tomorrow");
    assert.equal(formatDayHeader("2027-01-01", "2026-12-31", fr), "Demain");
    assert.equal(formatDayHeader("2026-12-10", "2026-12-08", en), "Thursday, Dec 10");
    assert.equal(formatDayHeader("2026-12-07", "2026-12-08", fr), "Lundi 7 déc.");
  });

  test("relative times", () => {
    const now = Date.parse("2026-12-08T12:00:00Z");
    assert.equal(formatRelative("2026-12-08T09:00:00Z", now, "en"), "3 hours ago");
    assert.equal(formatRelative("2026-12-08T11:55:00Z", now, "en"), "5 minutes ago");
    assert.equal(formatRelative("2026-12-07T12:00:00Z", now, "en"), "yesterday");
    assert.equal(plain(formatRelative("2026-12-08T09:00:00Z", now, "fr")), "il y a 3 heures");
  });
});

test("formatPercent's fast path writes what Intl writes", () => {
  for (const tag of ["en", "fr", "de", "tr", "en-IN", "ar", "fa"]) {
    const intl = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
    for (const percent of [0, 0.04, 0.05, 7, 42.37, 99.95, 100]) {
      assert.equal(formatPercent(percent, tag), intl.format(percent / 100), `${tag} ${percent}`);
    }
  }
});
