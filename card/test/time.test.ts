import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addDays, groupByDay, releaseDay, resolveTimeZone, zonedDay, zonedWallClock } from "../src/time";
import { sortReleases } from "../src/store";
import { release } from "./fixtures";

describe("days in a zone", () => {
  const episode = release("e", { at: "2026-12-08T01:30:00Z" });
  const movie = release("m", { at: null, date: "2026-12-08", source: "radarr" });

  test("an episode at 01:30Z is Dec 7 in New York and Dec 8 in Paris", () => {
    assert.equal(zonedWallClock(episode.at!, "America/New_York"), "2026-12-07T20:30");
    assert.equal(zonedWallClock(episode.at!, "Europe/Paris"), "2026-12-08T02:30");
    assert.equal(releaseDay(episode, "America/New_York"), "2026-12-07");
    assert.equal(releaseDay(episode, "Europe/Paris"), "2026-12-08");
  });

  test("a movie's date is the same day in every zone", () => {
    for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York", "UTC", "Asia/Tokyo"]) {
      assert.equal(releaseDay(movie, zone), "2026-12-08", zone);
    }
  });

  test("midnight is hour 00, not 24", () => {
    assert.equal(zonedWallClock("2026-12-08T00:00:00Z", "UTC"), "2026-12-08T00:00");
  });

  test("addDays crosses months, years and DST changes", () => {
    assert.equal(addDays("2026-12-31", 1), "2027-01-01");
    assert.equal(addDays("2026-03-29", 1), "2026-03-30");
    assert.equal(addDays("2026-03-01", -1), "2026-02-28");
  });

  test("zonedDay of now-ish instants", () => {
    assert.equal(zonedDay(Date.parse("2026-06-30T23:30:00Z"), "Asia/Tokyo"), "2026-07-01");
  });
});

test("groupByDay cuts sorted releases into days of the zone", () => {
  const releases = [
    release("a", { at: "2026-12-07T23:00:00Z" }),
    release("b", { at: "2026-12-08T01:30:00Z" }),
    release("m", { at: null, date: "2026-12-08", source: "radarr" }),
    release("c", { at: "2026-12-08T20:00:00Z" }),
  ];
  const summary = (zone: string) =>
    groupByDay(sortReleases(releases, zone), zone).map((group) => [group.day, group.releases.map((r) => r.id).join("")]);
  assert.deepEqual(summary("UTC"), [
    ["2026-12-07", "a"],
    ["2026-12-08", "mbc"],
  ]);
  // In New York a and b are both evening of Dec 7.
  assert.deepEqual(summary("America/New_York"), [
    ["2026-12-07", "ab"],
    ["2026-12-08", "mc"],
  ]);
});

describe("resolveTimeZone", () => {
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;

  test("'server' takes the server's zone", () => {
    assert.equal(resolveTimeZone("server", "Asia/Tokyo"), "Asia/Tokyo");
  });

  test("'local' takes the browser's", () => {
    assert.equal(resolveTimeZone("local", "Asia/Tokyo"), browser);
    assert.equal(resolveTimeZone(undefined, "Asia/Tokyo"), browser);
  });

  test("an unknown server zone falls back to the browser's", () => {
    assert.equal(resolveTimeZone("server", "Mars/Olympus"), browser);
    assert.equal(resolveTimeZone("server", undefined), browser);
  });
});
